package report

import "sort"

// shortWaits is how many whole seconds of queue time a histogram keeps in
// an array; longer waits, rare, go in a map.
const shortWaits = 4096

// waitHistogram counts queue times in whole seconds, so that the 90th
// percentile of a period, an hour of the day or a day of the week is read
// from counts rather than from every call kept in memory. The array is
// made on the first wait, so the hours nobody rings cost nothing.
type waitHistogram struct {
	short *[shortWaits]int32
	long  map[int64]int
}

func (h *waitHistogram) add(secs int64) {
	if secs >= shortWaits {
		if h.long == nil {
			h.long = map[int64]int{}
		}
		h.long[secs]++
		return
	}
	if h.short == nil {
		h.short = new([shortWaits]int32)
	}
	h.short[secs]++
}

// p90 is the nearest-rank 90th percentile, in whole seconds; zero with no waits.
func (h waitHistogram) p90() int64 {
	var hist []MinuteCount
	if h.short != nil {
		for secs, n := range h.short {
			if n > 0 {
				hist = append(hist, MinuteCount{Minutes: int64(secs), Count: int(n)})
			}
		}
	}
	for secs, n := range h.long {
		hist = append(hist, MinuteCount{Minutes: secs, Count: n})
	}
	sort.Slice(hist, func(i, j int) bool { return hist[i].Minutes < hist[j].Minutes })
	return Percentile(hist, 90)
}

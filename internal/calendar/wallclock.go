package calendar

import "time"

// instant is the earliest instant, in nanoseconds since the Unix epoch, at
// which the wall clock in loc reads the given day and minute or later.
// minute may be 24*60, the next day's midnight.
//
// time.Date alone will not do: for a wall-clock time the clocks skip or
// repeat it promises only "one of the two zones involved", which could put
// a span's end before its start or let adjacent spans overlap. The rule
// here is monotonic, so a day's intervals stay ordered and disjoint.
func instant(loc *time.Location, d Date, minute int) int64 {
	t := time.Date(d.Year, d.Month, d.Day, 0, minute, 0, 0, loc)
	want := time.Date(d.Year, d.Month, d.Day, 0, minute, 0, 0, time.UTC).Unix()
	got := wallSeconds(t)
	switch {
	case got == want:
		// The time exists; if it also happened in the zone period before
		// t's (clocks went back), that earlier occurrence is the answer.
		start, _ := t.ZoneBounds()
		if !start.IsZero() {
			_, off := start.Add(-time.Nanosecond).Zone()
			if u := want - int64(off); u < start.Unix() && wallSeconds(time.Unix(u, 0).In(loc)) == want {
				return u * 1e9
			}
		}
		return t.UnixNano()
	case got > want:
		// Skipped, and time.Date answered after the jump: the jump is the
		// start of t's zone period.
		if start, _ := t.ZoneBounds(); !start.IsZero() {
			return start.UnixNano()
		}
	default:
		// Skipped, and time.Date answered before the jump.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			return end.UnixNano()
		}
	}
	return t.UnixNano()
}

// wallSeconds is what t's wall clock reads, counted as if it were UTC.
func wallSeconds(t time.Time) int64 {
	_, off := t.Zone()
	return t.Unix() + int64(off)
}

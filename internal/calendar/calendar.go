package calendar

import (
	"slices"
	"time"
)

const nsPerDay = int64(24 * time.Hour)

// Between is the working time in [from, to); zero if to is not after from.
// Only the part of the interval inside the calendar's range counts.
func (c *Calendar) Between(from, to time.Time) time.Duration {
	if !from.Before(to) {
		return 0
	}
	a, _ := c.nanos(from)
	b, _ := c.nanos(to)
	return time.Duration(c.worked(b) - c.worked(a))
}

// Add is the instant at which d of working time has passed since from: the
// earliest t with Between(from, t) == d, so when d runs out exactly at the end
// of a span the answer is that end, not the start of the next span. Counting
// starts at from or, if from is outside working hours, at the next working
// instant. d <= 0 gives from. If d runs past the end of the calendar's range
// the answer is the range end (or from, if that is later). The result is in
// from's location.
func (c *Calendar) Add(from time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return from
	}
	ns, _ := c.nanos(from)
	done := c.worked(ns)
	last := len(c.cum) - 1
	if int64(d) > c.cum[last]-done {
		end := time.Unix(0, c.start[last]).In(from.Location())
		if from.After(end) {
			return from
		}
		return end
	}
	target := done + int64(d)
	// cum[0] is 0 and target > 0, so j >= 1: day j-1 is where the working
	// time before it falls short of target and the time to its end does not.
	j, _ := slices.BinarySearch(c.cum, target)
	i := j - 1
	rem := target - c.cum[i]
	for _, v := range c.iv[c.off[i]:c.off[i+1]] {
		if l := v.to - v.from; rem > l {
			rem -= l
			continue
		}
		return time.Unix(0, v.from+rem).In(from.Location())
	}
	panic("calendar: working-time tables are inconsistent") // cum[i+1] >= target guarantees a span above
}

// IsWorking reports whether t falls in working time.
func (c *Calendar) IsWorking(t time.Time) bool {
	ns, ok := c.nanos(t)
	if !ok {
		return false
	}
	i := c.day(ns)
	for _, v := range c.iv[c.off[i]:c.off[i+1]] {
		if ns < v.from {
			break
		}
		if ns < v.to {
			return true
		}
	}
	return false
}

// DayLength is a normal working day: the most common non-zero day length in
// the week, the longer on a tie. Eight hours for Default.
func (c *Calendar) DayLength() time.Duration { return c.dayLen }

// Holidays lists the bank holidays and additions that apply in year, sorted
// by date. An addition on a bank holiday is listed as well, under its own
// title.
func (c *Calendar) Holidays(year int) []Holiday {
	hs := BankHolidays(c.def.Region, year)
	for _, h := range c.def.Additions {
		if h.Date.Year == year {
			hs = append(hs, h)
		}
	}
	sortHolidays(hs)
	return hs
}

// Location is the calendar's zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Definition is the definition the calendar was compiled from (a copy).
func (c *Calendar) Definition() Definition { return c.def.clone() }

// Range is the stretch of time the calendar covers, [from, to).
func (c *Calendar) Range() (from, to time.Time) {
	return time.Unix(0, c.start[0]).In(c.loc), time.Unix(0, c.start[len(c.start)-1]).In(c.loc)
}

// nanos is t in nanoseconds since the epoch, clamped to the range; ok says
// whether t is inside it. Clamping through t.Unix first keeps times far
// outside the range (such as the zero Time) from overflowing.
func (c *Calendar) nanos(t time.Time) (ns int64, ok bool) {
	lo, hi := c.start[0], c.start[len(c.start)-1]
	s := t.Unix()
	switch {
	case s < lo/1e9:
		return lo, false
	case s >= hi/1e9+1:
		return hi, false
	}
	ns = s*1e9 + int64(t.Nanosecond())
	switch {
	case ns < lo:
		return lo, false
	case ns >= hi:
		return hi, false
	}
	return ns, true
}

// worked is the working time from the range start to ns, which must be
// within [start[0], range end].
func (c *Calendar) worked(ns int64) int64 {
	last := len(c.start) - 1
	if ns >= c.start[last] {
		return c.cum[last]
	}
	i := c.day(ns)
	w := c.cum[i]
	for _, v := range c.iv[c.off[i]:c.off[i+1]] {
		if ns <= v.from {
			break
		}
		if ns < v.to {
			return w + ns - v.from
		}
		w += v.to - v.from
	}
	return w
}

// day finds the day i with start[i] <= ns < start[i+1]. Days are 24 hours
// give or take a zone change, so ns/24h from the range start lands on or
// next to the right day; the loops settle it (and cope with days a zone
// skipped entirely, which have start[i] == start[i+1]).
func (c *Calendar) day(ns int64) int {
	i := int((ns - c.start[0]) / nsPerDay)
	if last := len(c.start) - 2; i > last {
		i = last
	}
	for i > 0 && c.start[i] > ns {
		i--
	}
	for c.start[i+1] <= ns {
		i++
	}
	return i
}

package calendar

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// The years a Calendar covers; see the package documentation.
const (
	FirstYear = 2000
	LastYear  = 2100
)

var (
	rangeStart = LocalTime{Date: Date{FirstYear, time.January, 1}}
	rangeEnd   = LocalTime{Date: Date{LastYear + 1, time.January, 1}}
)

// Calendar is a compiled Definition. It holds, for every local day in range,
// the day's working intervals as instants and the working time before the
// day began, so that Between and Add cost the same for three years as for
// three hours. All instants and durations are int64 nanoseconds, which keeps
// sub-second precision and reaches past 2100 without overflow.
type Calendar struct {
	def    Definition
	loc    *time.Location
	dayLen time.Duration

	start []int64    // start[i]: when local day i begins; start[len-1] is the range end
	cum   []int64    // cum[i]: working time from the range start to start[i]
	off   []int32    // day i's working intervals are iv[off[i]:off[i+1]]
	iv    []interval // in time order, disjoint, none empty
}

type interval struct{ from, to int64 }

// New checks d and compiles it for the years FirstYear to LastYear.
// Compiling takes a few milliseconds; keep the Calendar and reuse it.
func New(d Definition) (*Calendar, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	loc, err := d.Location()
	if err != nil {
		return nil, err
	}
	c := &Calendar{def: d.clone(), loc: loc, dayLen: dayLength(d.Week)}
	c.compile()
	return c, nil
}

func (c *Calendar) compile() {
	n := dayNumber(rangeEnd.Date) - dayNumber(rangeStart.Date)
	c.start = make([]int64, n+1)
	c.cum = make([]int64, n+1)
	c.off = make([]int32, n+1)
	steady := c.midnights()

	holiday := make([]bool, n)
	for y := FirstYear; y <= LastYear; y++ {
		for _, h := range c.Holidays(y) {
			if i := dayNumber(h.Date) - dayNumber(rangeStart.Date); i >= 0 && i < n {
				holiday[i] = true
			}
		}
	}

	var week Week
	perWeek := 0
	for wd, spans := range c.def.Week {
		week[wd] = slices.Clone(spans)
		slices.SortFunc(week[wd], func(a, b Span) int { return a.Start - b.Start })
		perWeek += len(spans)
	}
	c.iv = make([]interval, 0, n/7*perWeek+perWeek)

	closed := c.closures()
	var total int64
	day := rangeStart.Date
	wd := day.Weekday()
	for i := range n {
		c.off[i] = int32(len(c.iv))
		c.cum[i] = total
		if !holiday[i] {
			for _, s := range week[wd] {
				// On a steady day wall-clock minutes are plain offsets
				// from midnight; only days with a zone change need instant.
				from, to := c.start[i]+int64(s.Start)*int64(time.Minute), c.start[i]+int64(s.End)*int64(time.Minute)
				if !steady[i] {
					from, to = instant(c.loc, day, s.Start), instant(c.loc, day, s.End)
				}
				closed = c.addOpen(interval{from, to}, closed)
			}
			for _, v := range c.iv[c.off[i]:] {
				total += v.to - v.from
			}
		}
		day = day.next()
		wd = (wd + 1) % 7
	}
	c.off[n] = int32(len(c.iv))
	c.cum[n] = total
	c.iv = slices.Clip(c.iv)
}

// midnights fills c.start and reports which days are steady: 24 hours long
// with no zone change inside, so that their wall-clock minutes are plain
// offsets from midnight. Most days are; asking the zone about every one of
// them (past 2037 Go works each answer out from the zone's rule) would make
// compiling ten times slower, so a midnight is derived from the one before
// while both lie in the same zone period, and worked out afresh only next
// to a change.
func (c *Calendar) midnights() (steady []bool) {
	n := len(c.start) - 1
	steady = make([]bool, n)
	zoneEnd := int64(math.MinInt64) // end of the zone period holding the previous midnight
	day := rangeStart.Date
	for i := range n + 1 {
		if i > 0 && c.start[i-1]+nsPerDay < zoneEnd {
			c.start[i] = c.start[i-1] + nsPerDay
			steady[i-1] = true
		} else {
			c.start[i] = instant(c.loc, day, 0)
			if i > 0 {
				steady[i-1] = c.start[i]-c.start[i-1] == nsPerDay && c.start[i] <= zoneEnd
			}
			t := time.Unix(0, c.start[i]).In(c.loc)
			_, end := t.ZoneBounds()
			switch {
			case DateOf(t) != day || t.Hour() != 0 || t.Minute() != 0:
				// Midnight was skipped (or the whole day, as in Samoa on
				// 30 December 2011): the day starts later than its
				// midnight, and the next day's start is not 24 hours on.
				zoneEnd = math.MinInt64
			case end.IsZero():
				zoneEnd = math.MaxInt64
			default:
				zoneEnd = end.UnixNano()
			}
		}
		day = day.next()
	}
	return steady
}

// closures turns the definition's closures into instants, clipped to the
// range, sorted and merged.
func (c *Calendar) closures() []interval {
	var out []interval
	for _, cl := range c.def.Closures {
		from, to := cl.From, cl.To
		if to.Compare(rangeStart) <= 0 || from.Compare(rangeEnd) >= 0 {
			continue
		}
		if from.Compare(rangeStart) < 0 {
			from = rangeStart
		}
		if to.Compare(rangeEnd) > 0 {
			to = rangeEnd
		}
		out = append(out, interval{instant(c.loc, from.Date, from.Minute), instant(c.loc, to.Date, to.Minute)})
	}
	slices.SortFunc(out, func(a, b interval) int { return cmp.Compare(a.from, b.from) })
	merged := out[:0]
	for _, v := range out {
		if k := len(merged) - 1; k >= 0 && v.from <= merged[k].to {
			merged[k].to = max(merged[k].to, v.to)
			continue
		}
		merged = append(merged, v)
	}
	return merged
}

// addOpen appends the parts of v not covered by a closure. Spans arrive in
// time order, so closures that end before v are dropped for good and the
// rest returned.
func (c *Calendar) addOpen(v interval, closed []interval) []interval {
	for len(closed) > 0 && closed[0].to <= v.from {
		closed = closed[1:]
	}
	cur := v.from
	for _, cl := range closed {
		if cl.from >= v.to {
			break
		}
		if cl.from > cur {
			c.iv = append(c.iv, interval{cur, cl.from})
		}
		cur = max(cur, cl.to)
	}
	if cur < v.to {
		c.iv = append(c.iv, interval{cur, v.to})
	}
	return closed
}

// dayNumber counts days from 1970-01-01, for indexing days by date.
func dayNumber(d Date) int {
	return int(d.utc().Unix() / 86400)
}

// dayLength is the most common non-zero length of a day in the week, the
// longer on a tie: the "working day" that day-based targets count in.
func dayLength(w Week) time.Duration {
	count := map[int]int{}
	for _, spans := range w {
		m := 0
		for _, s := range spans {
			m += s.Minutes()
		}
		if m > 0 {
			count[m]++
		}
	}
	best, bestN := 0, 0
	for m, k := range count {
		if k > bestN || (k == bestN && m > best) {
			best, bestN = m, k
		}
	}
	return time.Duration(best) * time.Minute
}

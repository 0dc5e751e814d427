package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

// propertyDefinitions are calendars with the awkward parts switched on:
// split days, a Saturday span crossing 01:00, a 24-hour Sunday (so the
// clock-change days really are 23 and 25 working hours), additions and
// closures, one of them the whole 25-hour Sunday in October 2024.
func propertyDefinitions(t testing.TB) map[string]Definition {
	rich := Default()
	rich.Week = week(t, map[time.Weekday]string{
		time.Monday: "08:00-12:00, 13:00-17:30", time.Tuesday: "08:00-12:00, 13:00-17:30",
		time.Wednesday: "08:00-12:00, 13:00-17:30", time.Thursday: "08:00-12:00, 13:00-17:30",
		time.Friday: "08:00-12:00, 13:00-16:00", time.Saturday: "00:30-03:00", time.Sunday: "00:00-24:00",
	})
	rich.Additions = []Holiday{{Date: Date{2024, 12, 24}, Title: "Christmas Eve"}, {Date: Date{2025, 3, 30}, Title: "a BST Sunday"}}
	rich.Closures = []Closure{
		closure("2024-10-27T00:00", "2024-10-28T00:00"),
		closure("2024-06-12T12:30", "2024-06-14T10:15"),
		closure("2024-03-31T00:30", "2024-03-31T01:30"), // ends in the skipped hour
		closure("2023-12-29T15:00", "2024-01-03T00:00"),
	}
	apia := rich
	apia.TimeZone, apia.Region, apia.Closures = "Pacific/Apia", "", nil
	lordHowe := apia
	lordHowe.TimeZone = "Australia/Lord_Howe"
	saoPaulo := apia // clocks changed at midnight until 2019
	saoPaulo.TimeZone = "America/Sao_Paulo"
	return map[string]Definition{"london": rich, "default": Default(), "apia": apia, "lord howe": lordHowe, "sao paulo": saoPaulo}
}

// reference decides working time the slow, obvious way: read the wall clock
// and look everything up.
type reference struct {
	def      Definition
	loc      *time.Location
	holidays map[Date]bool
}

func newReference(c *Calendar) *reference {
	r := &reference{def: c.Definition(), loc: c.Location(), holidays: map[Date]bool{}}
	for y := 2005; y <= 2030; y++ {
		for _, h := range c.Holidays(y) {
			r.holidays[h.Date] = true
		}
	}
	return r
}

func (r *reference) working(t time.Time) bool {
	l := t.In(r.loc)
	day := DateOf(l)
	if r.holidays[day] {
		return false
	}
	m := l.Hour()*60 + l.Minute()
	now := LocalTime{day, m}
	for _, cl := range r.def.Closures {
		if cl.From.Compare(now) <= 0 && now.Compare(cl.To) < 0 {
			return false
		}
	}
	for _, s := range r.def.Week[l.Weekday()] {
		if s.Start <= m && m < s.End {
			return true
		}
	}
	return false
}

// between steps minute by minute. Offsets of the zones tested are whole
// minutes, so working or not is constant within each UTC minute.
func (r *reference) between(from, to time.Time) time.Duration {
	var sum time.Duration
	for t := from; t.Before(to); {
		next := t.Truncate(time.Minute).Add(time.Minute)
		if next.After(to) {
			next = to
		}
		if r.working(t) {
			sum += next.Sub(t)
		}
		t = next
	}
	return sum
}

// randomInstant is uniform over 2020–2025, or, half the time, within ten
// days of a clock change or Christmas.
func randomInstant(r *rand.Rand) time.Time {
	if r.IntN(2) == 0 {
		base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		return base.Add(time.Duration(r.Int64N(int64(6 * 365 * 24 * time.Hour))))
	}
	hot := []time.Time{
		time.Date(2024, 3, 31, 1, 0, 0, 0, time.UTC), time.Date(2024, 10, 27, 1, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 30, 1, 0, 0, 0, time.UTC), time.Date(2021, 12, 25, 0, 0, 0, 0, time.UTC),
		time.Date(2022, 12, 25, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 30, 0, 0, 0, 0, time.UTC),
		time.Date(2024, 10, 6, 0, 0, 0, 0, time.UTC), time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC),
		time.Date(2018, 11, 4, 3, 0, 0, 0, time.UTC), time.Date(2018, 2, 18, 2, 0, 0, 0, time.UTC),
	}
	span := int64(20 * 24 * time.Hour)
	return hot[r.IntN(len(hot))].Add(time.Duration(r.Int64N(span) - span/2))
}

func TestBetweenMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 150
	if testing.Short() {
		n = 20
	}
	for name, d := range propertyDefinitions(t) {
		c := compile(t, d)
		ref := newReference(c)
		for range n {
			from := randomInstant(r)
			to := from.Add(time.Duration(r.Int64N(int64(21 * 24 * time.Hour))))
			if got, want := c.Between(from, to), ref.between(from, to); got != want {
				t.Fatalf("%s: Between(%s, %s) = %v, reference says %v", name, from, to, got, want)
			}
			if got, want := c.IsWorking(from), ref.working(from); got != want {
				t.Fatalf("%s: IsWorking(%s) = %v, reference says %v", name, from, got, want)
			}
		}
	}
}

func TestAddInvertsBetween(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for name, d := range propertyDefinitions(t) {
		c := compile(t, d)
		for range 5000 {
			from := randomInstant(r)
			var dur time.Duration
			switch r.IntN(3) {
			case 0:
				dur = time.Duration(r.Int64N(int64(8 * time.Hour)))
			case 1:
				dur = time.Duration(r.Int64N(int64(200 * time.Hour)))
			default:
				dur = time.Duration(r.Int64N(int64(3 * 365 * 8 * time.Hour)))
			}
			got := c.Add(from, dur)
			if b := c.Between(from, got); b != dur {
				t.Fatalf("%s: Between(%s, Add(%s, %v) = %s) = %v", name, from, from, dur, got, b)
			}
			// Add is the earliest such instant.
			if dur > 0 && c.Between(from, got.Add(-time.Nanosecond)) == dur {
				t.Fatalf("%s: Add(%s, %v) = %s is not the earliest instant", name, from, dur, got)
			}
			if dur > 0 && got.Before(from) {
				t.Fatalf("%s: Add(%s, %v) = %s is before from", name, from, dur, got)
			}
		}
	}
}

func TestBetweenIsAdditive(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for name, d := range propertyDefinitions(t) {
		c := compile(t, d)
		for range 5000 {
			a, b, cc := randomInstant(r), randomInstant(r), randomInstant(r)
			if b.Before(a) {
				a, b = b, a
			}
			if cc.Before(b) {
				b, cc = cc, b
			}
			if b.Before(a) {
				a, b = b, a
			}
			if ab, bc, ac := c.Between(a, b), c.Between(b, cc), c.Between(a, cc); ab+bc != ac {
				t.Fatalf("%s: Between(a,b)+Between(b,c) = %v+%v != Between(a,c) = %v (a=%s b=%s c=%s)", name, ab, bc, ac, a, b, cc)
			}
		}
	}
}

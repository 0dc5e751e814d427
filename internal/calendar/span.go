package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Span is one stretch of working hours within a day, in minutes from local
// midnight, [Start, End). A day may have several, such as 08:00-12:00 and
// 13:00-17:00 around a lunch break; End may be 24*60 for "until midnight".
type Span struct{ Start, End int }

const minutesPerDay = 24 * 60

func (s Span) String() string { return clock(s.Start) + "-" + clock(s.End) }

// Minutes is the span's length on an ordinary day.
func (s Span) Minutes() int { return s.End - s.Start }

func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// ParseSpan reads one span, "09:00-17:00". It checks the form and the
// clock readings only; whether spans make sense together is Validate's job.
func ParseSpan(s string) (Span, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	if !ok {
		return Span{}, fmt.Errorf("%q is not a span of hours: want HH:MM-HH:MM, such as 09:00-17:00", s)
	}
	start, err := parseClock(strings.TrimSpace(from))
	if err != nil {
		return Span{}, fmt.Errorf("span %q: %w", s, err)
	}
	end, err := parseClock(strings.TrimSpace(to))
	if err != nil {
		return Span{}, fmt.Errorf("span %q: %w", s, err)
	}
	return Span{start, end}, nil
}

// parseClock reads "H:MM" or "HH:MM" from 00:00 to 24:00.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	if ok && len(h) >= 1 && len(h) <= 2 && len(m) == 2 && digits(h) && digits(m) {
		hh, mm := atoi(h), atoi(m)
		if (hh < 24 && mm < 60) || (hh == 24 && mm == 0) {
			return hh*60 + mm, nil
		}
	}
	return 0, fmt.Errorf("%q is not a time of day: want HH:MM from 00:00 to 24:00", s)
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// ParseWeekSpans reads a day's working hours as people type them,
// "09:00-12:30, 13:30-17:00", and returns them in order. An empty string is
// a day with no working hours.
func ParseWeekSpans(s string) ([]Span, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var spans []Span
	for part := range strings.SplitSeq(s, ",") {
		sp, err := ParseSpan(part)
		if err != nil {
			return nil, err
		}
		spans = append(spans, sp)
	}
	if err := checkSpans(spans); err != nil {
		return nil, err
	}
	slices.SortFunc(spans, func(a, b Span) int { return a.Start - b.Start })
	return spans, nil
}

// checkSpans says what is wrong with a day's spans, if anything.
func checkSpans(spans []Span) error {
	for _, s := range spans {
		switch {
		case s.Start < 0 || s.End > minutesPerDay || s.Start > minutesPerDay || s.End < 0:
			return fmt.Errorf("span %s is not within 00:00-24:00", s)
		case s.Start >= s.End:
			return fmt.Errorf("span %s: start must be before end", s)
		}
	}
	sorted := slices.Clone(spans)
	slices.SortFunc(sorted, func(a, b Span) int { return a.Start - b.Start })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Start < sorted[i-1].End {
			return fmt.Errorf("spans %s and %s overlap", sorted[i-1], sorted[i])
		}
	}
	return nil
}

// Week gives each weekday's spans, indexed by time.Weekday (Sunday=0).
type Week [7][]Span

var dayNames = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// mondayFirst is the order people read a working week in.
var mondayFirst = [7]time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// MarshalJSON writes {"monday":["09:00-17:00"],...,"sunday":[]}: every day,
// Monday first, so a stored calendar reads like a timetable.
func (w Week) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, wd := range mondayFirst {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:[", dayNames[wd])
		for j, s := range w[wd] {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%q", s)
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the form MarshalJSON writes; a missing day has no
// working hours. It refuses what it cannot read but leaves overlaps and
// back-to-front spans to Validate, so that a stored calendar with such a
// mistake can still be loaded, shown and put right.
func (w *Week) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var m map[string][]string
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Errorf("week: want an object of days, such as {\"monday\": [\"09:00-17:00\"]}")
	}
	var out Week
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		wd := slices.Index(dayNames[:], strings.ToLower(k))
		if wd < 0 {
			return fmt.Errorf("week: %q is not a day: use monday to sunday", k)
		}
		if out[wd] != nil {
			return fmt.Errorf("week: %s is given twice", dayNames[wd])
		}
		for i, s := range m[k] {
			sp, err := ParseSpan(s)
			if err != nil {
				return fmt.Errorf("week.%s[%d]: %w", dayNames[wd], i, err)
			}
			out[wd] = append(out[wd], sp)
		}
	}
	*w = out
	return nil
}

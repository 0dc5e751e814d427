package calendar

import (
	"cmp"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day with no zone. Holidays are whole local days;
// carrying them as time.Time would give them a zone and a time of day they
// do not have.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

const (
	dateLayout      = "2006-01-02"
	localTimeLayout = "2006-01-02T15:04"
)

// DateOf is the local day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads "2006-01-02" and refuses days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Valid reports whether d names a real day of a four-digit year, the days
// the JSON form can carry.
func (d Date) Valid() bool {
	if d.Year < 0 || d.Year > 9999 || d.Month < time.January || d.Month > time.December || d.Day < 1 {
		return false
	}
	return DateOf(d.utc()) == d
}

// Compare orders days: -1 if d is before e, 0 if the same, +1 if after.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmp.Compare(d.Year, e.Year)
	case d.Month != e.Month:
		return cmp.Compare(int(d.Month), int(e.Month))
	}
	return cmp.Compare(d.Day, e.Day)
}

// Weekday is the day of the week d falls on.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// AddDays is the day n days after d.
func (d Date) AddDays(n int) Date { return DateOf(d.utc().AddDate(0, 0, n)) }

// next is the following day, without the cost of time arithmetic: New
// steps through some 37,000 days.
func (d Date) next() Date {
	if d.Day < daysIn(d.Month, d.Year) {
		d.Day++
		return d
	}
	d.Day = 1
	if d.Month == time.December {
		d.Month, d.Year = time.January, d.Year+1
	} else {
		d.Month++
	}
	return d
}

func daysIn(m time.Month, year int) int {
	switch m {
	case time.February:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// MarshalJSON writes "2006-01-02", or null for the zero Date (a date not
// given, which Validate reports), so that whatever was read can be written
// back.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == (Date{}) {
		return []byte("null"), nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("date %s is not a real day", d)
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%s is not a date: want a string YYYY-MM-DD", b)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// LocalTime is a wall-clock date and time with no zone, to the minute: when
// a closure starts or ends as people in the office would say it.
type LocalTime struct {
	Date   Date
	Minute int // minutes after local midnight, 0 to 1439
}

// ParseLocalTime reads "2006-01-02T15:04".
func ParseLocalTime(s string) (LocalTime, error) {
	t, err := time.Parse(localTimeLayout, s)
	if err != nil {
		return LocalTime{}, fmt.Errorf("%q is not a local date and time (want YYYY-MM-DDTHH:MM)", s)
	}
	return LocalTime{DateOf(t), t.Hour()*60 + t.Minute()}, nil
}

func (l LocalTime) String() string {
	return fmt.Sprintf("%sT%02d:%02d", l.Date, l.Minute/60, l.Minute%60)
}

// Valid reports whether l names a real day and a minute within it.
func (l LocalTime) Valid() bool { return l.Date.Valid() && l.Minute >= 0 && l.Minute < 24*60 }

// Compare orders local times as a wall clock would.
func (l LocalTime) Compare(m LocalTime) int {
	if c := l.Date.Compare(m.Date); c != 0 {
		return c
	}
	return cmp.Compare(l.Minute, m.Minute)
}

// MarshalJSON writes "2006-01-02T15:04", or null for the zero LocalTime.
func (l LocalTime) MarshalJSON() ([]byte, error) {
	if l == (LocalTime{}) {
		return []byte("null"), nil
	}
	if !l.Valid() {
		return nil, fmt.Errorf("local time %s is not a real day and time", l)
	}
	return json.Marshal(l.String())
}

func (l *LocalTime) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%s is not a local date and time: want a string YYYY-MM-DDTHH:MM", b)
	}
	v, err := ParseLocalTime(s)
	if err != nil {
		return err
	}
	*l = v
	return nil
}

package desksvc

import (
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
)

// PreviousMonth is the first and last day of the month before now's, in the
// time zone named: the period an SLA report covers unless asked otherwise.
func PreviousMonth(now time.Time, timeZone string) (first, last calendar.Date) {
	loc, err := time.LoadLocation(timeZone)
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	start := time.Date(local.Year(), local.Month()-1, 1, 12, 0, 0, 0, time.UTC)
	end := time.Date(local.Year(), local.Month(), 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	return calendar.DateOf(start), calendar.DateOf(end)
}

// Periods are the named periods a report offers, as the committee asks for
// them; "this" periods run to today.
var Periods = []string{"last-month", "this-quarter", "last-quarter", "this-year", "last-year"}

// PeriodLabel words a named period for a link.
func PeriodLabel(name string) string {
	return map[string]string{"last-month": "Last month", "this-quarter": "This quarter so far",
		"last-quarter": "Last quarter", "this-year": "This year so far", "last-year": "Last year"}[name]
}

// NamedPeriod is the first and last day of a named period (Periods) at now,
// in the zone; ok is false for a name that is not one. Quarters are the
// calendar's: January to March, and so on.
func NamedPeriod(name string, now time.Time, timeZone string) (first, last calendar.Date, ok bool) {
	loc, err := time.LoadLocation(timeZone)
	if err != nil {
		loc = time.UTC
	}
	local := now.In(loc)
	day := func(y int, m time.Month, d int) calendar.Date {
		return calendar.DateOf(time.Date(y, m, d, 12, 0, 0, 0, time.UTC))
	}
	today := day(local.Year(), local.Month(), local.Day())
	quarter := (local.Month()-1)/3*3 + 1 // the first month of this quarter
	switch name {
	case "last-month":
		first, last = PreviousMonth(now, timeZone)
	case "this-quarter":
		first, last = day(local.Year(), quarter, 1), today
	case "last-quarter":
		first, last = day(local.Year(), quarter-3, 1), day(local.Year(), quarter, 1).AddDays(-1)
	case "this-year":
		first, last = day(local.Year(), time.January, 1), today
	case "last-year":
		first, last = day(local.Year()-1, time.January, 1), day(local.Year()-1, time.December, 31)
	default:
		return first, last, false
	}
	return first, last, true
}

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

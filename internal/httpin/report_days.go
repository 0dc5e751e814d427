package httpin

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ReportDays reads a report's days from ?period=NAME and ?from=/?to=
// (dates given beside a named period override its ends), in the org's
// zone; the previous month when none is given. Every wrong value is named.
func ReportDays(q url.Values, now time.Time, zone string) (first, last calendar.Date, bad []FieldError) {
	first, last = desksvc.PreviousMonth(now, zone)
	if name := strings.TrimSpace(q.Get("period")); name != "" {
		if f, l, ok := desksvc.NamedPeriod(name, now, zone); ok {
			first, last = f, l
		} else {
			bad = append(bad, FieldError{"period", "period must be one of " + strings.Join(desksvc.Periods, ", ")})
		}
	}
	for _, d := range []struct {
		name string
		into *calendar.Date
	}{{"from", &first}, {"to", &last}} {
		if v := strings.TrimSpace(q.Get(d.name)); v != "" {
			parsed, err := calendar.ParseDate(v)
			if err != nil {
				bad = append(bad, FieldError{d.name, "give the date as year-month-day, for example 2026-04-01"})
				continue
			}
			*d.into = parsed
		}
	}
	return first, last, bad
}

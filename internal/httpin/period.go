package httpin

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ReportPeriod reads a report's days from a query, in the org's zone: the
// previous month unless asked; period=NAME (desksvc.Periods) sets both
// days, and from or to (YYYY-MM-DD, inclusive) beside it overrides one. Its
// error names each parameter it could not read, as a fault.Fields.
func ReportPeriod(q url.Values, now time.Time, timeZone string) (first, last calendar.Date, err error) {
	first, last = desksvc.PreviousMonth(now, timeZone)
	var bad fault.Fields
	if name := q.Get("period"); name != "" {
		f, l, ok := desksvc.NamedPeriod(name, now, timeZone)
		if ok {
			first, last = f, l
		} else {
			bad.Add("period", "period must be one of %s", strings.Join(desksvc.Periods, ", "))
		}
	}
	for _, d := range []struct {
		name string
		into *calendar.Date
	}{{"from", &first}, {"to", &last}} {
		if v := strings.TrimSpace(q.Get(d.name)); v != "" {
			parsed, perr := calendar.ParseDate(v)
			if perr != nil {
				bad.Add(d.name, "enter %s as year-month-day, for example 2026-04-01", d.name)
				continue
			}
			*d.into = parsed
		}
	}
	return first, last, bad.Err()
}

package httpin

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// TicketWhen reads the ticket list's filters the home's figures link to:
// resolved= (today, or month: since the first of the month, as now reads
// in loc), sla= (met or breached: how the resolution clock stands) and
// breach=soon (open tickets whose resolution clock breaches within
// desksvc.BreachSoon of working time, or has breached). Each value ward
// does not know is a FieldError naming its field.
func TicketWhen(q url.Values, now time.Time, loc *time.Location, f *desksvc.TicketFilter) []FieldError {
	var errs []FieldError
	local := now.In(loc)
	today := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	switch v := strings.TrimSpace(q.Get("resolved")); v {
	case "":
	case "today":
		f.ResolvedFrom, f.ResolvedTo = today, today.AddDate(0, 0, 1)
	case "month":
		f.ResolvedFrom = time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, loc)
		f.ResolvedTo = f.ResolvedFrom.AddDate(0, 1, 0)
	default:
		errs = append(errs, FieldError{Field: "resolved", Detail: `"` + v + `" is not a resolved filter (today, month)`})
	}
	switch v := strings.TrimSpace(q.Get("sla")); v {
	case "":
	case string(desk.Met), string(desk.Breached):
		f.Resolution = desk.Status(v)
	default:
		errs = append(errs, FieldError{Field: "sla", Detail: `"` + v + `" is not an SLA filter (met, breached)`})
	}
	switch v := strings.TrimSpace(q.Get("breach")); v {
	case "":
	case "soon":
		f.BreachWithin = desksvc.BreachSoon
	default:
		errs = append(errs, FieldError{Field: "breach", Detail: `"` + v + `" is not a breach filter (soon)`})
	}
	return errs
}

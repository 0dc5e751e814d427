package httpin

import (
	"net/url"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// TicketOpened reads a ticket list's opened= filter into f: "today" keeps
// the tickets opened since midnight in loc, as now reads there. Any other
// value is a FieldError naming the field.
func TicketOpened(q url.Values, now time.Time, loc *time.Location, f *desksvc.TicketFilter) *FieldError {
	switch v := strings.TrimSpace(q.Get("opened")); v {
	case "":
	case "today":
		local := now.In(loc)
		f.OpenedFrom = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
		f.OpenedTo = f.OpenedFrom.AddDate(0, 0, 1)
	default:
		return &FieldError{Field: "opened", Detail: `"` + v + `" is not an opened filter (today)`}
	}
	return nil
}

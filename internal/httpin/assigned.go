package httpin

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// TicketAssigned reads a ticket list's assigned= filter into f: "mine" for
// the tickets assigned to the signed-in user (userID), "unassigned" for
// those assigned to nobody. Any other value, or "mine" with no user behind
// the request (an API token), is a FieldError naming the field.
func TicketAssigned(q url.Values, userID int64, f *desksvc.TicketFilter) []FieldError {
	switch v := strings.TrimSpace(q.Get("assigned")); v {
	case "":
	case "unassigned":
		f.Unassigned = true
	case "mine":
		if userID == 0 {
			return []FieldError{{Field: "assigned", Detail: `"mine" needs a signed-in user; an API token is nobody's queue`}}
		}
		f.AssigneeID = userID
	default:
		return []FieldError{{Field: "assigned", Detail: strconv.Quote(v) + " is not an assigned filter (mine or unassigned)"}}
	}
	return nil
}

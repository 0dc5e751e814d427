package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// assigneeChoices are the users who may work an org's tickets, for the
// assignee select: the user's id as the value, their name as the label.
func (s *Server) assigneeChoices(r *http.Request, rs *requestState, orgID int64) ([]choice, error) {
	workers, err := s.desk.Workers(r.Context(), rs.principal, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]choice, len(workers))
	for i, w := range workers {
		out[i] = choice{Value: idValue(w.ID), Label: w.Name}
	}
	return out, nil
}

// nobodyLabel is the assignee select's empty choice. An imported ticket
// may name an assignee who is not a ward user; the empty choice then keeps
// that name rather than claiming the ticket is unassigned.
func nobodyLabel(t desksvc.Ticket) string {
	if t.AssigneeID == 0 && t.Assignee != "" {
		return t.Assignee + " (from the import)"
	}
	return "Nobody"
}

// idValue is an id as a form value: "" for none.
func idValue(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

// parseID reads an id form value; "" is none (0).
func parseID(v string) (int64, bool) {
	if v == "" {
		return 0, true
	}
	id, err := strconv.ParseInt(v, 10, 64)
	return id, err == nil && id > 0
}

// newTicketAssignees are the choices of assignee on the raise form: the
// workers of the org the ticket goes to or, while the form still offers a
// choice of org, of every org in view (the desk service refuses one who
// does not work the org chosen).
func (s *Server) newTicketAssignees(r *http.Request, rs *requestState) []choice {
	orgs := s.orgsInScope(rs)
	if org, ok := s.formOrg(rs, ""); ok {
		orgs = []accountsvc.Org{org}
	}
	var out []choice
	seen := map[string]bool{}
	for _, o := range orgs {
		list, err := s.assigneeChoices(r, rs, o.ID)
		if err != nil {
			continue // not a worker there: nothing to offer
		}
		for _, c := range list {
			if !seen[c.Value] {
				seen[c.Value] = true
				out = append(out, c)
			}
		}
	}
	return out
}

package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/audit"
)

// actorNames names the people in a record's history by their names, as
// the user may see them; actorIDs keeps the raw identifier behind each.
func (s *Server) actorNames(r *http.Request, rs *requestState) (func(actor string) string, error) {
	people, err := s.accounts.ActorPeople(r.Context(), rs.principal)
	if err != nil {
		return nil, err
	}
	return func(actor string) string { return people(actor).Name }, nil
}

// auditRow is an audit entry as the audit log and the home page show it:
// the actor by name, with the raw actor ("user:ann@…") as its title.
type auditRow struct {
	audit.Entry
	Who, WhoID string
}

func (s *Server) auditRows(r *http.Request, rs *requestState, entries []audit.Entry) ([]auditRow, error) {
	people, err := s.accounts.ActorPeople(r.Context(), rs.principal)
	if err != nil {
		return nil, err
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		n := people(e.Actor)
		rows[i] = auditRow{Entry: e, Who: n.Name, WhoID: e.Actor}
	}
	return rows, nil
}

package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// visitForm prefills the walk-up ticket form from a visitor in a site's
// queue: who they are, where, and the reason they gave, left open for the
// desk (untick nothing: it is a ticket because it was not fixed there).
func (s *Server) visitForm(w http.ResponseWriter, r *http.Request, rs *requestState, id string) (map[string]string, bool) {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		s.notFound(w, r)
		return nil, false
	}
	v, err := s.walkup.Visit(r.Context(), rs.principal, n)
	if err != nil {
		s.refused(w, r, err)
		return nil, false
	}
	form := map[string]string{"visit": id, "number": strconv.Itoa(v.Number), "caller": v.Name, "site": v.SiteName, "title": v.Reason}
	for _, o := range s.orgsInScope(rs) {
		if o.ID == v.OrgID {
			form["org"] = o.Slug
		}
	}
	return form, true
}

// logVisitTicket logs the ticket and finishes the visit in one go.
func (s *Server) logVisitTicket(ctx context.Context, rs *requestState, id string, n desksvc.NewTicket) (desksvc.Ticket, error) {
	visit, _ := strconv.ParseInt(id, 10, 64)
	return s.walkup.LogTicket(ctx, rs.principal, visit, n)
}

// visitSite is the site of a visit, to go back to its queue.
func (s *Server) visitSite(ctx context.Context, rs *requestState, id string) int64 {
	n, _ := strconv.ParseInt(id, 10, 64)
	v, err := s.walkup.Visit(ctx, rs.principal, n)
	if err != nil {
		return 0
	}
	return v.SiteID
}

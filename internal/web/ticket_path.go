package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// ticketPath is a ticket's page, named by its reference: /tickets/ASH-INC-10003.
func ticketPath(ref string) string { return "/tickets/" + url.PathEscape(ref) }

// isTicketID says whether a /tickets/{id} segment is an old link by the
// internal number (/tickets/3) rather than a reference.
func isTicketID(segment string) bool {
	for _, c := range segment {
		if c < '0' || c > '9' {
			return false
		}
	}
	return segment != ""
}

// ticketInScope reads the ticket a /tickets/{id} path names, by reference or
// by an old link's number, with its history; 404 when it is outside the
// user's view, so nobody learns which references or numbers exist.
func (s *Server) ticketInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (desksvc.Ticket, []desk.Event, bool) {
	if isTicketID(r.PathValue("id")) {
		return recordInScope(s, w, r, rs, s.desk.Ticket)
	}
	t, events, err := s.desk.TicketByReference(r.Context(), rs.principal, r.PathValue("id"))
	if desksvc.IsNotFound(err) && s.redirectRenamed(w, r, rs) {
		return t, nil, false
	}
	if err != nil {
		s.refused(w, r, err)
		return t, nil, false
	}
	return t, events, true
}

// redirectRenamed answers a reference from before its org changed its
// prefix with a permanent redirect to the same path under the reference
// now (the method and body kept, so a form posted to an old link still
// lands), after the user's own scoped read; false when it is no such
// reference of a ticket they may see, for a plain 404.
func (s *Server) redirectRenamed(w http.ResponseWriter, r *http.Request, rs *requestState) bool {
	old := r.PathValue("id")
	t, err := s.desk.RenamedTicket(r.Context(), rs.principal, 0, old)
	if err != nil {
		return false
	}
	rest := strings.TrimPrefix(r.URL.Path, "/tickets/"+old)
	to := ticketPath(t.Ref) + rest
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, to, http.StatusPermanentRedirect)
	return true
}

// ticketDetail shows a ticket. An old link by number answers a permanent
// redirect to the reference, after the same scoped read, so a number of
// another org's ticket is a 404 and never reveals a reference.
func (s *Server) ticketDetail(w http.ResponseWriter, r *http.Request, rs *requestState) {
	t, events, ok := s.ticketInScope(w, r, rs)
	if !ok {
		return
	}
	if isTicketID(r.PathValue("id")) {
		to := ticketPath(t.Ref)
		if r.URL.RawQuery != "" {
			to += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, to, http.StatusPermanentRedirect)
		return
	}
	s.showTicket(w, r, rs, http.StatusOK, t, events, nil, nil)
}

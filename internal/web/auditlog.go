package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// auditLog shows the audit log, newest first, a page at a time. Viewing it
// is itself audited (the route is Confidential).
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, rs *requestState) {
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	const pageSize = 50
	// One more than a page says whether an "older" link leads anywhere.
	entries, err := s.accounts.AuditEntries(r.Context(), rs.principal, accountsvc.AuditQuery{BeforeSeq: before, Limit: pageSize + 1, Action: r.URL.Query().Get("action")})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var older int64
	if len(entries) > pageSize {
		entries = entries[:pageSize]
		older = entries[pageSize-1].Seq
	}
	rows, err := s.auditRows(r, rs, entries)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "audit", page{Data: map[string]any{"Entries": rows, "Older": older, "Action": r.URL.Query().Get("action")}})
}

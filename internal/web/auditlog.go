package web

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// auditPageSize is how many entries a page of the audit log shows.
const auditPageSize = 50

type auditData struct {
	Filter                      map[string]string
	People, Orgs, Actions       []choice
	Entries                     []auditRow
	Filtered                    bool
	NewestURL, OlderURL, CSVURL string
}

// auditFilter reads the log's filters, every bad one at once. Days are read
// in the chosen org's zone, or London's for the whole service.
func (s *Server) auditFilter(r *http.Request, rs *requestState) (accountsvc.AuditQuery, auditData, []fieldError, error) {
	q := r.URL.Query()
	data := auditData{Filter: map[string]string{}}
	for _, k := range httpin.AuditFilterKeys {
		data.Filter[k] = q.Get(k)
		data.Filtered = data.Filtered || q.Get(k) != ""
	}
	var errs []fieldError
	loc := london
	var orgID int64
	if slug := q.Get("org"); slug != "" {
		org, ok := s.formOrg(rs, slug)
		if ok {
			orgID, loc = org.ID, zoneOf(org)
		} else {
			errs = append(errs, fieldError{"org", "Choose an organisation from the list"})
		}
	}
	f, bad := httpin.AuditFilter(q, loc)
	for _, b := range bad {
		errs = append(errs, fieldError{b.Field, b.Detail})
	}
	f.OrgID = orgID
	users, err := s.accounts.Users(r.Context(), rs.principal, 0)
	if err != nil {
		return f, data, nil, err
	}
	known := false
	for _, u := range users {
		name := u.Name
		if name == "" {
			name = u.Email
		}
		data.People = append(data.People, choice{u.Email, name + " (" + u.Email + ")"})
		known = known || "user:"+u.Email == f.Actor
	}
	if f.Actor != "" && !known {
		errs = append(errs, fieldError{"actor", "Choose a person from the list"})
	}
	for _, o := range s.orgsInScope(rs) {
		data.Orgs = append(data.Orgs, choice{o.Slug, o.Name})
	}
	for _, a := range audit.Actions {
		data.Actions = append(data.Actions, choice{a.Code, a.Label})
	}
	data.CSVURL = data.link(".csv", 0)
	return f, data, auditErrorOrder(errs), nil
}

// auditErrorOrder puts the errors in the order of the form's fields, so the
// summary reads top to bottom.
func auditErrorOrder(errs []fieldError) []fieldError {
	var out []fieldError
	for _, k := range append(append([]string{}, httpin.AuditFilterKeys...), "before") {
		for _, e := range errs {
			if e.Field == k {
				out = append(out, e)
			}
		}
	}
	return out
}

// link is the log (suffix "" for the page, ".csv" for the export) with the
// current filters and, for an older page, its cursor.
func (d auditData) link(suffix string, before int64) string {
	v := url.Values{}
	for k, val := range d.Filter {
		if val != "" {
			v.Set(k, val)
		}
	}
	if before > 0 {
		v.Set("before", strconv.FormatInt(before, 10))
	}
	if len(v) == 0 {
		return "/admin/audit" + suffix
	}
	return "/admin/audit" + suffix + "?" + v.Encode()
}

// auditLog shows the audit log, newest first, a page at a time, filtered by
// person, org, action, days and text. Viewing it is itself audited (the
// route is Confidential).
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, rs *requestState) {
	f, data, errs, err := s.auditFilter(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "audit", page{Errors: errs, Data: data})
		return
	}
	// One more than a page says whether an "older" link leads anywhere.
	f.Limit = auditPageSize + 1
	entries, err := s.accounts.AuditEntries(r.Context(), rs.principal, f)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	if len(entries) > auditPageSize {
		entries = entries[:auditPageSize]
		data.OlderURL = data.link("", entries[auditPageSize-1].Seq)
	}
	if f.BeforeSeq > 0 {
		data.NewestURL = data.link("", 0)
	}
	if data.Entries, err = s.auditRows(r, rs, entries); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "audit", page{Data: data})
}

// auditCSV downloads every entry the filters select, streamed as read. The
// export is audited, with its filters, by the accounts service.
func (s *Server) auditCSV(w http.ResponseWriter, r *http.Request, rs *requestState) {
	f, _, errs, err := s.auditFilter(r, rs)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(errs) > 0 {
		s.errorPage(w, r, http.StatusBadRequest, "The download's filters are not ones ward knows: go back to the audit log and choose them again.")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="audit-log-`+s.now().In(london).Format(time.DateOnly)+`.csv"`)
	out := &sentWriter{w: w}
	if _, err := s.accounts.ExportAudit(r.Context(), rs.principal, f, r.URL.RawQuery, out); err != nil {
		if out.sent { // the download ends short; the log says why
			s.log.Error("audit export cut short", "err", err)
			return
		}
		h.Del("Content-Disposition")
		h.Set("Content-Type", "text/html; charset=utf-8")
		s.refused(w, r, err)
	}
}

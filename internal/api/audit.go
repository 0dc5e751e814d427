package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// listAudit answers the audit log, newest first, filtered as the page is:
// actor (an e-mail address or raw actor), org (a slug), action, from and to
// (days in the org's zone, else London's), q (text) and before (the seq
// the next page starts below). format=csv streams every match as CSV, and
// that export is itself audited. Every bad parameter is named at once.
func (a *API) listAudit(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	loc, _ := time.LoadLocation("Europe/London")
	var bad []FieldError
	var orgID int64
	if slug := q.Get("org"); slug != "" {
		org, err := a.accounts.OrgBySlug(r.Context(), p, slug)
		if err != nil {
			bad = append(bad, FieldError{Field: "org", Detail: "no organisation " + strconv.Quote(slug) + " that this token can see"})
		} else {
			orgID = org.ID
			if z, err := time.LoadLocation(org.TimeZone); err == nil && org.TimeZone != "" {
				loc = z
			}
		}
	}
	f, errs := httpin.AuditFilter(q, loc)
	f.OrgID = orgID
	limit, badLimit := httpin.Limit(q, 1000)
	format, badFormat := httpin.Format(q, "json", "csv")
	for _, e := range errs {
		bad = append(bad, FieldError{Field: e.Field, Detail: e.Detail})
	}
	for _, e := range []*httpin.FieldError{badLimit, badFormat} {
		if e != nil {
			bad = append(bad, FieldError{Field: e.Field, Detail: e.Detail})
		}
	}
	if len(bad) > 0 {
		problem(w, http.StatusUnprocessableEntity, "Invalid request", "The audit log's filters are not ones ward knows.", bad...)
		return
	}
	if format == "csv" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		out := &sentWriter{w: w}
		if _, err := a.accounts.ExportAudit(r.Context(), p, f, r.URL.RawQuery, out); err != nil {
			if out.sent { // the download ends short; the log says why
				a.log.Error("audit export cut short", "err", err)
				return
			}
			w.Header().Del("Content-Type")
			a.fail(w, r, err)
		}
		return
	}
	f.Limit = limit
	entries, err := a.accounts.AuditEntries(r.Context(), p, f)
	a.reply(w, r, http.StatusOK, map[string]any{"entries": nonNil(entries), "generated_at": a.now().Format(time.RFC3339)}, err)
}

// sentWriter notes whether any of a streamed answer has been written, after
// which an error can no longer be answered as a problem.
type sentWriter struct {
	w    http.ResponseWriter
	sent bool
}

func (s *sentWriter) Write(p []byte) (int, error) {
	s.sent = true
	return s.w.Write(p)
}

package api

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/calendar"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// slaReport is an org's SLA report for tickets opened from `from` to `to`
// (inclusive; the previous month when not given, or a named `period`), as
// JSON, CSV or HTML.
func (a *API) slaReport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	first, last, format, ok := a.reportQuery(w, r, org.TimeZone, "json", "csv", "html")
	if !ok {
		return
	}
	rep, err := a.desk.SLAReport(r.Context(), p, org, first, last)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.sendReport(w, r, format, "sla-"+org.Slug+"-"+rep.From+"-to-"+rep.To, func(out io.Writer) error {
		switch format {
		case "csv":
			return rep.WriteCSV(out)
		case "html":
			return rep.WriteHTML(out)
		}
		return rep.WriteJSON(out)
	})
}

// slaComparison is every council the token sees, side by side, for the
// same days (a named period is worked out in the first council's zone).
func (a *API) slaComparison(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	councils, err := a.councils(r, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	zone := "Europe/London"
	if len(councils) > 0 {
		zone = councils[0].TimeZone
	}
	first, last, format, ok := a.reportQuery(w, r, zone, "json", "csv")
	if !ok {
		return
	}
	cmp, err := a.desk.SLAComparison(r.Context(), p, councils, first, last)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if format == "json" {
		writeJSON(w, http.StatusOK, cmp)
		return
	}
	a.sendReport(w, r, format, "sla-councils-"+cmp.From+"-to-"+cmp.To, cmp.WriteCSV)
}

// councils is every council in the principal's view whose reports it may read.
func (a *API) councils(r *http.Request, p tenancy.Principal) ([]accountsvc.Org, error) {
	orgs, err := a.accounts.Orgs(r.Context(), p)
	var out []accountsvc.Org
	for _, o := range orgs {
		if o.Kind == tenancy.KindCouncil && desksvc.CanReport(p, o.ID) {
			out = append(out, o)
		}
	}
	return out, err
}

// reportQuery reads a report's period and format; false when it answered
// the request with the problem.
func (a *API) reportQuery(w http.ResponseWriter, r *http.Request, timeZone string, formats ...string) (first, last calendar.Date, format string, ok bool) {
	q := r.URL.Query()
	first, last, badDays := httpin.ReportDays(q, a.now(), timeZone)
	format = strings.ToLower(q.Get("format"))
	if format == "" {
		format = formats[0]
	}
	var bad fault.Fields
	for _, f := range badDays {
		bad.Add(f.Field, "%s", f.Detail)
	}
	if !slices.Contains(formats, format) {
		bad.Add("format", "format must be %s", strings.Join(formats, ", "))
	}
	if len(bad) > 0 {
		a.fail(w, r, bad)
		return first, last, format, false
	}
	return first, last, format, true
}

// sendReport answers with a report in the format asked for: written into
// a buffer first, so that a failure while writing is answered as a
// problem, not as half a file. CSV and HTML come as files named name.
func (a *API) sendReport(w http.ResponseWriter, r *http.Request, format, name string, write func(io.Writer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		a.fail(w, r, err)
		return
	}
	h := w.Header()
	switch format {
	case "csv":
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	case "html":
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+name+`.html"`)
		// The page carries its own styles and nothing else.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	default:
		h.Set("Content-Type", "application/json")
	}
	_, _ = w.Write(buf.Bytes())
}

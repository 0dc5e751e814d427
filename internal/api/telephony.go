package api

import (
	"io"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// telephonyReport answers GET /api/v1/orgs/{slug}/reports/telephony with
// ?from=&to= or ?period=, as JSON or (format=csv) CSV. The previous month
// unless asked.
func (a *API) telephonyReport(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	first, last, format, ok := a.reportQuery(w, r, org.TimeZone, "json", "csv")
	if !ok {
		return
	}
	rep, err := a.desk.TelephonyReport(r.Context(), p, org, first, last)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.sendReport(w, r, format, "telephony-"+org.Slug+"-"+rep.From+"-to-"+rep.To, func(out io.Writer) error {
		if format == "csv" {
			return report.WriteTelephonyCSV(out, rep)
		}
		return rep.WriteJSON(out)
	})
}

// allTelephony answers GET /api/v1/reports/telephony: one telephony report
// per council the token sees, for the same days (a named period is worked
// out in the first council's zone), as a JSON list or one CSV.
func (a *API) allTelephony(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	councils, err := a.councils(r, p)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	if len(councils) == 0 {
		a.fail(w, r, fault.NotFound("no council that this token can see"))
		return
	}
	first, last, format, ok := a.reportQuery(w, r, councils[0].TimeZone, "json", "csv")
	if !ok {
		return
	}
	reports := make([]report.Telephony, 0, len(councils))
	for _, org := range councils {
		rep, err := a.desk.TelephonyReport(r.Context(), p, org, first, last)
		if err != nil {
			a.fail(w, r, err)
			return
		}
		reports = append(reports, rep)
	}
	if format == "json" {
		writeJSON(w, http.StatusOK, reports)
		return
	}
	a.sendReport(w, r, format, "telephony-councils-"+reports[0].From+"-to-"+reports[0].To, func(out io.Writer) error {
		return report.WriteTelephonyCSV(out, reports...)
	})
}

// importCalls answers POST /api/v1/orgs/{slug}/calls/import: the body is a
// phone system's call log as CSV (plain or gzipped), refused whole with the
// line and column of its first mistake.
func (a *API) importCalls(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	if !p.Can(tenancy.ManageDesk) {
		a.fail(w, r, fault.Forbidden("this token's role (%s) may not import call logs", p.Role))
		return
	}
	name := httpin.FileName(r.URL.Query().Get("filename"), r.Header.Get("Content-Disposition"), "calls")
	res, err := a.desk.ImportCallLog(r.Context(), p, org, name, r.Body)
	if err == nil {
		writeJSON(w, http.StatusOK, res)
		return
	}
	if tooLarge(w, err, "File too large", "a call log may be at most "+strconv.Itoa(httpin.MaxImport>>20)+" MiB; compress it with gzip or split it") {
		return
	}
	a.fail(w, r, err)
}

// linkCall answers POST /api/v1/orgs/{slug}/calls/{call}/link with
// {"ticket": "ASH-INC-10003"}: the call goes on that ticket.
func (a *API) linkCall(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body struct {
		Ticket string `json:"ticket"`
	}
	if !decode(w, r, &body) {
		return
	}
	t, err := a.desk.LinkCall(r.Context(), p, org.ID, r.PathValue("call"), body.Ticket)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"call": r.PathValue("call"), "ticket": t.Ref})
}

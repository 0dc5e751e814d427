package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type telephonyReportData struct {
	Orgs      []accountsvc.Org // a choice, when the user sees several orgs
	Form      map[string]string
	Report    *report.Telephony
	Downloads map[string]string // format → link
	Periods   []deskLink
}

// telephonyReport shows a council's phone figures for calls queued in a
// period (the previous month unless asked), with CSV and JSON to download.
// Every reading is audited, as the SLA report's is.
func (s *Server) telephonyReport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	form := map[string]string{"org": q.Get("org"), "from": strings.TrimSpace(q.Get("from")), "to": strings.TrimSpace(q.Get("to"))}
	data := telephonyReportData{Form: form}
	c, ok := s.chooseReportOrg(rs, form)
	data.Orgs = c.Orgs
	if !ok {
		s.render(w, r, rs, c.Status, "report_telephony", page{Errors: c.Errs, Data: data})
		return
	}
	org, choice := c.Org, c.Choice
	data.Periods = reportPeriods("/reports/telephony", q.Get("period"), org.Slug, choice)
	first, last, format, errs := s.reportQuery(q, org.TimeZone, form, "csv", "json")
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "report_telephony", page{Errors: errs, Data: data})
		return
	}
	rep, err := s.desk.TelephonyReport(r.Context(), rs.principal, org, first, last)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusUnprocessableEntity, "report_telephony", page{Errors: []fieldError{fieldOn(bad, "from", "to")}, Data: data})
		}
		return
	}
	if format != "" {
		var buf bytes.Buffer
		name := "telephony-" + rep.Org + "-" + rep.From + "-to-" + rep.To
		if format == "csv" {
			err = report.WriteTelephonyCSV(&buf, rep)
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		} else {
			err = rep.WriteJSON(&buf)
			w.Header().Set("Content-Type", "application/json")
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+"."+format+`"`)
		_, _ = w.Write(buf.Bytes())
		return
	}
	data.Report = &rep
	data.Downloads = map[string]string{}
	for _, f := range []string{"csv", "json"} {
		v := url.Values{"from": {rep.From}, "to": {rep.To}, "format": {f}}
		if choice {
			v.Set("org", org.Slug)
		}
		data.Downloads[f] = "/reports/telephony?" + v.Encode()
	}
	s.render(w, r, rs, http.StatusOK, "report_telephony", page{Data: data})
}

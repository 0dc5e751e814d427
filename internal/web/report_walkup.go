package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type walkupReportData struct {
	Orgs      []accountsvc.Org
	Form      map[string]string
	Report    *report.Walkup
	Downloads map[string]string
	Periods   []deskLink
	SiteRows  []report.WalkupRow // every site, then all of them together
}

// walkupReport shows an org's walk-up waits and service times for a period
// (the previous month unless asked), by site, hour and day, with CSV and
// JSON to download. Every reading is audited, as the SLA report's is.
func (s *Server) walkupReport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	form := map[string]string{"org": q.Get("org"), "from": strings.TrimSpace(q.Get("from")), "to": strings.TrimSpace(q.Get("to"))}
	data := walkupReportData{Form: form}
	c, ok := s.chooseReportOrg(rs, form)
	data.Orgs = c.Orgs
	if !ok {
		s.render(w, r, rs, c.Status, "report_walkup", page{Errors: c.Errs, Data: data})
		return
	}
	org, fixed := c.Org, !c.Choice
	data.Periods = reportPeriods("/reports/walkup", q.Get("period"), org.Slug, !fixed)
	first, last, format, errs := s.reportQuery(q, org.TimeZone, form, "csv", "json")
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "report_walkup", page{Errors: errs, Data: data})
		return
	}
	rep, err := s.walkup.Report(r.Context(), rs.principal, org, first, last)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusUnprocessableEntity, "report_walkup", page{Errors: []fieldError{fieldOn(bad, "from", "to")}, Data: data})
		}
		return
	}
	if format != "" {
		var buf bytes.Buffer
		name := "walkup-" + rep.Org + "-" + rep.From + "-to-" + rep.To + "." + format
		if format == "csv" {
			err = report.WalkupReports{rep}.WriteCSV(&buf)
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		} else {
			err = report.WalkupReports{rep}.WriteJSON(&buf)
			w.Header().Set("Content-Type", "application/json")
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
		_, _ = w.Write(buf.Bytes())
		return
	}
	data.Report = &rep
	data.SiteRows = append(append([]report.WalkupRow{}, rep.Sites...), rep.Total)
	data.Downloads = map[string]string{}
	for _, f := range []string{"csv", "json"} {
		v := url.Values{"from": {rep.From}, "to": {rep.To}, "format": {f}}
		if !fixed {
			v.Set("org", org.Slug)
		}
		data.Downloads[f] = "/reports/walkup?" + v.Encode()
	}
	s.render(w, r, rs, http.StatusOK, "report_walkup", page{Data: data})
}

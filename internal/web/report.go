package web

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

type slaReportData struct {
	Orgs   []accountsvc.Org // a choice, when the user sees several orgs
	Form   map[string]string
	Report *report.SLA
	// Comparison is every council side by side, when org=all was asked.
	Comparison *report.Comparison
	Downloads  map[string]string // format → link
	Periods    []deskLink        // the named periods, one link each
}

// allCouncils is the report's choice of every council side by side.
const allCouncils = "all"

// slaReport shows an org's SLA performance for tickets opened in a period
// (the previous month unless asked), with the figures as CSV, a
// self-contained HTML page or JSON to download; or, asked for org=all,
// every council's side by side. Every reading is audited.
func (s *Server) slaReport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	form := map[string]string{"org": q.Get("org"), "from": strings.TrimSpace(q.Get("from")), "to": strings.TrimSpace(q.Get("to"))}
	data := slaReportData{Form: form}
	c, ok := s.chooseReportOrg(rs, form)
	data.Orgs = c.Orgs
	if c.Choice && len(s.reportCouncils(rs)) > 1 {
		data.Orgs = append([]accountsvc.Org{{Slug: allCouncils, Name: "Every council, side by side"}}, data.Orgs...)
	}
	if form["org"] == allCouncils && c.Choice {
		s.slaComparison(w, r, rs, data)
		return
	}
	if !ok {
		s.render(w, r, rs, c.Status, "report_sla", page{Errors: c.Errs, Data: data})
		return
	}
	org, choice := c.Org, c.Choice
	data.Periods = reportPeriods("/reports/sla", q.Get("period"), org.Slug, choice)
	first, last, format, errs := s.reportQuery(q, org.TimeZone, form, "csv", "html", "json")
	if len(errs) > 0 {
		s.render(w, r, rs, http.StatusBadRequest, "report_sla", page{Errors: errs, Data: data})
		return
	}
	rep, err := s.desk.SLAReport(r.Context(), rs.principal, org, first, last)
	if err != nil {
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.render(w, r, rs, http.StatusUnprocessableEntity, "report_sla", page{Errors: []fieldError{fieldOn(bad, "from", "to")}, Data: data})
		}
		return
	}
	if format != "" {
		s.downloadReport(w, r, rep, format)
		return
	}
	data.Report = &rep
	data.Downloads = reportDownloads(rep.From, rep.To, org.Slug, choice, "csv", "html", "json")
	s.render(w, r, rs, http.StatusOK, "report_sla", page{Data: data})
}

// reportQuery reads a report's period and format (empty for the page),
// filling the form's dates with those used; the errors name each field.
func (s *Server) reportQuery(q url.Values, timeZone string, form map[string]string, formats ...string) (first, last calendar.Date, format string, errs []fieldError) {
	first, last, bad := httpin.ReportDays(q, s.now(), timeZone)
	for _, b := range bad {
		switch b.Field {
		case "period":
			errs = append(errs, fieldError{"", "Choose a period from the links, or give the dates"})
		default:
			errs = append(errs, fieldError{b.Field, "Enter the date as year-month-day, for example 2026-04-01"})
		}
	}
	for field, d := range map[string]calendar.Date{"from": first, "to": last} {
		if form[field] == "" {
			form[field] = d.String()
		}
	}
	format = q.Get("format")
	if format != "" && !slices.Contains(formats, format) {
		errs = append(errs, fieldError{"", "The report comes as " + strings.Join(formats, ", ")})
	}
	return first, last, format, errs
}

// reportDownloads links the report in each format.
func reportDownloads(from, to, slug string, choice bool, formats ...string) map[string]string {
	out := map[string]string{}
	for _, f := range formats {
		v := url.Values{"from": {from}, "to": {to}, "format": {f}}
		if choice {
			v.Set("org", slug)
		}
		out[f] = "/reports/sla?" + v.Encode()
	}
	return out
}

// downloadReport sends the report as a file.
func (s *Server) downloadReport(w http.ResponseWriter, r *http.Request, rep report.SLA, format string) {
	var buf bytes.Buffer
	var err error
	name := "sla-" + rep.Org + "-" + rep.From + "-to-" + rep.To
	h := w.Header()
	switch format {
	case "csv":
		err = rep.WriteCSV(&buf)
		h.Set("Content-Type", "text/csv; charset=utf-8")
		name += ".csv"
	case "html":
		err = rep.WriteHTML(&buf)
		h.Set("Content-Type", "text/html; charset=utf-8")
		// The page carries its own styles and nothing else.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		name += ".html"
	default: // json
		err = rep.WriteJSON(&buf)
		h.Set("Content-Type", "application/json")
		name += ".json"
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(buf.Bytes())
}

// reportPeriods is a link to the report for each named period, the one
// shown marked current.
func reportPeriods(path, current, slug string, choice bool) []deskLink {
	var out []deskLink
	for _, name := range desksvc.Periods {
		v := url.Values{"period": {name}}
		if choice {
			v.Set("org", slug)
		}
		out = append(out, deskLink{Label: desksvc.PeriodLabel(name), Href: path + "?" + v.Encode(), Current: name == current})
	}
	return out
}

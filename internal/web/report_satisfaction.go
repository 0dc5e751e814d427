package web

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type satisfactionData struct {
	Orgs      []accountsvc.Org // a choice, when the user sees several orgs
	Form      map[string]string
	Report    *report.Satisfaction
	Downloads map[string]string // format → link
	Comments  string            // the link to the comments, for those who may read them
}

// satisfactionReport shows what callers said of the desk for surveys sent
// in a period (the previous month unless asked), for one org or, with
// org=all, every council in view side by side. Every reading is audited.
func (s *Server) satisfactionReport(w http.ResponseWriter, r *http.Request, rs *requestState) {
	q := r.URL.Query()
	form := map[string]string{"org": q.Get("org"), "from": strings.TrimSpace(q.Get("from")), "to": strings.TrimSpace(q.Get("to"))}
	data := satisfactionData{Form: form}
	orgs := s.orgsInScope(rs)
	if len(orgs) > 1 {
		data.Orgs = orgs
	}
	var chosen []accountsvc.Org
	if form["org"] == allCouncils {
		chosen = s.reportCouncils(rs)
	} else if org, ok := s.formOrg(rs, form["org"]); ok {
		chosen = []accountsvc.Org{org}
	}
	if len(chosen) == 0 {
		status := http.StatusOK
		var errs []fieldError
		if form["org"] != "" {
			status = http.StatusNotFound
			errs = []fieldError{{"org", "Choose an organisation you can see"}}
		}
		s.render(w, r, rs, status, "report_satisfaction", page{Errors: errs, Data: data})
		return
	}
	first, last, bad := httpin.ReportDays(q, s.now(), chosen[0].TimeZone)
	format := q.Get("format")
	if format != "" && format != "csv" && format != "json" {
		bad = append(bad, httpin.FieldError{Field: "format", Detail: "the report comes as csv or json"})
	}
	if len(bad) > 0 {
		var errs []fieldError
		for _, b := range bad {
			errs = append(errs, fieldError{b.Field, sentence(b.Detail)})
		}
		s.render(w, r, rs, http.StatusBadRequest, "report_satisfaction", page{Errors: errs, Data: data})
		return
	}
	rep, err := s.desk.SatisfactionReport(r.Context(), rs.principal, chosen, first, last)
	if err != nil {
		if f := s.refusedForm(w, r, err); f != nil {
			s.render(w, r, rs, http.StatusUnprocessableEntity, "report_satisfaction", page{Errors: []fieldError{fieldOn(f, "from", "to")}, Data: data})
		}
		return
	}
	if format != "" {
		s.downloadSatisfaction(w, r, rep, format)
		return
	}
	form["from"], form["to"] = rep.From, rep.To
	data.Report = &rep
	data.Downloads = map[string]string{}
	for _, f := range []string{"csv", "json"} {
		v := url.Values{"from": {rep.From}, "to": {rep.To}, "format": {f}}
		if form["org"] != "" {
			v.Set("org", form["org"])
		}
		data.Downloads[f] = "/reports/satisfaction?" + v.Encode()
	}
	if len(chosen) == 1 && rs.principal.Can(tenancy.ViewReports) {
		data.Comments = "/reports/satisfaction/comments?" + url.Values{"org": {chosen[0].Slug}, "from": {rep.From}, "to": {rep.To}}.Encode()
	}
	s.render(w, r, rs, http.StatusOK, "report_satisfaction", page{Data: data})
}

func (s *Server) downloadSatisfaction(w http.ResponseWriter, r *http.Request, rep report.Satisfaction, format string) {
	var buf bytes.Buffer
	var err error
	name := "satisfaction-" + strings.Join(rep.Councils, "-") + "-" + rep.From + "-to-" + rep.To
	h := w.Header()
	if format == "csv" {
		err = rep.WriteCSV(&buf)
		h.Set("Content-Type", "text/csv; charset=utf-8")
		name += ".csv"
	} else {
		err = rep.WriteJSON(&buf)
		h.Set("Content-Type", "application/json")
		name += ".json"
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(name) > 120 {
		name = "satisfaction-" + rep.From + "-to-" + rep.To + name[strings.LastIndex(name, "."):]
	}
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(buf.Bytes())
}

package report

import (
	"embed"
	"encoding/json"
	"html/template"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// WriteJSON writes the report as indented JSON.
func (r SLA) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteCSV writes the report as CSV: the priority table first, then each
// breakdown as its own table after a blank line, so a spreadsheet shows them
// one under another. Categories and references come from imported files,
// so cells go through csvout, which keeps a spreadsheet from running them.
func (r SLA) WriteCSV(w io.Writer) error {
	cw := csvout.NewWriter(w)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	_ = cw.Write([]string{"type", "priority", "opened", "resolved", "within_target", "percent_within_target", "target_percent",
		"target_met", "resolution_target_working_hours", "median_resolution_working_hours", "p90_resolution_working_hours",
		"response_target_working_hours", "response_measured", "response_within_target", "percent_response_within_target",
		"response_target_met"})
	for _, p := range r.Rows() {
		_ = cw.Write([]string{p.Type, p.Priority, strconv.Itoa(p.Opened), strconv.Itoa(p.Resolved), strconv.Itoa(p.WithinTarget),
			f(p.PercentWithinTarget), f(p.TargetPercent), strconv.FormatBool(p.TargetMet), f(p.ResolutionTargetHours),
			f(p.MedianResolutionHours), f(p.Percentile90ResolutionHours), f(p.ResponseTargetHours),
			strconv.Itoa(p.ResponseMeasured), strconv.Itoa(p.ResponseWithinTarget), f(p.PercentResponseWithinTarget),
			strconv.FormatBool(p.ResponseTargetMet)})
	}
	for _, section := range []struct {
		name string
		rows []Count
	}{{"category", r.Categories}, {"channel", r.Channels}, {"month", r.Months}, {"backlog_age", r.Backlog}} {
		_ = cw.Write(nil)
		_ = cw.Write([]string{section.name, "tickets"})
		for _, c := range section.rows {
			_ = cw.Write([]string{c.Name, strconv.Itoa(c.Count)})
		}
	}
	_ = cw.Write(nil)
	_ = cw.Write([]string{"nearest_breach", "priority", "state", "status", "deadline", "left_working_hours"})
	for _, t := range r.NearestBreach {
		deadline := ""
		if !t.Deadline.IsZero() {
			deadline = t.Deadline.Format("2006-01-02T15:04:05Z07:00")
		}
		_ = cw.Write([]string{t.Ref, t.Priority, t.State, t.Status, deadline, f(t.LeftHours)})
	}
	return cw.Flush()
}

//go:embed templates/*.html
var templates embed.FS

var slaHTML = template.Must(template.New("sla.html").Funcs(template.FuncMap{
	"pct":  func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" },
	"hrs":  func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) },
	"rows": func(title string, rows []PriorityRow) titledRows { return titledRows{title, rows} },
}).ParseFS(templates, "templates/sla.html"))

type titledRows struct {
	Title string
	Rows  []PriorityRow
}

// WriteHTML writes the report as one self-contained HTML page, fit to
// attach to committee papers: no scripts, no external files.
func (r SLA) WriteHTML(w io.Writer) error { return slaHTML.Execute(w, r) }

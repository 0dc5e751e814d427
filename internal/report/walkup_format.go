package report

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// WalkupReports is the walk-up figures of several orgs, as `--all` writes them.
type WalkupReports []Walkup

// WriteJSON writes the reports as one indented JSON array.
func (rs WalkupReports) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if rs == nil {
		rs = WalkupReports{}
	}
	return enc.Encode(rs)
}

// WalkupColumns heads each row of the figures, in CSV and tables alike.
var WalkupColumns = []string{"org", "by", "name", "visits", "called", "resolved", "tickets", "no_shows",
	"mean_wait_min", "median_wait_min", "p90_wait_min", "longest_wait_min",
	"mean_service_min", "median_service_min", "p90_service_min"}

// Rows is every row of the report, the total first, then by site, hour
// and day of the week, each led by the org and what it is grouped by.
func (r Walkup) Rows() [][]string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	line := func(by string, x WalkupRow) []string {
		return []string{r.Org, by, x.Name, strconv.Itoa(x.Visits), strconv.Itoa(x.Called), strconv.Itoa(x.Resolved),
			strconv.Itoa(x.Tickets), strconv.Itoa(x.NoShows), f(x.MeanWaitMinutes), f(x.MedianWaitMinutes),
			f(x.P90WaitMinutes), f(x.LongestWaitMinutes), f(x.MeanServiceMinutes), f(x.MedianServiceMinutes), f(x.P90ServiceMinutes)}
	}
	out := [][]string{line("total", r.Total)}
	for _, group := range []struct {
		by   string
		rows []WalkupRow
	}{{"site", r.Sites}, {"hour", r.Hours}, {"day", r.Days}} {
		for _, x := range group.rows {
			out = append(out, line(group.by, x))
		}
	}
	return out
}

// WriteCSV writes every org's rows under one header, so a spreadsheet can
// filter them; site names are typed by people, so cells go through csvout.
func (rs WalkupReports) WriteCSV(w io.Writer) error {
	cw := csvout.NewWriter(w)
	_ = cw.Write(append([]string{"from", "to", "time_zone"}, WalkupColumns...))
	for _, r := range rs {
		for _, row := range r.Rows() {
			_ = cw.Write(append([]string{r.From, r.To, r.TimeZone}, row...))
		}
	}
	return cw.Flush()
}

package report

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// Sections is each breakdown with its heading, in the order they are shown.
func (r Satisfaction) Sections() []SatisfactionSection {
	return []SatisfactionSection{{"council", r.ByCouncil}, {"channel", r.Channel}, {"priority", r.Priority},
		{"category", r.Category}, {"team", r.Team}, {"agent", r.Agent}}
}

// SatisfactionSection is one breakdown of the report.
type SatisfactionSection struct {
	Dimension string
	Rows      []SatisfactionRow
}

// WriteJSON writes the report as indented JSON.
func (r Satisfaction) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// SatisfactionHeader is the columns of each CSV table and the CLI's table.
var SatisfactionHeader = []string{"sent", "answered", "response_rate_percent", "average", "score_1", "score_2", "score_3", "score_4", "score_5"}

// Cells is a row's figures as text, in SatisfactionHeader's order.
func (row SatisfactionRow) Cells() []string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	out := []string{strconv.Itoa(row.Sent), strconv.Itoa(row.Answered), f(row.ResponseRate), f(row.Average)}
	for _, n := range row.Distribution {
		out = append(out, strconv.Itoa(n))
	}
	return out
}

// WriteCSV writes the overall figures, then each breakdown as its own table
// after a blank line. Names come from imported tickets (categories, teams),
// so cells go through csvout, which keeps a spreadsheet from running them.
func (r Satisfaction) WriteCSV(w io.Writer) error {
	cw := csvout.NewWriter(w)
	_ = cw.Write(append([]string{"overall"}, SatisfactionHeader...))
	_ = cw.Write(append([]string{r.Overall.Name}, r.Overall.Cells()...))
	for _, s := range r.Sections() {
		_ = cw.Write(nil)
		_ = cw.Write(append([]string{s.Dimension}, SatisfactionHeader...))
		for _, row := range s.Rows {
			_ = cw.Write(append([]string{row.Name}, row.Cells()...))
		}
	}
	return cw.Flush()
}

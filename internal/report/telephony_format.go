package report

import (
	"encoding/json"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// WriteJSON writes the report as indented JSON.
func (r Telephony) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CallColumns are the CSV columns of a row of call figures, after the org
// and the row's name.
var CallColumns = []string{"offered", "answered", "abandoned", "transferred", "still_queued", "answered_within_20s",
	"answered_within_60s", "percent_answered", "percent_abandoned", "percent_within_20s", "percent_within_60s",
	"average_queue_seconds", "p90_queue_seconds"}

// Cells is a row of call figures as text, in CallColumns' order.
func (f CallFigures) Cells() []string {
	n := strconv.Itoa
	p := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	return []string{n(f.Offered), n(f.Answered), n(f.Abandoned), n(f.Transferred), n(f.Waiting), n(f.Within20),
		n(f.Within60), p(f.PercentAnswered), p(f.PercentAbandoned), p(f.PercentWithin20), p(f.PercentWithin60), p(f.AverageQueue),
		strconv.FormatInt(f.P90Queue, 10)}
}

// WriteTelephonyCSV writes one or more councils' reports as CSV: the
// period's totals, then by hour, by day and first-time fix by agent, each
// its own table after a blank line with the org in the first column, so
// that every council can be read side by side. Agent and org names come
// from outside files, so cells go through csvout.
func WriteTelephonyCSV(w io.Writer, reports ...Telephony) error {
	cw := csvout.NewWriter(w)
	p := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	_ = cw.Write(append(append([]string{"org", "from", "to"}, CallColumns...),
		"answered_with_ticket", "first_time_fixes", "first_time_fix_percent"))
	for _, r := range reports {
		f := r.FirstTimeFix
		_ = cw.Write(append(append([]string{r.Org, r.From, r.To}, r.Calls.Cells()...),
			strconv.Itoa(f.WithTicket), strconv.Itoa(f.Fixed), p(f.Rate)))
	}
	for _, section := range []struct {
		name string
		rows func(Telephony) []CallFigures
	}{{"hour", func(r Telephony) []CallFigures { return r.Hours }}, {"day", func(r Telephony) []CallFigures { return r.Days }}} {
		_ = cw.Write(nil)
		_ = cw.Write(append([]string{"org", section.name}, CallColumns...))
		for _, r := range reports {
			for _, row := range section.rows(r) {
				_ = cw.Write(append([]string{r.Org, row.Name}, row.Cells()...))
			}
		}
	}
	_ = cw.Write(nil)
	_ = cw.Write([]string{"org", "agent", "answered_with_ticket", "first_time_fixes", "first_time_fix_percent"})
	for _, r := range reports {
		for _, a := range r.Agents {
			_ = cw.Write([]string{r.Org, a.Agent, strconv.Itoa(a.WithTicket), strconv.Itoa(a.Fixed), p(a.Rate)})
		}
	}
	return cw.Flush()
}

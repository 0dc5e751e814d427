package report

import (
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/csvout"
)

// Comparison is every council's service levels side by side, as the joint
// committee reads them: one row per type and priority, one column per
// council.
type Comparison struct {
	From      string        `json:"from"`
	To        string        `json:"to"`
	Generated time.Time     `json:"generated"`
	Basis     string        `json:"basis"`
	Councils  []ComparedOrg `json:"councils"`
	Rows      []ComparedRow `json:"rows"`
}

// ComparedOrg is one column of a comparison.
type ComparedOrg struct {
	Org      string `json:"org"`
	OrgName  string `json:"org_name"`
	TimeZone string `json:"time_zone"`
	Opened   int    `json:"opened"`
	// Empty says the council opened no ticket in the period, and why its
	// column is blank.
	Empty bool `json:"empty"`
}

// ComparedRow is one type and priority across the councils, in the order
// of Councils.
type ComparedRow struct {
	Type     string        `json:"type"`
	Priority string        `json:"priority"`
	Councils []PriorityRow `json:"councils"`
}

// Compare lays councils' reports for the same period side by side.
func Compare(reports []SLA, generated time.Time) Comparison {
	c := Comparison{Generated: generated, Basis: Basis}
	if len(reports) > 0 {
		c.From, c.To = reports[0].From, reports[0].To
	}
	for i, r := range reports {
		col := ComparedOrg{Org: r.Org, OrgName: r.OrgName, TimeZone: r.TimeZone, Empty: r.Empty()}
		for j, row := range r.Rows() {
			col.Opened += row.Opened
			if i == 0 {
				c.Rows = append(c.Rows, ComparedRow{Type: row.Type, Priority: row.Priority})
			}
			if j < len(c.Rows) {
				c.Rows[j].Councils = append(c.Rows[j].Councils, row)
			}
		}
		c.Councils = append(c.Councils, col)
	}
	return c
}

// Empty says no council opened a ticket in the period.
func (c Comparison) Empty() bool {
	for _, o := range c.Councils {
		if !o.Empty {
			return false
		}
	}
	return true
}

// EmptyReason is what a comparison with no tickets says instead of zeros.
func (c Comparison) EmptyReason() string {
	return "No council opened a ticket from " + c.From + " to " + c.To + ", so there is nothing to compare: " +
		"tickets are counted in the period they were opened in. Choose a longer or earlier period."
}

// Percent is a share within target as the comparison shows it: the
// percentage and whether the target was met, or a dash when nothing was
// counted.
func Percent(percent float64, counted int, met bool) string {
	if counted == 0 {
		return "–"
	}
	s := strconv.FormatFloat(percent, 'f', 1, 64) + "% "
	if met {
		return s + "met"
	}
	return s + "missed"
}

// WriteCSV writes the comparison as one wide table: for each council, its
// tickets opened, share responded within target and share resolved within
// target, each priority of each type a row.
func (c Comparison) WriteCSV(w io.Writer) error {
	cw := csvout.NewWriter(w)
	head := []string{"type", "priority"}
	for _, o := range c.Councils {
		head = append(head, o.Org+"_opened", o.Org+"_percent_response_within_target", o.Org+"_percent_resolved_within_target")
	}
	_ = cw.Write(head)
	f := func(v float64, n int) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	for _, r := range c.Rows {
		line := []string{r.Type, r.Priority}
		for _, p := range r.Councils {
			line = append(line, strconv.Itoa(p.Opened), f(p.PercentResponseWithinTarget, p.ResponseMeasured), f(p.PercentWithinTarget, p.Resolved))
		}
		_ = cw.Write(line)
	}
	return cw.Flush()
}

// Package report turns counts and measurements into the reports the shared
// service answers for: the SLA performance report per council, as figures,
// JSON, CSV and a self-contained HTML page for the joint committee.
package report

import (
	"math"
	"sort"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// SLA is one org's service-level performance for tickets opened in a period.
type SLA struct {
	Org       string    `json:"org"`
	OrgName   string    `json:"org_name"`
	From      string    `json:"from"` // first day, inclusive
	To        string    `json:"to"`   // last day, inclusive
	TimeZone  string    `json:"time_zone"`
	Generated time.Time `json:"generated"`
	// Counting rules, stated with the figures so a reader need not guess.
	Basis string `json:"basis"`
	// Priorities are the incidents' figures and Requests the requests',
	// each measured against its own policy.
	Priorities    []PriorityRow `json:"priorities"`
	Requests      []PriorityRow `json:"requests"`
	Categories    []Count       `json:"categories"`
	Channels      []Count       `json:"channels"`
	Months        []Count       `json:"months"`
	Backlog       []Count       `json:"backlog_ageing"`
	NearestBreach []OpenTicket  `json:"nearest_breach"`
}

// Empty says no ticket was opened in the period, when every figure is a
// zero that could be mistaken for a perfect or a failed record.
func (r SLA) Empty() bool {
	for _, p := range r.Rows() {
		if p.Opened > 0 {
			return false
		}
	}
	return true
}

// Rows is every priority row: the incidents' and then the requests'.
func (r SLA) Rows() []PriorityRow {
	return append(append(make([]PriorityRow, 0, len(r.Priorities)+len(r.Requests)), r.Priorities...), r.Requests...)
}

// EmptyReason is what a report with no tickets says instead of its zeros.
func (r SLA) EmptyReason() string {
	return "No tickets were opened from " + r.From + " to " + r.To + ", so there is nothing to measure: " +
		"tickets are counted in the period they were opened in. Choose a longer or earlier period, or " +
		"check that the council's tickets have been imported."
}

// PriorityRow is the figures for one priority of one type of ticket.
type PriorityRow struct {
	Type                string  `json:"type"` // incident or request
	Priority            string  `json:"priority"`
	Opened              int     `json:"opened"`
	Resolved            int     `json:"resolved"`
	WithinTarget        int     `json:"within_target"`
	PercentWithinTarget float64 `json:"percent_within_target"`
	TargetPercent       float64 `json:"target_percent"`
	// TargetMet is whether the share within target reached the target
	// percentage; false when nothing was resolved.
	TargetMet                   bool    `json:"target_met"`
	ResolutionTargetHours       float64 `json:"resolution_target_working_hours"`
	MedianResolutionHours       float64 `json:"median_resolution_working_hours"`
	Percentile90ResolutionHours float64 `json:"p90_resolution_working_hours"`
	// First response: ResponseMeasured tickets met or missed their response
	// target (those still within it are not yet counted either way).
	ResponseTargetHours         float64 `json:"response_target_working_hours"`
	ResponseMeasured            int     `json:"response_measured"`
	ResponseWithinTarget        int     `json:"response_within_target"`
	PercentResponseWithinTarget float64 `json:"percent_response_within_target"`
	// ResponseTargetMet is whether the share of responses within target
	// reached the target percentage; false when none was measured.
	ResponseTargetMet bool `json:"response_target_met"`
}

// Count is a number of tickets under a label.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// OpenTicket is an open ticket as the report lists it.
type OpenTicket struct {
	Ref       string    `json:"ref"`
	Priority  string    `json:"priority"`
	Title     string    `json:"title"`
	State     string    `json:"state"`
	Status    string    `json:"status"`
	Deadline  time.Time `json:"deadline,omitzero"`
	LeftHours float64   `json:"left_working_hours"`
	UsedHours float64   `json:"used_working_hours"`
	AgeDays   float64   `json:"age_working_days"`
}

// Basis is how the figures are counted.
const Basis = "Tickets are counted in the period in which they were opened. " +
	"Resolution time is working time from opening to resolution, not counting time in the policy's pause states " +
	"or while resolved. Percent within target is of the tickets resolved. Medians and 90th percentiles are " +
	"nearest-rank over resolved tickets, to the working minute. First response is counted once it has met " +
	"its target or missed it (an open ticket unanswered past its target counts as missed); a ticket still " +
	"awaiting a response within its target is not yet counted. " +
	"Incidents and requests are each measured against their own policy."

// Targets are a priority's working-time targets in the policy in force.
type Targets struct {
	Percent              float64 // the share to be within target
	Response, Resolution time.Duration
}

// PriorityFigures builds a row for one type and priority from the store's
// counts and the policy's targets for it.
func PriorityFigures(typ desk.Type, p desk.Priority, c *PriorityCounts, target Targets) PriorityRow {
	row := PriorityRow{Type: string(typ), Priority: p.String(), TargetPercent: target.Percent,
		ResolutionTargetHours: round2(target.Resolution.Hours()), ResponseTargetHours: round2(target.Response.Hours())}
	if c == nil {
		return row
	}
	row.Opened, row.Resolved, row.WithinTarget = c.Opened, c.Resolved, c.WithinTarget
	if c.Resolved > 0 {
		row.PercentWithinTarget = round2(100 * float64(c.WithinTarget) / float64(c.Resolved))
		row.TargetMet = row.PercentWithinTarget >= target.Percent
	}
	row.ResponseMeasured, row.ResponseWithinTarget = c.ResponseMeasured, c.ResponseWithinTarget
	if c.ResponseMeasured > 0 {
		row.PercentResponseWithinTarget = round2(100 * float64(c.ResponseWithinTarget) / float64(c.ResponseMeasured))
		row.ResponseTargetMet = row.PercentResponseWithinTarget >= target.Percent
	}
	row.MedianResolutionHours = round2(float64(Percentile(c.Minutes, 50)) / 60)
	row.Percentile90ResolutionHours = round2(float64(Percentile(c.Minutes, 90)) / 60)
	return row
}

// Percentile is the nearest-rank p-th percentile of a histogram of minutes:
// the smallest value with at least p% of the counts at or below it. Zero for
// an empty histogram.
func Percentile(h []MinuteCount, p float64) int64 {
	total := 0
	for _, b := range h {
		total += b.Count
	}
	if total == 0 {
		return 0
	}
	sorted := sort.SliceIsSorted(h, func(i, j int) bool { return h[i].Minutes < h[j].Minutes })
	if !sorted {
		h = append([]MinuteCount(nil), h...)
		sort.Slice(h, func(i, j int) bool { return h[i].Minutes < h[j].Minutes })
	}
	rank := int(math.Ceil(p / 100 * float64(total)))
	if rank < 1 {
		rank = 1
	}
	seen := 0
	for _, b := range h {
		seen += b.Count
		if seen >= rank {
			return b.Minutes
		}
	}
	return h[len(h)-1].Minutes
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// Hours is a duration in hours to two places, for reports.
func Hours(d time.Duration) float64 { return round2(d.Hours()) }

// BacklogBands are the ages, in working days, open tickets are grouped by.
var BacklogBands = []struct {
	Name string
	Max  float64 // upper bound in working days, exclusive; 0 = no bound
}{
	{"under 1 working day", 1},
	{"1 to 2 working days", 2},
	{"2 to 5 working days", 5},
	{"5 to 20 working days", 20},
	{"20 working days or more", 0},
}

// Backlog counts open tickets by their age in working days.
func Backlog(open []OpenTicket) []Count {
	out := make([]Count, len(BacklogBands))
	for i, b := range BacklogBands {
		out[i].Name = b.Name
	}
	for _, t := range open {
		for i, b := range BacklogBands {
			if b.Max == 0 || t.AgeDays < b.Max {
				out[i].Count++
				break
			}
		}
	}
	return out
}

// Nearest orders open tickets by time left, least first, and keeps n.
func Nearest(open []OpenTicket, n int) []OpenTicket {
	list := append([]OpenTicket(nil), open...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].LeftHours < list[j].LeftHours })
	if len(list) > n {
		list = list[:n]
	}
	return list
}

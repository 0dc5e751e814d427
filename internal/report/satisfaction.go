package report

import (
	"sort"
	"time"
)

// SurveyTally is what the store counts of the surveys sharing one value of
// one dimension ("council", "channel", "priority", "category", "team" or
// "agent"): every survey is counted once under each dimension.
type SurveyTally struct {
	Dimension, Name string
	Sent, Answered  int
	// Scores counts the answers by score: Scores[0] is how many gave 1.
	Scores [5]int
}

// Add counts another tally of the same group in.
func (t *SurveyTally) Add(o SurveyTally) {
	t.Sent += o.Sent
	t.Answered += o.Answered
	for i, n := range o.Scores {
		t.Scores[i] += n
	}
}

// Dimensions are the breakdowns of the report, in the order shown.
var Dimensions = []string{"council", "channel", "priority", "category", "team", "agent"}

// Satisfaction is what callers said of the desk, for surveys sent in a period.
type Satisfaction struct {
	Councils  []string          `json:"councils"` // the orgs reported on, by slug
	From      string            `json:"from"`     // first day, inclusive
	To        string            `json:"to"`       // last day, inclusive
	Generated time.Time         `json:"generated"`
	Basis     string            `json:"basis"`
	Overall   SatisfactionRow   `json:"overall"`
	ByCouncil []SatisfactionRow `json:"by_council"`
	Channel   []SatisfactionRow `json:"by_channel"`
	Priority  []SatisfactionRow `json:"by_priority"`
	Category  []SatisfactionRow `json:"by_category"`
	Team      []SatisfactionRow `json:"by_team"`
	Agent     []SatisfactionRow `json:"by_agent"`
}

// SatisfactionBasis states how the figures are counted.
const SatisfactionBasis = "A survey counts in the period its mail was due to go out, in each council's time zone; " +
	"surveys cancelled because the ticket was reopened, or not yet due, are not counted. " +
	"Response rate is surveys answered over surveys sent; the average is over answered surveys only, on a scale of 1 (very dissatisfied) to 5 (very satisfied). " +
	"Channel, priority, category, team and agent are the ticket's when it was resolved."

// SatisfactionRow is the figures for one group of surveys.
type SatisfactionRow struct {
	Name     string `json:"name"`
	Sent     int    `json:"sent"`
	Answered int    `json:"answered"`
	// ResponseRate is answered over sent, as a percentage; 0 when none went.
	ResponseRate float64 `json:"response_rate_percent"`
	// Average is the mean score of the answered, to two places; 0 when none.
	Average float64 `json:"average"`
	// Distribution counts answers by score, 1 to 5.
	Distribution [5]int `json:"distribution"`
}

func (r *SatisfactionRow) add(t SurveyTally) {
	r.Sent += t.Sent
	r.Answered += t.Answered
	for i, n := range t.Scores {
		r.Distribution[i] += n
	}
}

func (r *SatisfactionRow) finish() {
	if r.Sent > 0 {
		r.ResponseRate = round2(100 * float64(r.Answered) / float64(r.Sent))
	}
	sum, n := 0, 0
	for i, c := range r.Distribution {
		sum += (i + 1) * c
		n += c
	}
	if n > 0 {
		r.Average = round2(float64(sum) / float64(n))
	}
}

// Empty says no survey was sent in the period.
func (r Satisfaction) Empty() bool { return r.Overall.Sent == 0 }

// EmptyReason is what a report with no surveys says instead of its zeros.
func (r Satisfaction) EmptyReason() string {
	return "No satisfaction survey was sent from " + r.From + " to " + r.To + ". Surveys go out after tickets are " +
		"resolved, to the share of callers each council chose, once surveys are turned on in its settings."
}

// BuildSatisfaction adds the store's tallies up by dimension and name; the
// overall row is the sum of the council rows. Groups are ordered by name.
func BuildSatisfaction(tallies []SurveyTally) (overall SatisfactionRow, byDimension map[string][]SatisfactionRow) {
	groups := map[string]map[string]*SatisfactionRow{}
	overall.Name = "all"
	for _, t := range tallies {
		if t.Dimension == "council" {
			overall.add(t)
		}
		name := t.Name
		if name == "" {
			name = "(none)"
		}
		m := groups[t.Dimension]
		if m == nil {
			m = map[string]*SatisfactionRow{}
			groups[t.Dimension] = m
		}
		r := m[name]
		if r == nil {
			r = &SatisfactionRow{Name: name}
			m[name] = r
		}
		r.add(t)
	}
	overall.finish()
	byDimension = map[string][]SatisfactionRow{}
	for _, d := range Dimensions {
		rows := make([]SatisfactionRow, 0, len(groups[d]))
		for _, r := range groups[d] {
			r.finish()
			rows = append(rows, *r)
		}
		sort.Slice(rows, func(a, b int) bool { return rows[a].Name < rows[b].Name })
		byDimension[d] = rows
	}
	return overall, byDimension
}

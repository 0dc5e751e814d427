package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/report"
)

// TestSatisfactionRollsUpByEachDimension checks figures worked out by hand:
// four surveys sent by two agents, three answered with 5, 4 and 1.
func TestSatisfactionRollsUpByEachDimension(t *testing.T) {
	tallies := []report.SurveyTally{
		{Council: "ashcombe", Channel: "phone", Priority: "P3", Team: "Desk", Agent: "Ann", Sent: 2, Answered: 2, Scores: [5]int{0, 0, 0, 1, 1}},
		{Council: "ashcombe", Channel: "email", Priority: "P3", Team: "Desk", Agent: "Bob", Sent: 2, Answered: 1, Scores: [5]int{1, 0, 0, 0, 0}},
	}
	all, council, channel, priority, category, team, agent := report.BuildSatisfaction(tallies)
	if all.Sent != 4 || all.Answered != 3 || all.ResponseRate != 75 || all.Average != 3.33 || all.Distribution != [5]int{1, 0, 0, 1, 1} {
		t.Errorf("overall: %+v", all)
	}
	if len(council) != 1 || council[0].Average != 3.33 || len(priority) != 1 || len(team) != 1 {
		t.Errorf("council %+v priority %+v team %+v", council, priority, team)
	}
	if len(channel) != 2 || channel[0].Name != "email" || channel[0].Average != 1 || channel[1].Average != 4.5 {
		t.Errorf("channels: %+v", channel)
	}
	if len(agent) != 2 || agent[1].Name != "Bob" || agent[1].ResponseRate != 50 {
		t.Errorf("agents: %+v", agent)
	}
	if len(category) != 1 || category[0].Name != "(none)" {
		t.Errorf("categories: %+v", category)
	}
	r := report.Satisfaction{Overall: all, ByCouncil: council, Channel: channel, Agent: agent}
	var b bytes.Buffer
	if err := r.WriteCSV(&b); err != nil || !strings.Contains(b.String(), "all,4,3,75.00,3.33,1,0,0,1,1") {
		t.Errorf("csv: %v\n%s", err, b.String())
	}
}

package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/report"
)

// TestSatisfactionRollsUpByEachDimension checks figures worked out by hand:
// four surveys sent by two agents, three answered with 4, 5 and 1.
func TestSatisfactionRollsUpByEachDimension(t *testing.T) {
	var tallies []report.SurveyTally
	for _, sv := range []struct {
		channel, agent string
		score          int
	}{{"phone", "Ann", 4}, {"phone", "Ann", 5}, {"email", "Bob", 1}, {"email", "Bob", 0}} {
		for _, d := range [][2]string{{"council", "ashcombe"}, {"channel", sv.channel}, {"priority", "P3"}, {"category", ""}, {"team", "Desk"}, {"agent", sv.agent}} {
			t := report.SurveyTally{Dimension: d[0], Name: d[1], Sent: 1}
			if sv.score > 0 {
				t.Answered, t.Scores[sv.score-1] = 1, 1
			}
			tallies = append(tallies, t)
		}
	}
	all, by := report.BuildSatisfaction(tallies)
	council, channel, priority, category, team, agent := by["council"], by["channel"], by["priority"], by["category"], by["team"], by["agent"]
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

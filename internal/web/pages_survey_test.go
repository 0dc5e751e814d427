package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// surveyPageCases are the satisfaction survey pages: the settings form, the
// caller's link in each of its states, the report and the comments.
func surveyPageCases(signedIn func(page) page, north, south store.Org) []pageCase {
	token := "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
	rep := report.Satisfaction{Councils: []string{"north-shire"}, From: "2026-10-01", To: "2026-12-31", Basis: report.SatisfactionBasis,
		Overall:   report.SatisfactionRow{Name: "all", Sent: 10, Answered: 4, ResponseRate: 40, Average: 4.75, Distribution: [5]int{0, 0, 0, 1, 3}},
		ByCouncil: []report.SatisfactionRow{{Name: "north-shire", Sent: 10, Answered: 4, ResponseRate: 40, Average: 4.75, Distribution: [5]int{0, 0, 0, 1, 3}}},
		Channel:   []report.SatisfactionRow{{Name: "walk-up", Sent: 10, Answered: 4, ResponseRate: 40, Average: 4.75, Distribution: [5]int{0, 0, 0, 1, 3}}}}
	settings := map[string]string{"enabled": "on", "delay": "x", "sample": "35", "link_days": "14", "cooloff_days": "30", "followup_score": "2"}
	return []pageCase{
		{name: "settings_surveys", label: "form with an error", pg: signedIn(page{Errors: []fieldError{{"delay", "Give a whole number"}},
			Data: surveySettingsData{Org: north, Form: settings, Now: "surveys on"}}),
			want: []string{`action="/settings/north-shire/surveys"`, `<a href="#delay">`, `value="x"`, `value="35"`, "surveys on"}, ids: []string{"delay-error", "survey-now"}},
		{name: "survey", label: "choose a score", pg: page{Data: surveyData{Token: token, Scores: scoreLinks()}},
			want: []string{`href="/survey/` + token + `?score=5"`, "Very satisfied"}, ids: []string{"survey-scores"}},
		{name: "survey", label: "recorded", pg: page{Data: surveyData{Token: token, Answer: desksvc.SurveyAnswer{Ref: "NOR-INC-10001", OrgName: north.Name, Score: 4, Recorded: true, CanComment: true}}},
			want: []string{"NOR-INC-10001", `action="/survey/` + token + `"`, `name="comment"`}, ids: []string{"survey-recorded", "survey-score"}},
		{name: "survey", label: "already recorded", pg: page{Data: surveyData{Token: token, Answer: desksvc.SurveyAnswer{Ref: "NOR-INC-10001", OrgName: north.Name, Score: 4, Comment: "ok"}}},
			wantNot: []string{`name="comment"`}, ids: []string{"survey-already"}},
		{name: "survey", label: "thanked", pg: page{Data: surveyData{Token: token, Thanked: true, Answer: desksvc.SurveyAnswer{OrgName: north.Name, Score: 4}}},
			ids: []string{"survey-thanks"}, wantNot: []string{`name="comment"`}},
		{name: "report_satisfaction", label: "report", pg: signedIn(page{Data: satisfactionData{Orgs: []store.Org{north, south},
			Form: map[string]string{"org": "north-shire", "from": "2026-10-01", "to": "2026-12-31"}, Report: &rep,
			Downloads: map[string]string{"csv": "/reports/satisfaction?format=csv", "json": "/reports/satisfaction?format=json"},
			Comments:  "/reports/satisfaction/comments?org=north-shire"}}),
			want: []string{"4.75 out of 5", "40.0%", "walk-up", `<option value="all">`, "Read callers’ comments"},
			ids:  []string{"overall", "by-council", "by-channel", "by-agent", "downloads", "comments-link"}},
		{name: "report_satisfaction", label: "empty", pg: signedIn(page{Data: satisfactionData{Form: map[string]string{}, Report: &report.Satisfaction{From: "2026-10-01", To: "2026-10-31"}}}),
			ids: []string{"report-empty"}, wantNot: []string{`id="overall"`}},
		{name: "survey_comments", label: "comments", pg: signedIn(page{Data: surveyCommentsData{Org: north, From: "2026-10-01", To: "2026-12-31",
			Comments: []desksvc.SurveyComment{{TicketRef: "NOR-INC-10001", Score: 2, Comment: "Took three calls", Team: "Desk", Agent: "Sam", AnsweredAt: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)}},
			NextURL:  "/reports/satisfaction/comments?cursor=x"}}),
			want: []string{"Took three calls", `href="/tickets/NOR-INC-10001"`, "audit log"}, ids: []string{"comments"}},
	}
}

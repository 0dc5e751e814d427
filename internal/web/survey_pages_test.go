package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/service/mailsvc/mailtest"
)

// TestSurveyFromSettingsToReport turns surveys on from the settings page,
// resolves an officer's ticket through the pages, and follows the mailed
// link with a browser that is signed in to nothing: the first score is
// kept, a second click says it was already recorded, the comment form takes
// one comment (and refuses a post from another site); the report shows the
// score and a manager reads the comment, which the audit log records.
func TestSurveyFromSettingsToReport(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		h := a.base
		h.Services.Desk.Notify, h.Services.Desk.BaseURL = true, a.http.URL
		smtp := mailtest.Start(t)
		admin := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, admin, "POST", a.http.URL+"/settings/ashcombe/surveys", url.Values{"enabled": {"on"}, "delay": {"x"}, "sample": {"150"},
			"link_days": {"14"}, "cooloff_days": {"0"}, "followup_score": {"2"}}, nil)
		if res.status != http.StatusUnprocessableEntity || !strings.Contains(res.body, "#delay") || !strings.Contains(res.body, "#sample") {
			t.Fatalf("wrong settings: %d, want both fields named", res.status)
		}
		before := a.audited(t, "survey.settings") // the demo's own settings
		res = do(t, admin, "POST", a.http.URL+"/settings/ashcombe/surveys", url.Values{"enabled": {"on"}, "delay": {"0"}, "sample": {"100"},
			"link_days": {"14"}, "cooloff_days": {"0"}, "followup_score": {"2"}}, nil)
		if res.status != http.StatusSeeOther || a.audited(t, "survey.settings") != before+1 {
			t.Fatalf("save settings: %d", res.status)
		}

		officer := a.signedIn(t, "it.officer@ashcombe.example")
		agent := a.signedIn(t, "agent@abc-shared.example")
		res = do(t, officer, "POST", a.http.URL+"/tickets", url.Values{"type": {"incident"}, "title": {"Scanner jams"}, "impact": {"low"}, "urgency": {"low"}}, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("raise: %d", res.status)
		}
		tk, _ := storedTicket(t, a, ticketIDFrom(t, a, res.location))
		if res := do(t, agent, "POST", a.http.URL+res.location, url.Values{"state": {"resolved"}, "note": {"Cleared the rollers"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("resolve: %d", res.status)
		}
		if d, err := mailsvc.Deliver(context.Background(), h.Store, mailsvc.Config{Addr: smtp.Addr, From: "desk@ward.example"}); err != nil || d.Failed != 0 {
			t.Fatalf("deliver: %+v %v", d, err)
		}
		// The demo may have surveys of its own today: the report is read
		// before and after the caller's score, which must add one 4.
		_, token := a.token(t, "abc-shared", "admin", time.Hour)
		fours := func() (answered, fours int) {
			t.Helper()
			day := time.Now().Format("2006-01-02")
			res := do(t, a.browser(), "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/satisfaction?from="+day+"&to="+day, nil, bearer(token))
			var r report.Satisfaction
			if err := json.Unmarshal([]byte(res.body), &r); err != nil || res.status != 200 {
				t.Fatalf("satisfaction through the API: %d %v %.200s", res.status, err, res.body)
			}
			return r.Overall.Answered, r.Overall.Distribution[3]
		}
		answeredBefore, foursBefore := fours()
		var link string
		for _, m := range smtp.Messages() {
			if strings.Contains(m.Data, "Subject: How did we do? "+tk.Ref) {
				link = regexp.MustCompile(`(http://[^\s]+/survey/[A-Za-z0-9_-]+)\?score=4`).FindStringSubmatch(strings.ReplaceAll(m.Data, "=\r\n", ""))[1]
			}
		}
		if link == "" {
			t.Fatal("no survey mail")
		}

		caller := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}
		res = do(t, caller, "GET", link+"?score=4", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="survey-recorded"`) || !strings.Contains(res.body, `id="survey-score">4<`) {
			t.Fatalf("first click: %d %s", res.status, res.body)
		}
		res = do(t, caller, "GET", link+"?score=1", nil, nil)
		if res.status != 200 || !strings.Contains(res.body, `id="survey-already"`) || !strings.Contains(res.body, `id="survey-score">4<`) {
			t.Fatalf("second click: %d", res.status)
		}
		if res := do(t, caller, "POST", link, url.Values{"comment": {"Sorted within the hour"}}, map[string]string{"Sec-Fetch-Site": "cross-site"}); res.status != http.StatusForbidden {
			t.Errorf("a comment posted from another site: %d", res.status)
		}
		if res := do(t, caller, "POST", link, url.Values{"comment": {"Sorted within the hour"}}, map[string]string{"Sec-Fetch-Site": "same-origin"}); res.status != 200 || !strings.Contains(res.body, "survey-thanks") {
			t.Fatalf("comment: %d", res.status)
		}
		if res := do(t, caller, "GET", a.http.URL+"/survey/not-a-real-token-but-long-enough-000000?score=5", nil, nil); res.status != 404 {
			t.Errorf("an unknown token: %d", res.status)
		}

		day := time.Now().Format("2006-01-02")
		res = do(t, admin, "GET", a.http.URL+"/reports/satisfaction?org=ashcombe&from="+day+"&to="+day, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "out of 5") || !strings.Contains(res.body, "comments-link") {
			t.Fatalf("report: %d", res.status)
		}
		if answered, four := fours(); answered != answeredBefore+1 || four != foursBefore+1 {
			t.Errorf("after the caller scored 4, answered %d → %d and fours %d → %d; want one more of each", answeredBefore, answered, foursBefore, four)
		}
		before = a.audited(t, "view")
		res = do(t, admin, "GET", a.http.URL+"/reports/satisfaction/comments?org=ashcombe&from="+day+"&to="+day, nil, nil)
		if res.status != 200 || !strings.Contains(res.body, "Sorted within the hour") || !strings.Contains(res.body, tk.Ref) {
			t.Fatalf("comments: %d", res.status)
		}
		if a.audited(t, "view") <= before {
			t.Error("reading the comments was not audited")
		}
		if res := do(t, agent, "GET", a.http.URL+"/reports/satisfaction/comments?org=ashcombe", nil, nil); res.status != 403 {
			t.Errorf("an agent reads the comments: %d", res.status)
		}
		if res := do(t, agent, "GET", a.http.URL+"/reports/satisfaction?org=ashcombe&from="+day+"&to="+day, nil, nil); res.status != 200 || strings.Contains(res.body, "comments-link") {
			t.Errorf("an agent's report: %d, or it offers the comments", res.status)
		}
	})
}

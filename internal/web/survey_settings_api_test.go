package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestSurveySettingsThroughTheAPI reads and changes an org's survey
// settings with a token, as the settings page does: every field shown, a
// change saved and audited, a PUT with several mistakes naming each and
// saving none, and a role that may not manage the desk refused.
func TestSurveySettingsThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		url := a.http.URL + "/api/v1/orgs/brentmere/survey-settings"
		read := func(body string) map[string]any {
			t.Helper()
			var m map[string]any
			if err := json.Unmarshal([]byte(body), &m); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			return m
		}
		res := do(t, c, "GET", url, nil, bearer(admin))
		if res.status != 200 {
			t.Fatalf("read: %d %s", res.status, res.body)
		}
		for _, field := range []string{"enabled", "delay_minutes", "sample_percent", "link_days", "cooloff_days", "followup_score", "set"} {
			if _, ok := read(res.body)[field]; !ok {
				t.Errorf("the settings lack %s: %s", field, res.body)
			}
		}
		before := a.audited(t, "survey.settings")
		res = doJSON(t, c, "PUT", url, `{"enabled":true,"delay_minutes":90,"sample_percent":50,"link_days":7,"cooloff_days":10,"followup_score":1}`, bearer(admin))
		got := read(res.body)
		if res.status != 200 || got["enabled"] != true || got["delay_minutes"] != 90.0 || got["sample_percent"] != 50.0 ||
			got["link_days"] != 7.0 || got["cooloff_days"] != 10.0 || got["followup_score"] != 1.0 || got["set"] != true {
			t.Errorf("save: %d %s", res.status, res.body)
		}
		if a.audited(t, "survey.settings") != before+1 {
			t.Errorf("the change was not audited")
		}
		res = doJSON(t, c, "PUT", url, `{"enabled":"yes","delay_minutes":-5,"sample_percent":"half","link_days":0,"cooloff_days":400,"followup_score":9}`, bearer(admin))
		if res.status != 422 {
			t.Fatalf("mistakes: %d %s", res.status, res.body)
		}
		for _, field := range []string{"enabled", "delay_minutes", "sample_percent", "link_days", "cooloff_days", "followup_score"} {
			if !strings.Contains(res.body, `"field":"`+field+`"`) {
				t.Errorf("the mistake in %s is not named: %s", field, res.body)
			}
		}
		if res := do(t, c, "GET", url, nil, bearer(admin)); read(res.body)["sample_percent"] != 50.0 || a.audited(t, "survey.settings") != before+1 {
			t.Errorf("a refused change was saved: %s", res.body)
		}
		// Leaving a field out keeps it.
		if res := doJSON(t, c, "PUT", url, `{"enabled":false}`, bearer(admin)); read(res.body)["enabled"] != false || read(res.body)["link_days"] != 7.0 {
			t.Errorf("a partial change: %d %s", res.status, res.body)
		}
		for _, method := range []string{"GET", "PUT"} {
			if res := doJSON(t, c, method, a.http.URL+"/api/v1/orgs/ashcombe/survey-settings", `{"enabled":true}`, bearer(committee)); res.status != 403 {
				t.Errorf("the committee's token %s: %d", method, res.status)
			}
		}
	})
}

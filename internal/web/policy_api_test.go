package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestPolicyAPI reads a council's status through the JSON API in the
// shape `ward policy status --format json` gives, publishes a minor
// version (the officer may not), and sees the acceptances kept.
func TestPolicyAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		status := func() map[string]map[string]any {
			t.Helper()
			res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/policies/status", nil, bearer(officer))
			var list []map[string]any
			if err := json.Unmarshal([]byte(res.body), &list); err != nil || res.status != 200 || len(list) != 3 {
				t.Fatalf("status: %d %s", res.status, res.body)
			}
			out := map[string]map[string]any{}
			for _, s := range list {
				out[s["document"].(string)] = s
			}
			return out
		}
		before := status()["ict-security-policy"]
		if before["version"] != 2.0 || before["accepted"] == 0.0 {
			t.Fatalf("demo status %v", before)
		}
		body := `{"document":"ict-security-policy","body":"# ICT Security Policy\n\nA typo fixed.\n","material":false}`
		if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/policies", body, bearer(officer)); res.status != 403 {
			t.Fatalf("the officer published: %d", res.status)
		}
		res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/policies", body, bearer(admin))
		if res.status != 201 || !strings.Contains(strings.ReplaceAll(res.body, " ", ""), `"asked":0`) {
			t.Fatalf("publish: %d %s", res.status, res.body)
		}
		after := status()["ict-security-policy"]
		if after["version"] != 3.0 || after["material"] != false || after["accepted"] != before["accepted"] {
			t.Fatalf("a minor version changed acceptance: %v, was %v", after, before)
		}
		// The demo's material second versions, three weeks ago, show as a
		// drop from the first versions' long-settled acceptance.
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/policies/trend", nil, bearer(officer))
		var trend []struct {
			Day      string  `json:"day"`
			InScope  int     `json:"in_scope"`
			Accepted int     `json:"accepted"`
			Percent  float64 `json:"percent"`
		}
		if err := json.Unmarshal([]byte(res.body), &trend); err != nil || len(trend) != 26 || trend[0].Percent < 80 ||
			trend[25].Percent >= trend[0].Percent || trend[25].InScope == 0 {
			t.Fatalf("trend: %d %+v %v", res.status, trend, err)
		}
		for _, path := range []string{"/api/v1/orgs/ashcombe/policies", "/api/v1/orgs/ashcombe/policies/overdue", "/api/v1/policies"} {
			if res := do(t, c, "GET", a.http.URL+path, nil, bearer(officer)); res.status != 200 || !strings.HasPrefix(res.body, "[") {
				t.Fatalf("%s: %d %s", path, res.status, res.body)
			}
		}
	})
}

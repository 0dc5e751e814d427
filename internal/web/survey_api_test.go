package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestSatisfactionThroughTheAPI reads the demo's survey figures as the
// committee: one council, every council in view, and the comments, which
// only a role that reads reports may, each reading audited; an
// officer reads neither.
func TestSatisfactionThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		today := a.store.Now().In(london)
		q := "?from=" + today.AddDate(0, 0, -70).Format("2006-01-02") + "&to=" + today.Format("2006-01-02")
		res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/satisfaction"+q, nil, bearer(committee))
		var doc struct {
			Councils []string
			Overall  struct {
				Sent, Answered int
				Average        float64
				Distribution   []int
			}
			ByAgent []struct{ Name string } `json:"by_agent"`
		}
		if err := json.Unmarshal([]byte(res.body), &doc); err != nil || res.status != 200 {
			t.Fatalf("report: %d %v %.300s", res.status, err, res.body)
		}
		if doc.Overall.Sent == 0 || doc.Overall.Answered == 0 || doc.Overall.Average < 4 || len(doc.Overall.Distribution) != 5 || len(doc.ByAgent) == 0 {
			t.Errorf("the demo's figures: %+v", doc)
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/reports/satisfaction"+q+"&format=csv", nil, bearer(committee))
		if res.status != 200 || !strings.Contains(res.body, "council,sent") || !strings.Contains(res.body, "\nashcombe,") || strings.Contains(res.body, "brentmere") {
			t.Errorf("every council in the committee's view: %d %.400s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/reports/satisfaction", nil, bearer(committee)); res.status != 404 {
			t.Errorf("another council's figures: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/satisfaction?period=soon", nil, bearer(committee)); res.status != 422 || !strings.Contains(res.body, `"field":"period"`) {
			t.Errorf("an unknown period: %d %s", res.status, res.body)
		}
		before := a.audited(t, "view")
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs/ashcombe/reports/satisfaction/comments"+q, nil, bearer(committee))
		if res.status != 200 || !strings.Contains(res.body, `"comment":`) || a.audited(t, "view") <= before {
			t.Errorf("comments: %d %.300s", res.status, res.body)
		}
		for _, path := range []string{"/api/v1/orgs/ashcombe/reports/satisfaction/comments", "/api/v1/orgs/ashcombe/reports/satisfaction"} {
			if res := do(t, c, "GET", a.http.URL+path, nil, bearer(officer)); res.status != 403 {
				t.Errorf("an officer's token reads %s: %d", path, res.status)
			}
		}
	})
}

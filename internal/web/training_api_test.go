package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestTrainingThroughTheAPI: the shared service admin's token adds a course, imports a
// file (a bad one refused by line and column), and reads the demo's
// status per kind; an officer reads but may not import; another council's
// status is not found.
func TestTrainingThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, manager := a.token(t, "abc-shared", "admin", time.Hour) // the shared service's admin manages every council's training
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		base := a.http.URL + "/api/v1/orgs/ashcombe/training"
		res := do(t, c, "GET", base+"/status", nil, bearer(officer))
		var st struct {
			Kinds []struct {
				Kind    string  `json:"kind"`
				InScope int     `json:"in_scope"`
				Current int     `json:"current"`
				Percent float64 `json:"percent"`
			} `json:"kinds"`
			Courses []struct {
				Course struct{ Code string } `json:"course"`
			} `json:"courses"`
		}
		if err := json.Unmarshal([]byte(res.body), &st); err != nil || res.status != 200 || len(st.Kinds) != 4 || len(st.Courses) != 4 {
			t.Fatalf("status: %d %v %.300s", res.status, err, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/courses", `{"code":"IG-1","title":"Information governance","kind":"elearning","refresh_days":730,"kinds":"staff"}`, bearer(manager)); res.status != 201 {
			t.Fatalf("adding a course: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/courses", `{"code":"","title":"","kind":"talk"}`, bearer(manager)); res.status != 422 || !strings.Contains(res.body, `"field":"code"`) {
			t.Errorf("a bad course: %d %s", res.status, res.body)
		}
		bad := "email,course_code,completed_on\nnobody@nowhere.example,IG-1,2026-01-01\n"
		res = doJSON(t, c, "POST", base+"/import?filename=lms.csv", bad, bearer(manager))
		if res.status != 422 || !strings.Contains(res.body, "lms.csv: line 2: column email") {
			t.Errorf("an unknown person: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", base+"/import", bad, bearer(officer)); res.status != 403 {
			t.Errorf("an officer imported: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/training/status", nil, bearer(officer)); res.status != 404 {
			t.Errorf("another council's status: %d", res.status)
		}
		before := a.audited(t, "view")
		if res := do(t, c, "GET", base+"/overdue", nil, bearer(officer)); res.status != 200 || !strings.Contains(res.body, `"managers"`) || a.audited(t, "view") <= before {
			t.Errorf("overdue: %d %.200s", res.status, res.body)
		}
	})
}

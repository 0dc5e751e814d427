package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

type apiPeoplePage struct {
	People []struct {
		ID               int64
		Name, Kind, Team string
		HRID             string `json:"hr_id"`
	}
	Next string
}

// TestPeopleThroughTheAPI: an HR file posted (a bad one refused naming
// line and column, with nothing imported), people listed a page at a time
// by cursor, read, changed with every mistake named, summed up, and
// another council's people out of reach.
func TestPeopleThroughTheAPI(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		base := a.http.URL + "/api/v1/orgs/ashcombe/people"
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		_, committee := a.token(t, "ashcombe", "committee", time.Hour)
		agent := officer // reads are tried with the same token the changes use
		file := "hr_id,name,email,kind,team,manager_hr_id\n" +
			"APIT1,Api Manager,api.manager@ashcombe.example,staff,API Team,\n" +
			"APIT2,Api Report,api.report@ashcombe.example,consultant,API Team,APIT1\n"
		if res := send(t, c, "POST", base+"/import?partial=true", strings.NewReader(file), "text/csv", bearer(committee)); res.status != http.StatusForbidden {
			t.Errorf("a committee member imported: %d %s", res.status, res.body)
		}
		bad := file + "APIT3,Api Three,,wizard,API Team,\n"
		res := send(t, c, "POST", base+"/import?partial=true&filename=hr.csv", strings.NewReader(bad), "text/csv", bearer(officer))
		var problem struct {
			File     string
			Mistakes []struct {
				Line   int
				Column string
			}
		}
		if res.status != 422 || json.Unmarshal([]byte(res.body), &problem) != nil || problem.File != "hr.csv" ||
			len(problem.Mistakes) != 1 || problem.Mistakes[0].Line != 4 || problem.Mistakes[0].Column != "kind" {
			t.Fatalf("bad file: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "GET", base+"?team=API+Team&state=all", "", bearer(agent)); !strings.Contains(compact(res.body), `"people":[]`) {
			t.Errorf("a refused file imported someone: %s", res.body)
		}
		res = send(t, c, "POST", base+"/import?partial=true", strings.NewReader(file), "text/csv", bearer(officer))
		if res.status != 200 || !strings.Contains(compact(res.body), `"added":2`) || !strings.Contains(compact(res.body), `"ended":0`) {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		var page apiPeoplePage
		res = doJSON(t, c, "GET", base+"?team=API+Team&limit=1", "", bearer(agent))
		if json.Unmarshal([]byte(res.body), &page) != nil || len(page.People) != 1 || page.Next == "" {
			t.Fatalf("page 1: %d %s", res.status, res.body)
		}
		first := page.People[0]
		res = doJSON(t, c, "GET", base+"?team=API+Team&limit=1&cursor="+page.Next, "", bearer(agent))
		page = apiPeoplePage{}
		if json.Unmarshal([]byte(res.body), &page) != nil || len(page.People) != 1 || page.People[0].ID == first.ID || page.Next != "" {
			t.Fatalf("page 2: %d %s", res.status, res.body)
		}
		report := page.People[0]
		res = doJSON(t, c, "GET", base+"/"+strconv.FormatInt(report.ID, 10), "", bearer(agent))
		if res.status != 200 || !strings.Contains(compact(res.body), `"manager":{`) || !strings.Contains(compact(res.body), "Api Manager") {
			t.Errorf("get: %d %s", res.status, res.body)
		}
		res = doJSON(t, c, "PATCH", base+"/"+strconv.FormatInt(report.ID, 10), `{"email":"nope","kind":"wizard","manager_id":`+strconv.FormatInt(report.ID, 10)+`}`, bearer(officer))
		for _, field := range []string{`"field":"email"`, `"field":"kind"`, `"field":"manager_id"`} {
			if res.status != 422 || !strings.Contains(compact(res.body), field) {
				t.Errorf("patch with mistakes: %d %s; want %s named", res.status, res.body, field)
			}
		}
		res = doJSON(t, c, "PATCH", base+"/"+strconv.FormatInt(report.ID, 10), `{"team":"Audit","end_on":"31/03/2027"}`, bearer(officer))
		if res.status != 200 || !strings.Contains(compact(res.body), `"end_on":"2027-03-31"`) || !strings.Contains(compact(res.body), `"kind":"consultant"`) {
			t.Errorf("patch: %d %s", res.status, res.body)
		}
		res = doJSON(t, c, "POST", base, `{"name":"Cllr Api","kind":"councillor"}`, bearer(officer))
		if res.status != 201 {
			t.Errorf("create: %d %s", res.status, res.body)
		}
		res = doJSON(t, c, "GET", base+"/summary", "", bearer(agent))
		if res.status != 200 || !strings.Contains(compact(res.body), `"kind":"councillor"`) {
			t.Errorf("summary: %d %s", res.status, res.body)
		}
		other := a.http.URL + "/api/v1/orgs/brentmere/people"
		if res := doJSON(t, c, "GET", other, "", bearer(agent)); res.status != 404 {
			t.Errorf("another council's people: %d %s", res.status, res.body)
		}
	})
}

// compact is a JSON answer without its indentation, to look for a member.
func compact(body string) string {
	var b bytes.Buffer
	if json.Compact(&b, []byte(body)) != nil {
		return body
	}
	return b.String()
}

package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestTheMajorIncidentListFiltersByCouncilAndState: the list page narrows
// to one council or one state through its GET form, refuses a council the
// user cannot see, and the staff status page keeps a resolved incident
// under "Resolved in the last 7 days".
func TestTheMajorIncidentListFiltersByCouncilAndState(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		admin := a.signedIn(t, "admin@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		raise := func(org, title string) string {
			t.Helper()
			res := do(t, admin, "POST", a.http.URL+"/major", url.Values{"ticket": {a.tickets[org][0].Ref}, "title": {title},
				"impacts": {org + ": Housing"}}, nil)
			if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/major/") {
				t.Fatalf("raise %s: %d %s\n%s", title, res.status, res.location, res.body)
			}
			return a.http.URL + res.location
		}
		ashPage := raise("ashcombe", "Ashcombe housing down")
		raise("brentmere", "Brentmere housing down")
		if res := do(t, admin, "POST", ashPage+"/resolve", url.Values{"note": {"Back up"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("resolve: %d\n%s", res.status, res.body)
		}

		list := func(query string) string {
			t.Helper()
			res := do(t, admin, "GET", a.http.URL+"/major?"+query, nil, nil)
			if res.status != http.StatusOK {
				t.Fatalf("/major?%s: %d", query, res.status)
			}
			return res.body
		}
		for query, want := range map[string][2]bool{ // shows Ashcombe's, shows Brentmere's
			"":                        {true, true},
			"org=ashcombe":            {true, false},
			"org=brentmere":           {false, true},
			"state=resolved":          {true, false},
			"state=open":              {false, true},
			"state=candidate":         {false, false},
			"org=ashcombe&state=open": {false, false},
		} {
			body := list(query)
			if got := [2]bool{strings.Contains(body, "Ashcombe housing down"), strings.Contains(body, "Brentmere housing down")}; got != want {
				t.Errorf("/major?%s shows (Ashcombe, Brentmere) %v, want %v", query, got, want)
			}
			if !strings.Contains(body, `id="major-filter"`) {
				t.Errorf("/major?%s has no filter form", query)
			}
		}
		for _, query := range []string{"state=exploded", "org=no-such-council"} {
			if res := do(t, admin, "GET", a.http.URL+"/major?"+query, nil, nil); res.status != http.StatusBadRequest {
				t.Errorf("/major?%s: %d, want 400", query, res.status)
			}
		}

		staff := do(t, officer, "GET", a.http.URL+"/status/ashcombe", nil, nil).body
		if !strings.Contains(staff, "Resolved in the last 7 days") || !strings.Contains(staff, "Ashcombe housing down") {
			t.Errorf("the staff status page does not show this week's resolved incident")
		}
	})
}

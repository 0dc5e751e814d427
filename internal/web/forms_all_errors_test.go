package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Every form names all its mistakes in one answer: a person sending an
// empty or all-wrong form sees each field's error in the GOV.UK summary,
// linked to the field and shown beside it, and what they typed kept. A form
// that goes back to reporting one mistake per submit fails here.

// summaryLinks are the fields the error summary links to, in order.
func summaryLinks(t *testing.T, body string) []string {
	t.Helper()
	start := strings.Index(body, `govuk-error-summary__list`)
	if start < 0 {
		return nil
	}
	list := body[start:]
	list = list[:strings.Index(list, "</ul>")]
	var out []string
	for _, m := range regexp.MustCompile(`<a href="#([^"]+)">`).FindAllStringSubmatch(list, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestEveryFormReportsAllItsMistakesAtOnce(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		accept := "/findings/" + strconv.FormatInt(a.seeded(t, "ashcombe", "firewall").ID, 10) + "/accept"
		forms := []struct {
			name, who, path string
			form            url.Values
			fields          []string // every one in the summary, and beside its control
			kept            []string // what was typed, shown again
		}{
			{"accept a risk, empty", "analyst@abc-shared.example", accept, url.Values{"reason": {""}, "owner": {" "}, "expires": {""}},
				[]string{"reason", "owner", "expires"}, nil},
			{"accept a risk, no owner and a wrong date", "analyst@abc-shared.example", accept,
				url.Values{"reason": {"Lab machine on its own network"}, "owner": {""}, "expires": {"31/02/2027"}},
				[]string{"owner", "expires"}, []string{"Lab machine on its own network"}},
			{"raise a ticket as an officer", "it.officer@ashcombe.example", "/tickets",
				url.Values{"type": {"incident"}, "title": {" "}, "description": {"Scanner shows E42"}, "impact": {"huge"}, "urgency": {"soon"}},
				[]string{"title", "impact", "urgency"}, []string{"Scanner shows E42"}},
			{"log a ticket as the desk", "agent@abc-shared.example", "/tickets",
				url.Values{"org": {"ashcombe"}, "type": {"incident"}, "title": {""}, "priority": {"P9"}, "channel": {"pigeon"}, "assignee": {"nobody"}, "caller": {"Pat Caller"}},
				[]string{"title", "priority", "channel", "assignee"}, []string{"Pat Caller"}},
			{"log a walk-up", "agent@abc-shared.example", "/desk/walk-up",
				url.Values{"org": {"ashcombe"}, "caller": {""}, "title": {""}, "site": {"Town hall"}},
				[]string{"caller", "title"}, []string{"Town hall"}},
			{"add an organisation", "admin@abc-shared.example", "/admin/orgs",
				url.Values{"slug": {"North Shire"}, "name": {""}, "kind": {"castle"}, "ref_prefix": {"x!"}},
				[]string{"slug", "name", "kind", "ref_prefix"}, []string{"North Shire"}},
			{"add a user", "admin@abc-shared.example", "/admin/users",
				url.Values{"org": {""}, "email": {"not an address"}, "name": {""}, "role": {"king"}},
				[]string{"org", "email", "name", "role"}, []string{"not an address"}},
			{"make an API token", "admin@abc-shared.example", "/admin/tokens",
				url.Values{"org": {""}, "role": {""}, "name": {""}, "days": {"0"}},
				[]string{"name", "org", "role", "days"}, nil},
			{"change my password, nothing right", "agent@abc-shared.example", "/account/password",
				url.Values{"current": {""}, "password": {"short"}, "confirm": {"other"}},
				[]string{"current", "password", "confirm"}, nil},
			{"change my password, confirmed but wrong", "agent@abc-shared.example", "/account/password",
				url.Values{"current": {"not my password"}, "password": {"short"}, "confirm": {"short"}},
				[]string{"current", "password"}, nil},
			{"publish a WARP advisory", "warp@ashcombe.example", "/warp/advisories",
				url.Values{"title": {""}, "summary": {"Seen this morning"}, "severity": {"dire"}, "community": {"london-warp"}, "tlp": {"PURPLE"}, "indicators": {"payroll-verify.example"}},
				[]string{"title", "severity", "tlp"}, []string{"Seen this morning", "payroll-verify.example"}},
			{"make a WARP community", "admin@abc-shared.example", "/warp/communities",
				url.Values{"slug": {"Not A Slug"}, "name": {""}, "description": {"Schools in the borough"}},
				[]string{"slug", "name"}, []string{"Schools in the borough"}},
			{"add a caller", "admin@abc-shared.example", "/settings/ashcombe/people",
				url.Values{"name": {""}, "email": {"not an address"}, "phone": {"01632 960123"}},
				[]string{"name", "email"}, []string{"01632 960123"}},
		}
		for _, tc := range forms {
			t.Run(tc.name, func(t *testing.T) {
				res := do(t, a.signedIn(t, tc.who), "POST", a.http.URL+tc.path, tc.form, nil)
				if res.status != 422 {
					t.Fatalf("%s answered %d, want 422 with the form again", tc.path, res.status)
				}
				got := summaryLinks(t, res.body)
				seen := map[string]int{}
				for _, f := range got {
					seen[f]++
				}
				for _, f := range tc.fields {
					switch {
					case seen[f] == 0:
						t.Errorf("the error summary %v does not name %s", got, f)
					case seen[f] > 1:
						t.Errorf("the error summary %v names %s %d times", got, f, seen[f])
					}
					if !strings.Contains(res.body, `id="`+f+`-error"`) {
						t.Errorf("no error beside %s", f)
					}
				}
				for _, v := range tc.kept {
					if !strings.Contains(res.body, v) {
						t.Errorf("what was typed, %q, is not on the form again", v)
					}
				}
			})
		}
	})
}

// The API names every wrong field of a body in its problem's errors list.
func TestTheAPINamesEveryWrongFieldAtOnce(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		_, admin := a.token(t, "abc-shared", "admin", 0)
		one := "/api/v1/findings/" + strconv.FormatInt(a.seeded(t, "ashcombe", "firewall").ID, 10)
		routes := []struct {
			name, path, body string
			fields           []string
		}{
			{"accept a risk", one + "/accept", `{"reason":" ","owner":"","expires":"31/02/2027"}`, []string{"reason", "owner", "expires"}},
			{"add an organisation", "/api/v1/orgs", `{"slug":"North Shire","name":"","kind":"castle"}`, []string{"slug", "name", "kind"}},
			{"add a user", "/api/v1/users", `{"org":"no-such-org","email":"nope","name":"","role":"king"}`, []string{"org", "email", "name", "role"}},
			{"make a community", "/api/v1/warp/communities", `{"slug":"Not A Slug","name":""}`, []string{"slug", "name"}},
		}
		for _, tc := range routes {
			t.Run(tc.name, func(t *testing.T) {
				res := doJSON(t, a.browser(), "POST", a.http.URL+tc.path, tc.body, bearer(admin))
				if res.status != 422 || !strings.HasPrefix(res.header.Get("Content-Type"), "application/problem+json") {
					t.Fatalf("%s: %d %s", tc.path, res.status, res.body)
				}
				for _, f := range tc.fields {
					if !strings.Contains(res.body, `"field":"`+f+`"`) {
						t.Errorf("the problem does not name %s: %s", f, res.body)
					}
				}
			})
		}
	})
}

// Sign-in, empty, asks for both the address and the password at once.
func TestSignInAsksForEverythingMissingAtOnce(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		res := do(t, a.browser(), "POST", a.http.URL+"/signin", url.Values{"email": {""}, "password": {""}, "next": {"/"}}, nil)
		if got := summaryLinks(t, res.body); res.status != 401 || strings.Join(got, ",") != "email,password" {
			t.Fatalf("empty sign-in: %d, summary %v; want 401 naming email and password", res.status, got)
		}
	})
}

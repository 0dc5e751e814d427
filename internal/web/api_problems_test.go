package web_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestAPIAnswersEachFaultKindWithItsProblem holds the API's promise to
// scripts: whatever route a service refuses on, each kind of refusal has one
// status and an RFC 9457 problem document that says what was wrong, and
// names the field when one was.
func TestAPIAnswersEachFaultKindWithItsProblem(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		tickets := a.http.URL + "/api/v1/orgs/ashcombe/tickets"
		ref := a.tickets["ashcombe"][0].Ref
		cases := []struct {
			name, method, url, body, token string
			status                         int
			title, detail, field           string // detail: a part of it; field: "" when the problem names none
		}{
			{"not found: another council is not there for this token", "GET", a.http.URL + "/api/v1/orgs/brentmere/tickets", "", officer,
				404, "Not found", "No organisation brentmere that this token can see", ""},
			{"not found: a ticket that does not exist", "GET", tickets + "/INC-NOPE", "", officer,
				404, "Not found", "No ticket INC-NOPE in ashcombe", ""},
			{"forbidden: the service desk refuses an officer's change of state", "POST", tickets + "/" + ref + "/events", `{"state":"resolved"}`, officer,
				403, "Not allowed", "Your role does not allow this", ""},
			{"invalid: a service refuses a value", "POST", a.http.URL + "/api/v1/users", `{"org":"ashcombe","email":"not-an-email","name":"X","role":"officer"}`, admin,
				422, "Invalid request", "Enter an email address", "email"},
			{"invalid: the API refuses a query parameter", "GET", tickets + "?limit=0", "", officer,
				422, "Invalid request", "Limit must be from 1 to 1000", "limit"},
			{"conflict: a slug already taken", "POST", a.http.URL + "/api/v1/orgs", `{"slug":"ashcombe","name":"Ashcombe again","kind":"council"}`, admin,
				409, "Conflict", `An organisation with slug "ashcombe" already exists`, "slug"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := doJSON(t, c, tc.method, tc.url, tc.body, bearer(tc.token))
				if res.status != tc.status || res.header.Get("Content-Type") != "application/problem+json" {
					t.Fatalf("%d %s, want %d application/problem+json: %s", res.status, res.header.Get("Content-Type"), tc.status, res.body)
				}
				var p struct {
					Type, Title, Detail string
					Status              int
					Errors              []struct{ Field, Detail string }
				}
				if err := json.Unmarshal([]byte(res.body), &p); err != nil {
					t.Fatalf("the problem is not JSON: %v: %s", err, res.body)
				}
				if p.Type != "about:blank" || p.Status != tc.status || p.Title != tc.title || !strings.Contains(p.Detail, tc.detail) {
					t.Errorf("problem %+v, want type about:blank, status %d, title %q, a detail with %q", p, tc.status, tc.title, tc.detail)
				}
				switch {
				case tc.field == "" && len(p.Errors) != 0:
					t.Errorf("errors %+v, want none", p.Errors)
				case tc.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tc.field || p.Errors[0].Detail == ""):
					t.Errorf("errors %+v, want one naming %s", p.Errors, tc.field)
				}
			})
		}
	})
}

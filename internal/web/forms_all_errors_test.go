package web_test

import (
	"bytes"
	"mime/multipart"
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
			{"raise a major incident, all wrong", "admin@abc-shared.example", "/major",
				url.Values{"ticket": {"ASH-INC-1"}, "title": {strings.Repeat("x", 201)}, "impacts": {"nowhere: Payroll"}, "every_staff": {"soon"}, "why": {"Payroll down"}},
				[]string{"ticket", "title", "impacts", "every_staff"}, []string{"Payroll down"}},
			{"plan maintenance, all wrong", "admin@abc-shared.example", "/maintenance",
				url.Values{"org": {"ashcombe"}, "service": {""}, "starts": {"tomorrow"}, "ends": {""}, "description": {""}, "sites": {"Town Hall"}},
				[]string{"service", "starts", "ends", "description"}, []string{"Town Hall"}},
			{"subscribe to a status page, all wrong", "it.officer@ashcombe.example", "/status/ashcombe/subscribe",
				url.Values{"email": {"not an address"}, "service": {""}},
				[]string{"email", "service"}, []string{"not an address"}},
			{"major incident settings, all wrong", "admin@abc-shared.example", "/settings/ashcombe/major",
				url.Values{"public": {"yes"}, "gap": {"often"}, "burst": {"-1"}, "window": {"x"}, "critical": {"Payroll"}},
				[]string{"gap", "burst", "window"}, []string{"Payroll"}},
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
			{"set satisfaction surveys", "admin@abc-shared.example", "/settings/ashcombe/surveys",
				url.Values{"enabled": {"maybe"}, "delay": {"soon"}, "sample": {"150"}, "link_days": {"0"}, "cooloff_days": {"-1"}, "followup_score": {"9"}},
				[]string{"enabled", "delay", "sample", "link_days", "cooloff_days", "followup_score"}, []string{"soon"}},
		}
		for _, tc := range forms {
			t.Run(tc.name, func(t *testing.T) {
				res := do(t, a.signedIn(t, tc.who), "POST", a.http.URL+tc.path, tc.form, nil)
				wantAllErrors(t, res, tc.fields, tc.kept)
			})
		}
	})
}

// wantAllErrors holds a refused form to naming each of fields once in its
// error summary and beside its control, and to showing kept again.
func wantAllErrors(t *testing.T, res response, fields, kept []string) {
	t.Helper()
	if res.status != 422 {
		t.Fatalf("answered %d, want 422 with the form again", res.status)
	}
	got := summaryLinks(t, res.body)
	seen := map[string]int{}
	for _, f := range got {
		seen[f]++
	}
	for _, f := range fields {
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
	for _, v := range kept {
		if !strings.Contains(res.body, v) {
			t.Errorf("what was typed, %q, is not on the form again", v)
		}
	}
}

// multipartForm is a file form as a browser sends it: the small fields,
// then the file input (named file), empty when name is "" as when no file
// was chosen.
func multipartForm(fields url.Values, file, name, content string) (*bytes.Buffer, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile(file, name)
	_, _ = fw.Write([]byte(content))
	_ = mw.Close()
	return &body, mw.FormDataContentType()
}

// The file forms are read as they stream in, small fields first; a wrong
// choice and a missing file are still named together, and the ticket
// update form names a state, a priority, a note and a file at once, both
// when the form cannot read them and when the desk refuses them.
func TestEveryFileFormReportsAllItsMistakesAtOnce(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		open := "/tickets/" + a.tickets["ashcombe"][0].Ref
		if res := do(t, a.signedIn(t, "agent@abc-shared.example"), "POST", a.http.URL+open, url.Values{"state": {"in_progress"}}, nil); res.status != 303 {
			t.Fatalf("moving the ticket on: %d", res.status)
		}
		long := strings.Repeat("x", 20001)
		html := "<html><script>alert(1)</script></html>"
		forms := []struct {
			name, who, path    string
			form               url.Values
			file, fname, fbody string
			fields             []string
		}{
			{"desk import", "admin@abc-shared.example", "/desk/import", url.Values{"org": {"no-such-org"}, "source": {"word"}},
				"file", "", "", []string{"org", "source", "file"}},
			{"desk import, a file but wrong choices", "admin@abc-shared.example", "/desk/import", url.Values{"org": {"no-such-org"}, "source": {"word"}},
				"file", "tickets.csv", "number,title\n", []string{"org", "source"}},
			{"call log import", "admin@abc-shared.example", "/desk/calls/import", url.Values{"org": {"no-such-org"}},
				"file", "", "", []string{"org", "file"}},
			{"device upload", "analyst@abc-shared.example", "/posture/ashcombe/import", url.Values{"format": {"spreadsheet"}},
				"file", "", "", []string{"format", "file"}},
			{"directory upload", "analyst@abc-shared.example", "/identity/ashcombe/import", url.Values{"source": {"ldap"}},
				"file", "", "", []string{"source", "file"}},
			{"WARP feed", "warp@ashcombe.example", "/warp/import", url.Values{"community": {"no-such-community"}, "tlp": {"PURPLE"}},
				"file", "", "", []string{"community", "tlp", "file"}},
			{"WARP log check", "warp@ashcombe.example", "/warp/match", url.Values{"share": {"shout"}},
				"files", "", "", []string{"share", "files"}},
			{"GOV.UK bank holidays", "admin@abc-shared.example", "/settings/ashcombe/calendar/govuk", nil,
				"file", "", "", []string{"file"}},
			{"ticket update the form cannot read", "agent@abc-shared.example", open,
				url.Values{"state": {"flying"}, "priority": {"P9"}, "note": {long}}, "attachment", "error.html", html,
				[]string{"state", "priority", "note", "attachment"}},
			{"ticket update the desk refuses", "agent@abc-shared.example", open,
				url.Values{"state": {"new"}, "note": {long}}, "attachment", "error.html", html,
				[]string{"state", "note", "attachment"}},
		}
		for _, tc := range forms {
			t.Run(tc.name, func(t *testing.T) {
				body, ct := multipartForm(tc.form, tc.file, tc.fname, tc.fbody)
				wantAllErrors(t, send(t, a.signedIn(t, tc.who), "POST", a.http.URL+tc.path, body, ct, nil), tc.fields, nil)
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
			{"raise a ticket", "/api/v1/orgs/ashcombe/tickets", `{"type":"fault","title":" ","priority":"P9","impact":"huge","urgency":"soon","channel":"pigeon"}`,
				[]string{"type", "title", "priority", "impact", "urgency", "channel"}},
			{"change a ticket", "/api/v1/orgs/ashcombe/tickets/" + a.tickets["ashcombe"][0].Ref + "/events", `{"state":"flying","priority":"P9"}`,
				[]string{"state", "priority"}},
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

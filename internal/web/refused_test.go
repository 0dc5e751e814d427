package web_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestPagesAnswerEachFaultKind holds the web's one mapping of a service's
// refusal over the real server: bad input and a taken value come back on the
// form with the GOV.UK error summary linking the field, another council's
// ticket is a page that is not there, and a change the role may not make is
// the error page saying so.
func TestPagesAnswerEachFaultKind(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		admin := a.signedIn(t, "admin@abc-shared.example")
		ticket := func(slug string) string {
			return a.http.URL + "/tickets/" + strconv.FormatInt(a.tickets[slug][0].ID, 10)
		}
		newOrg := func(slug string) url.Values {
			return url.Values{"slug": {slug}, "name": {"North Shire"}, "kind": {"council"}}
		}
		cases := []struct {
			name   string
			res    response
			status int
			want   []string
		}{
			{"not found: another council's ticket", do(t, officer, "GET", ticket("brentmere"), nil, nil),
				404, []string{"Page not found"}},
			{"forbidden: an officer moving a ticket", do(t, officer, "POST", ticket("ashcombe"), url.Values{"state": {"resolved"}}, nil),
				403, []string{"You do not have access to this page", "Your role does not allow this on the service desk."}},
			{"invalid: a slug with spaces", do(t, admin, "POST", a.http.URL+"/admin/orgs", newOrg("North Shire"), nil),
				422, []string{"govuk-error-summary", `href="#slug"`}},
			{"conflict on a field: a slug that is taken", do(t, admin, "POST", a.http.URL+"/admin/orgs", newOrg("ashcombe"), nil),
				422, []string{"govuk-error-summary", `href="#slug"`, "An organisation with slug &#34;ashcombe&#34; already exists"}},
		}
		for _, tc := range cases {
			if tc.res.status != tc.status {
				t.Errorf("%s: %d, want %d", tc.name, tc.res.status, tc.status)
			}
			for _, want := range tc.want {
				if !strings.Contains(tc.res.body, want) {
					t.Errorf("%s: the page lacks %q", tc.name, want)
				}
			}
		}
	})
}

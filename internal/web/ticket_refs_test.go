package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A ticket's page is named by its reference; an old link by number answers
// a permanent redirect to it, and neither form shows another council's
// ticket or says that it exists.
func TestTicketPagesAreNamedByReference(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ash := a.tickets["ashcombe"][0]
		if !strings.HasPrefix(ash.Ref, "ASH-INC-") {
			t.Fatalf("ashcombe's ticket is %q, want ASH-INC-…", ash.Ref)
		}
		officer := a.signedIn(t, "it.officer@ashcombe.example")
		other := a.signedIn(t, "it.officer@brentmere.example")
		byNumber := a.http.URL + "/tickets/" + strconv.FormatInt(ash.ID, 10)
		byRef := a.http.URL + "/tickets/" + ash.Ref

		if res := do(t, officer, "GET", byNumber, nil, nil); res.status != http.StatusPermanentRedirect || res.location != "/tickets/"+ash.Ref {
			t.Errorf("old link: %d → %q, want 308 → /tickets/%s", res.status, res.location, ash.Ref)
		}
		for _, u := range []string{byRef, a.http.URL + "/tickets/" + strings.ToLower(ash.Ref)} {
			if res := do(t, officer, "GET", u, nil, nil); res.status != 200 || !strings.Contains(res.body, ash.Ref+": "+ash.Title) {
				t.Errorf("%s: %d, want the ticket", u, res.status)
			}
		}
		for _, u := range []string{byNumber, byRef} {
			if res := do(t, other, "GET", u, nil, nil); res.status != 404 || res.location != "" || strings.Contains(res.body, ash.Ref) {
				t.Errorf("brentmere's officer at %s: %d → %q, want a 404 naming nothing", u, res.status, res.location)
			}
		}
		// A changed ticket is shown again at its reference.
		res := do(t, officer, "POST", byRef, url.Values{"note": {"Still showing E42"}}, nil)
		if res.status != http.StatusSeeOther || res.location != "/tickets/"+ash.Ref {
			t.Errorf("after a note: %d → %q", res.status, res.location)
		}
		// The list links to references.
		if res := do(t, officer, "GET", a.http.URL+"/tickets", nil, nil); !strings.Contains(res.body, `href="/tickets/`+ash.Ref+`"`) {
			t.Error("the ticket list does not link to the reference")
		}
	})
}

// The API finds a ticket by its whole reference across the token's orgs, or
// within an org without the prefix; the number answers a redirect.
func TestAPIFindsTicketsByReference(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		ash := a.tickets["ashcombe"][0]
		_, officer := a.token(t, "ashcombe", "officer", time.Hour)
		_, stranger := a.token(t, "brentmere", "officer", time.Hour)
		local := strings.TrimPrefix(ash.Ref, "ASH-")
		for _, u := range []string{"/api/v1/tickets/" + ash.Ref, "/api/v1/orgs/ashcombe/tickets/" + ash.Ref, "/api/v1/orgs/ashcombe/tickets/" + local} {
			res := doJSON(t, c, "GET", a.http.URL+u, "", bearer(officer))
			if res.status != 200 || !strings.Contains(res.body, `"ref": "`+ash.Ref+`"`) {
				t.Errorf("%s: %d %s", u, res.status, res.body)
			}
		}
		res := doJSON(t, c, "GET", a.http.URL+"/api/v1/tickets/"+strconv.FormatInt(ash.ID, 10), "", bearer(officer))
		if res.status != http.StatusPermanentRedirect || res.location != "/api/v1/tickets/"+ash.Ref {
			t.Errorf("by number: %d → %q", res.status, res.location)
		}
		for _, u := range []string{"/api/v1/tickets/" + ash.Ref, "/api/v1/tickets/" + strconv.FormatInt(ash.ID, 10), "/api/v1/orgs/brentmere/tickets/" + ash.Ref} {
			if res := doJSON(t, c, "GET", a.http.URL+u, "", bearer(stranger)); res.status != 404 || strings.Contains(res.body, ash.Title) {
				t.Errorf("brentmere's token at %s: %d %s", u, res.status, res.body)
			}
		}
		res = doJSON(t, c, "POST", a.http.URL+"/api/v1/tickets/"+ash.Ref+"/events", `{"note":"Called back"}`, bearer(officer))
		if res.status != http.StatusCreated || !strings.Contains(res.body, "Called back") {
			t.Errorf("note by reference: %d %s", res.status, res.body)
		}
	})
}

// A resolved ticket reads as finished: each clock's verdict with its
// figures, no time left, and a reopen with a reason instead of the form.
func TestFinishedTicketShowsItsVerdict(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		done := a.tickets["ashcombe"][1] // the walk-up fixed on the spot
		page := a.http.URL + "/tickets/" + done.Ref
		agent := a.signedIn(t, "agent@abc-shared.example")
		officer := a.signedIn(t, "it.officer@ashcombe.example")

		res := do(t, agent, "GET", page, nil, nil)
		clocks := between(res.body, `id="clocks"`, "</table>")
		if res.status != 200 || !strings.Contains(clocks, "Verdict") || !strings.Contains(clocks, "Met: ") || !strings.Contains(clocks, " to spare") {
			t.Fatalf("agent's view of a resolved ticket: %d, clocks %s", res.status, stripTags(clocks))
		}
		if strings.Contains(res.body, "Time left") || strings.Contains(res.body, `id="state"`) || strings.Contains(res.body, `id="assignee"`) {
			t.Error("a resolved ticket still shows time left or the update form")
		}
		if !strings.Contains(res.body, `id="reopen-form"`) || !strings.Contains(res.body, `id="close-form"`) {
			t.Error("the desk is offered neither reopen nor close")
		}
		res = do(t, officer, "GET", page, nil, nil)
		if !strings.Contains(res.body, `id="reopen-form"`) || strings.Contains(res.body, `id="close-form"`) {
			t.Error("the officer should be offered reopen and only that")
		}

		// Closed, it cannot be reopened, and the page says what to do instead.
		if res := do(t, agent, "POST", page, url.Values{"state": {"closed"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("close: %d %s", res.status, between(res.body, "govuk-error-summary__list", "</ul>"))
		}
		res = do(t, officer, "GET", page, nil, nil)
		if strings.Contains(res.body, `id="reopen-form"`) || !strings.Contains(res.body, `id="closed-note"`) || strings.Contains(res.body, "Time left") {
			t.Error("a closed ticket offers a reopen, or does not say it is closed")
		}
	})
}

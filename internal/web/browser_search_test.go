//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserOfficerSearchesFromTheHeader drives Chromium: an officer types
// a ticket's reference, in lower case, into the header's search box, sees
// it found exactly, and follows the result to the ticket's own page.
func TestBrowserOfficerSearchesFromTheHeader(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	ref := a.tickets["ashcombe"][0].Ref

	officer := a.cred(t, "it.officer@ashcombe.example")
	b.navigate("/signin")
	b.run("signing in", chromedp.SendKeys(chromedp.ID("email"), officer.Email), chromedp.SendKeys(chromedp.ID("password"), officer.Password))
	b.click(`main form[action="/signin"] button[type="submit"]`)
	b.wantPath("/")
	b.run("typing in the header's search box", chromedp.SendKeys(chromedp.ID("header-search"), strings.ToLower(ref)))
	b.click(`header form[action="/search"] button[type="submit"]`)
	if got := b.text("#results-tickets"); !strings.Contains(got, ref) || !strings.Contains(got, "Exact match") {
		t.Fatalf("the results show %q", got)
	}
	b.screenshot("search-results.png")
	b.click(`#results-tickets a[href="/tickets/` + ref + `"]`)
	b.wantPath("/tickets/" + ref)
	if got := b.text("h1"); !strings.Contains(got, "open ticket") {
		t.Errorf("following the result opened a page headed %q", got)
	}
}

//go:build unix

package web_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserOfficerFiltersPeopleAndEditsOne drives Chromium: a council's
// IT officer goes from the menu to the council's people, filters them to
// contractors, opens one, is told every mistake of a bad edit at once, and
// saves a good one.
func TestBrowserOfficerFiltersPeopleAndEditsOne(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signInMember(a.cred(t, "it.officer@ashcombe.example")) // an officer needs no second factor

	b.click(`nav[aria-label="Menu"] a[href="/people"]`)
	b.wantPath("/people/ashcombe")
	if n := b.count("#people tbody tr"); n != 50 {
		t.Errorf("the first page lists %d people, want 50", n)
	}
	b.run("choosing contractors", chromedp.SetValue(chromedp.ID("kind"), "contractor"))
	b.click(`#people-filter button[type="submit"]`)
	kinds := b.text("#people tbody")
	if !strings.Contains(kinds, "Contractor") || strings.Contains(kinds, "Staff") || strings.Contains(kinds, "Councillor") {
		t.Errorf("the contractors list reads %q", kinds)
	}
	b.screenshot("people-contractors.png")

	b.click(`#people tbody tr:first-child a`)
	name := b.text("main h1")
	if got := b.text("#person"); !strings.Contains(got, "Contractor") || !strings.Contains(got, "Desk tickets") {
		t.Errorf("%s's page reads %q", name, got)
	}
	b.click(`main a[href$="/edit"]`)
	edit := b.location()
	b.run("a bad edit", chromedp.SetValue(chromedp.ID("email"), "not an address"), chromedp.SetValue(chromedp.ID("manager"), "NOBODY-42"),
		chromedp.SetValue(chromedp.ID("start_on"), "someday"))
	// A refused form answers 422, which the console reports: expected here.
	b.run("saving the bad edit", chromedp.Click(chromedp.CSS(`#person-form button[type="submit"]`)), chromedp.WaitVisible(".govuk-error-summary"))
	b.forget("status of 422")
	summary := b.text(".govuk-error-summary")
	for _, want := range []string{"e-mail address", "HR id or e-mail address", "yyyy-mm-dd"} {
		if !strings.Contains(summary, want) {
			t.Errorf("the error summary %q does not name %q", summary, want)
		}
	}
	b.screenshot("person-edit-errors.png")
	b.navigate(strings.TrimPrefix(edit, a.http.URL))
	b.run("a good e-mail address", chromedp.SetValue(chromedp.ID("email"), "renamed.contractor@ashcombe.example"))
	b.run("no manager", chromedp.Clear(chromedp.ID("manager")))
	b.run("a UK start date", chromedp.SetValue(chromedp.ID("start_on"), "01/04/2025"))
	b.run("a new team", chromedp.SetValue(chromedp.ID("team"), "Audit"))
	b.click(`#person-form button[type="submit"]`)
	got := b.text("#person")
	if !strings.Contains(got, "Audit") || !strings.Contains(got, "renamed.contractor@ashcombe.example") || !strings.Contains(got, "2025-04-01") {
		t.Errorf("after saving, %s's page reads %q", name, got)
	}
}

// forget drops the console problems that name what a test expected, such
// as the 422 of a form it meant to have refused.
func (b *browserTab) forget(expected string) {
	time.Sleep(200 * time.Millisecond) // let the refused page's events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	kept := b.problems[:0]
	for _, p := range b.problems {
		if !strings.Contains(p, expected) {
			kept = append(kept, p)
		}
	}
	b.problems = kept
}

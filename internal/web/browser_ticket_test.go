//go:build unix

package web_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserAgentReopensAFinishedTicket: an agent follows an old link by
// number to a resolved ticket, lands on its reference, reads the clocks'
// verdicts with no time left, and reopens it with a reason; the ticket is
// live again, its clocks counting.
func TestBrowserAgentReopensAFinishedTicket(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	done := a.tickets["ashcombe"][1] // the walk-up fixed on the spot
	page := "/tickets/" + done.Ref

	b.signIn(a.cred(t, "agent@abc-shared.example"))
	b.navigate("/tickets/" + strconv.FormatInt(done.ID, 10))
	b.wantPath(page)
	if got := b.text("main h1"); !strings.HasPrefix(got, "ASH-") {
		t.Errorf("the ticket's h1 is %q, want its ASH- reference", got)
	}
	clocks := b.text("#clocks")
	if !strings.Contains(clocks, "Verdict") || !strings.Contains(clocks, "Met: ") || strings.Contains(clocks, "Time left") {
		t.Errorf("a resolved ticket's clocks read %q, want verdicts and no time left", clocks)
	}
	if n := b.count("#state"); n != 0 {
		t.Error("a resolved ticket offers the full update form")
	}
	b.screenshot("ticket-resolved.png")

	b.run("giving a reason", chromedp.SendKeys(chromedp.ID("note"), "Caller says the reset did not take"))
	b.click(`#reopen-form button[type="submit"]`)
	b.wantPath(page)
	if got := b.text(".govuk-notification-banner__heading"); got != "Ticket "+done.Ref+" updated" {
		t.Errorf("the banner says %q", got)
	}
	if got := b.text("#history"); !strings.Contains(got, "Reopened") || !strings.Contains(got, "Caller says the reset did not take") {
		t.Errorf("the history reads %q, want the reopen and its reason", got)
	}
	if got := b.text("#clocks"); !strings.Contains(got, "Time left") {
		t.Errorf("a reopened ticket's clocks read %q, want time left", got)
	}
	if n := b.count("#state"); n != 1 {
		t.Error("a reopened ticket does not offer the update form")
	}
	b.screenshot("ticket-reopened.png")
}

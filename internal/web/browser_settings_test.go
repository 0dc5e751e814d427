//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserAdminTightensATargetAndPreviewsTheChange drives Chromium: an
// administrator goes from the menu to a council's SLA targets, puts in
// force a tighter P3 target dated back to 2024, previews what
// re-measuring March 2024 would change (one past ticket's verdict flips),
// and applies it.
func TestBrowserAdminTightensATargetAndPreviewsTheChange(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	a.importPastTicket(t)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "admin@abc-shared.example"))

	b.click(`nav[aria-label="Menu"] a[href="/settings"]`)
	b.wantPath("/settings")
	b.click(`main a[href="/settings/ashcombe/sla"]`)
	b.wantPath("/settings/ashcombe/sla")
	if got := b.text("main h1"); got != "SLA targets" {
		t.Errorf("the SLA page's h1 is %q", got)
	}
	b.run("tightening P3", chromedp.SetValue(chromedp.ID("resolution_P3"), "1h"), chromedp.SetValue(chromedp.ID("from"), "2024-01-01"))
	b.click(`main form[action="/settings/ashcombe/sla"] button[type="submit"]`)
	if got := b.text(".govuk-notification-banner__heading"); got != "Incidents targets version 1 in force from 1 Jan 2024 00:00" {
		t.Errorf("the banner says %q", got)
	}
	if got := b.text("#versions tbody"); !strings.Contains(got, "P3: 4 h / 1 h") {
		t.Errorf("the versions read %q", got)
	}
	b.screenshot("settings-sla.png")

	b.click(`main a[href="/settings/ashcombe/sla/recompute"]`)
	b.wantPath("/settings/ashcombe/sla/recompute")
	b.run("choosing March 2024", chromedp.SetValue(chromedp.ID("from"), "2024-03-01"), chromedp.SetValue(chromedp.ID("to"), "2024-03-31"))
	b.click(`main form[method="get"] button[type="submit"]`)
	if got := b.text("#flips"); got != "1" {
		t.Errorf("the preview says %q verdicts would flip, want 1", got)
	}
	if got := b.text("#flip-examples tbody"); !strings.Contains(got, "PAST-1") || !strings.Contains(got, "breached") {
		t.Errorf("the examples read %q", got)
	}
	b.screenshot("settings-recompute-preview.png")
	b.click(`main form[action="/settings/ashcombe/sla/recompute"][method="post"] button[type="submit"]`)
	if got := b.text(".govuk-notification-banner__heading"); got != "Re-measured 1 ticket: 1 changed" {
		t.Errorf("after applying, the banner says %q", got)
	}
	if n := b.count(`main form[action="/settings/ashcombe/sla/recompute"][method="post"]`); n != 0 {
		t.Error("after applying, the page still offers to apply")
	}
}

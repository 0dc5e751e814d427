//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserAuditLogFilter drives Chromium over a real ward: the
// administrator opens the audit log from the menu, chooses a person and an
// action from the lists and sees only those entries, with a link to
// download them. (Bad filters answer 400, which this harness counts as a
// console error; TestAuditLogFiltersAndExport shows them all at once.)
func TestBrowserAuditLogFilter(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	auditFixture(t, a)
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "admin@abc-shared.example"))

	b.click(`nav[aria-label="Menu"] a[href="/admin/audit"]`)
	b.wantPath("/admin/audit")
	b.run("choosing a person and an action",
		chromedp.SetValue(chromedp.ID("actor"), "agent@abc-shared.example"),
		chromedp.SetValue(chromedp.ID("action"), "person.edit"))
	b.click(`main form[action="/admin/audit"] button[type="submit"]`)
	if got := b.text("#entries tbody"); !strings.Contains(got, "person:pct") || strings.Contains(got, "HYPERLINK") || strings.Contains(got, "ash-caller") {
		t.Errorf("the filtered entries read %q", got)
	}
	if n := b.count(`a[href^="/admin/audit.csv?"][download]`); n != 1 {
		t.Errorf("%d download links for the filtered entries", n)
	}
	b.screenshot("audit-filtered.png")
}

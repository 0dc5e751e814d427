//go:build unix

package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserWalkUpWithAFileThenANewPrefix drives Chromium: an agent logs
// a walk-up visit with the reader's log chosen in the file field and finds
// it on the ticket; then an administrator changes Ashcombe's
// reference prefix on its page, and the ticket's old link, opened in the
// browser, lands on the ticket under its new reference.
func TestBrowserWalkUpWithAFileThenANewPrefix(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	file := filepath.Join(t.TempDir(), "reader.log")
	if err := os.WriteFile(file, []byte("09:12 badge reader offline\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	agent := newBrowserTab(t, chrome, a.http.URL)
	agent.signIn(a.cred(t, "agent@abc-shared.example"))
	agent.navigate("/desk/walk-up")
	agent.run("filling in the visit with a file",
		chromedp.SetValue(chromedp.ID("org"), "ashcombe"),
		chromedp.SendKeys(chromedp.ID("caller"), "Pat Visitor"),
		chromedp.SendKeys(chromedp.ID("title"), "Badge reader offline at reception"),
		chromedp.SetUploadFiles(`#attachment`, []string{file}))
	agent.click(`main form[action="/desk/walk-up"] button[type="submit"]`)
	banner := agent.text(".govuk-notification-banner")
	m := regexp.MustCompile(`Logged (ASH-INC-\d+)`).FindStringSubmatch(banner)
	if m == nil {
		t.Fatalf("after logging, the banner says %q; errors: %s", banner, agent.optionalText(".govuk-error-summary"))
	}
	ref := m[1]
	agent.navigate("/tickets/" + ref)
	if got := agent.text("#attachments tbody"); !strings.Contains(got, "reader.log") || !strings.Contains(got, "text/plain") {
		t.Fatalf("the walk-up ticket lists its attachments as %q", got)
	}

	admin := newBrowserTab(t, chrome, a.http.URL)
	admin.signIn(a.cred(t, "admin@abc-shared.example"))
	admin.navigate("/orgs/ashcombe")
	admin.run("choosing a new prefix", chromedp.SetValue(chromedp.ID("ref_prefix"), "ashc"))
	admin.click(`main form[action="/orgs/ashcombe/ref-prefix"] button[type="submit"]`)
	if got := admin.text(".govuk-notification-banner"); !strings.Contains(got, "now start ASHC-") {
		t.Fatalf("after the change the banner says %q; errors: %s", got, admin.optionalText(".govuk-error-summary"))
	}
	admin.screenshot("org-ref-prefix.png")

	agent.navigate("/tickets/" + ref)
	renamed := "ASHC" + strings.TrimPrefix(ref, "ASH")
	agent.wantPath("/tickets/" + renamed)
	if got := agent.text("main h1"); !strings.Contains(got, "Badge reader offline") {
		t.Errorf("the old link led to a page headed %q", got)
	}
}

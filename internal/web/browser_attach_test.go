//go:build unix

package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserOfficerAttachesAFileOnRaiseAndDownloadsIt drives Chromium: an
// officer raises a ticket with a log file chosen in the file field, sees
// it listed on the ticket, and fetches the download link with the
// browser's own session: the same bytes come back as an attachment the
// browser may not render or re-sniff.
func TestBrowserOfficerAttachesAFileOnRaiseAndDownloadsIt(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	content := "12:01 spooler stopped\n12:02 spooler stopped again\n"
	file := filepath.Join(t.TempDir(), "spooler.log")
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}

	officer := a.cred(t, "it.officer@ashcombe.example") // an officer's role needs no second factor
	b.navigate("/signin")
	b.run("signing in", chromedp.SendKeys(chromedp.ID("email"), officer.Email), chromedp.SendKeys(chromedp.ID("password"), officer.Password))
	b.click(`main form[action="/signin"] button[type="submit"]`)
	b.wantPath("/")
	b.navigate("/tickets/new")
	b.run("filling in the ticket with a file",
		chromedp.SendKeys(chromedp.ID("title"), "Printer spooler keeps stopping"),
		chromedp.SetUploadFiles(`#attachment`, []string{file}))
	b.click(`main form[action="/tickets"] button[type="submit"]`)
	if loc := b.location(); !strings.Contains(loc, "/tickets/") || strings.HasSuffix(loc, "/tickets/new") {
		t.Fatalf("after raising, the browser is at %s; errors: %s", b.location(), b.optionalText(".govuk-error-summary"))
	}
	if got := b.text("#attachments tbody"); !strings.Contains(got, "spooler.log") || !strings.Contains(got, "text/plain") {
		t.Fatalf("the ticket lists its attachments as %q", got)
	}
	b.screenshot("ticket-attachment.png")

	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('#attachments a').href).then(async r =>
		[r.status, r.headers.get('content-disposition'), r.headers.get('x-content-type-options'), await r.text()].join('|'))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	want := `200|attachment; filename=spooler.log|nosniff|` + content
	if got != want {
		t.Errorf("the download answered\n%q\nwant\n%q", got, want)
	}
}

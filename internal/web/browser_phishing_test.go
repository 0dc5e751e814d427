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

// TestBrowserAnalystImportsGophishResults: an analyst follows the menu's
// Phishing link to Ashcombe's campaigns and its import page, uploads a
// Gophish export and follows the result to the campaign's funnel and who
// did what. (A refused file answers 422, which the browser logs as an
// error; phishing_pages_test.go reads those answers.)
func TestBrowserAnalystImportsGophishResults(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	src, err := os.ReadFile(gophishFixture)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(t.TempDir(), "march.csv")
	if err := os.WriteFile(good, src, 0o600); err != nil {
		t.Fatal(err)
	}

	b.signIn(a.cred(t, "analyst@abc-shared.example"))
	b.click(`nav a[href="/phishing"]`)
	b.wantPath("/phishing")
	b.click(`#phishing-councils a[href="/phishing/ashcombe"]`)
	b.wantPath("/phishing/ashcombe")
	b.click(`a[href="/phishing/ashcombe/import"]`)
	b.wantPath("/phishing/ashcombe/import")
	if got := b.text("main h1"); got != "Import phishing results" {
		t.Errorf("the import page's h1 is %q", got)
	}
	fill := func(file string) {
		b.t.Helper()
		b.run("filling in the import form",
			chromedp.SendKeys(chromedp.ID("campaign"), "March invoice lure"),
			chromedp.SendKeys(chromedp.ID("enrol"), "PHISH-FOLLOWUP"),
			chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}))
		b.click(`main form[action="/phishing/ashcombe/import"] button[type="submit"]`)
		b.wantPath("/phishing/ashcombe/import")
	}
	fill(good)
	if got := b.text("#import-result"); !strings.Contains(got, "Imported March invoice lure, launched 2026-03-02: 10 results, 2 not sent") {
		t.Fatalf("the result reads %q; errors: %s", got, b.optionalText(".govuk-error-summary"))
	}
	b.click(`#import-result a`)
	if got := b.text("main h1"); got != "March invoice lure" {
		t.Errorf("the campaign page's h1 is %q", got)
	}
	if got := b.text("#phishing-funnel"); !strings.Contains(got, "4 (40.0%)") {
		t.Errorf("the funnel reads %q", got)
	}
	if n := b.count("#phishing-results tbody tr"); n != 10 {
		t.Errorf("who did what lists %d rows, want 10", n)
	}
	b.screenshot("phishing-campaign.png")
}

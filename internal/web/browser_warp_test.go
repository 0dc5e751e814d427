//go:build unix

package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// TestBrowserWarpAdvisoryIsReadAcrossOrgs drives two Chromium tabs over a
// real ward: Ashcombe's WARP member publishes an AMBER advisory with an
// indicator to the demo's London WARP, Brentmere's member finds it under
// its TLP banner and marks it read, and the author then sees Brentmere's
// member under "Read by". The pages must raise no console error or CSP
// violation (the Markdown body is rendered server-side, no script).
func TestBrowserWarpAdvisoryIsReadAcrossOrgs(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	author := newBrowserTab(t, chrome, a.http.URL)
	author.signInMember(a.cred(t, "warp@ashcombe.example"))

	author.click(`nav[aria-label="Menu"] a[href="/warp"]`)
	author.wantPath("/warp")
	author.click(`nav[aria-label="WARP"] a[href="/warp/advisories/new"]`)
	author.wantPath("/warp/advisories/new")
	author.run("writing the advisory",
		chromedp.SendKeys(chromedp.ID("title"), "Browser test: parking fines phishing"),
		chromedp.SendKeys(chromedp.ID("summary"), "Texts about unpaid parking fines link to a fake payment page."),
		chromedp.SendKeys(chromedp.ID("body"), "## What to do\n\n- Block the domain below\n- Tell staff **not** to pay"),
		chromedp.SetValue(chromedp.ID("community"), "london-warp"),
		chromedp.SetValue(chromedp.ID("tlp"), "AMBER"),
		chromedp.SendKeys(chromedp.ID("indicators"), "pay-parking-fines.example"))
	author.click(`main form[action="/warp/advisories"] button[type="submit"]`)
	if got := author.text("#tlp-banner"); !strings.Contains(got, "TLP:AMBER") || !strings.Contains(got, "need-to-know") {
		t.Errorf("the published advisory's banner reads %q", got)
	}
	if got := author.text("#body h4"); got != "What to do" {
		t.Errorf("the body's heading reads %q", got)
	}
	if got := author.text("#indicators tbody"); !strings.Contains(got, "pay-parking-fines[.]example") {
		t.Errorf("the indicators read %q, want the domain defanged", got)
	}
	link := strings.TrimPrefix(author.location(), a.http.URL)
	if !strings.HasPrefix(link, "/warp/advisories/") {
		t.Fatalf("publishing led to %s", link)
	}
	author.screenshot("warp-published.png")

	reader := newBrowserTab(t, chrome, a.http.URL)
	reader.signInMember(a.cred(t, "warp@brentmere.example"))
	reader.navigate("/warp")
	if bg := reader.style(`#advisories .ward-tlp--amber`, "background-color"); bg != "rgb(255, 192, 0)" {
		t.Errorf("the AMBER label's background is %s, want TLP 2.0's amber", bg)
	}
	reader.click(`#advisories a[href="` + link + `"]`)
	reader.wantPath(link)
	if got := reader.text("#author"); got != "London Borough of Ashcombe" {
		t.Errorf("the reader sees the author as %q", got)
	}
	reader.click(`#mark-read`)
	reader.wantPath(link)
	if got := reader.text("#acknowledged"); !strings.Contains(got, "You have marked this as read") {
		t.Errorf("after marking it read the page says %q", got)
	}
	reader.screenshot("warp-read.png")

	author.navigate(link)
	if got := author.text("#read-by tbody"); !strings.Contains(got, "London Borough of Brentmere") {
		t.Errorf("the author's read-by list reads %q, want Brentmere's member", got)
	}
	author.screenshot("warp-read-by.png")
}

// signInMember signs in a user whose role needs no second factor.
func (b *browserTab) signInMember(c demo.Credential) {
	b.t.Helper()
	b.navigate("/signin")
	b.run("filling in the sign-in form", chromedp.SendKeys(chromedp.ID("email"), c.Email), chromedp.SendKeys(chromedp.ID("password"), c.Password))
	b.click(`main form[action="/signin"] button[type="submit"]`)
	b.wantPath("/")
}

// style is an element's computed style property.
func (b *browserTab) style(css, property string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector(`+quote(css)+`)).getPropertyValue(`+quote(property)+`)`))
	if err != nil {
		b.t.Fatalf("reading %s of %s: %v", property, css, err)
	}
	return s
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `\'`) + "'" }

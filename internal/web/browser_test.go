//go:build unix

package web_test

// TestBrowserAnalystAcceptsARisk drives Chromium (through chromedp) over a
// real ward (as does TestBrowserAnalystSeesAPathAndChangesTierZero): an analyst signs in with a password and a TOTP code, opens a
// finding from the posture pages, accepts its risk through the form and
// sees it accepted. Any console error, uncaught exception or CSP violation
// (the trend lines are inline SVG) fails the test. It skips when no
// Chromium is installed; CI installs one. Set WARD_SCREENSHOT_DIR to keep
// screenshots of the pages.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

func TestBrowserAnalystAcceptsARisk(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	b := newBrowserTab(t, chrome, a.http.URL)
	analyst := a.cred(t, "analyst@abc-shared.example")
	disk := a.seeded(t, "ashcombe", "disk-encryption")
	link := "/findings/" + strconv.FormatInt(disk.ID, 10)

	b.signIn(analyst)

	// Councils side by side, then Ashcombe, then its unencrypted laptop.
	b.click(`nav[aria-label="Menu"] a[href="/posture"]`)
	b.wantPath("/posture")
	if got := b.text("main h1"); got != "Security posture" {
		t.Errorf("the posture page's h1 is %q", got)
	}
	if n := b.count(`#councils svg polyline`); n != 3 {
		t.Errorf("the side by side page draws %d trend lines, want one per council (3)", n)
	}
	b.screenshot("posture-councils.png")
	b.click(`#councils a[href="/posture/ashcombe"]`)
	b.wantPath("/posture/ashcombe")
	if n := b.count(`#trend svg polyline`); n != 1 {
		t.Errorf("Ashcombe's page draws %d overall trend lines, want 1", n)
	}
	b.screenshot("posture-ashcombe.png")
	b.click(`#control-disk-encryption a[href^="/findings?"]`)
	b.wantPath("/findings")
	b.click(`#findings a[href="` + link + `"]`)
	b.wantPath(link)
	if got := b.text("main h1"); got != "Storage is not encrypted: ASHCOMBE-LT-1" {
		t.Errorf("the finding's h1 is %q", got)
	}
	if got := b.text("#state"); got != "Open" {
		t.Errorf("before accepting, the finding's state is %q", got)
	}
	if got := b.text("#evidence tbody"); !strings.Contains(got, "encrypted") || !strings.Contains(got, "no") {
		t.Errorf("the evidence reads %q, want the encrypted field and its value", got)
	}

	until := time.Now().In(london).AddDate(0, 3, 0)
	b.run("filling in the acceptance",
		chromedp.SendKeys(chromedp.ID("reason"), "Replacement laptop arrives next month"),
		chromedp.SendKeys(chromedp.ID("owner"), "Head of ICT, Ashcombe"),
		chromedp.SetValue(chromedp.ID("expires"), until.Format("2006-01-02")))
	b.click(`main form[action="` + link + `/accept"] button[type="submit"]`)
	b.wantPath(link)
	if got := b.text("#state"); got != "Accepted" {
		t.Errorf("after accepting, the finding's state is %q, want Accepted", got)
	}
	if got, want := b.text(".govuk-notification-banner__heading"), "Risk accepted until "+until.Format("2 Jan 2006"); got != want {
		t.Errorf("the banner says %q, want %q", got, want)
	}
	if got := b.text("#acceptance"); !strings.Contains(got, "Head of ICT, Ashcombe") || !strings.Contains(got, "Replacement laptop arrives next month") {
		t.Errorf("the acceptance reads %q", got)
	}
	if n := b.count(`form[action="` + link + `/accept"]`); n != 0 {
		t.Errorf("an accepted finding still offers the form to accept it")
	}
	b.screenshot("finding-accepted.png")

	f, err := a.store.Finding(context.Background(), tenancy.ForSystem(tenancy.JobTest), disk.ID)
	if err != nil || f.State != finding.Accepted || f.Acceptance.Owner != "Head of ICT, Ashcombe" {
		t.Errorf("stored finding: %s %+v (%v)", f.State, f.Acceptance, err)
	}
}

// TestBrowserAnalystSeesAPathAndChangesTierZero: an analyst goes from the
// menu to a council's identity page, finds an account, sees its path into
// Tier Zero drawn, and makes a PC that account administers Tier Zero
// through the form on the PC's page.
func TestBrowserAnalystSeesAPathAndChangesTierZero(t *testing.T) {
	chrome := chromium(t)
	a := newApp(t, webtest.SQLite)
	seed := seedIdentity(t, a.store)["ashcombe"]
	b := newBrowserTab(t, chrome, a.http.URL)
	b.signIn(a.cred(t, "analyst@abc-shared.example"))

	b.click(`nav[aria-label="Menu"] a[href="/identity"]`)
	b.wantPath("/identity")
	b.screenshot("identity-orgs.png")
	b.click(`#orgs a[href="/identity/ashcombe"]`)
	b.wantPath("/identity/ashcombe")
	b.click(`#summary a[href="/identity/ashcombe/paths"]`)
	b.run("searching for Kim", chromedp.SendKeys(chromedp.ID("match"), "probe-kim"))
	b.click(`main form[action="/identity/ashcombe/paths"] button[type="submit"]`)
	b.wantPath("/identity/ashcombe/paths")
	b.screenshot("identity-paths.png")
	b.click(`#paths a[href="/identity/ashcombe/principals/` + seed.kim + `"]`)
	if n := b.count(`#path-picture svg .ward-path__node`); n != 3 {
		t.Errorf("Kim's path picture has %d boxes, want 3 (Kim, the PC, the Domain Admin)", n)
	}
	// SVG text has no innerText: read its textContent.
	if got := b.optionalText(`#path-picture svg .ward-path__node--tier-zero text`); got != "ASHCOMBE-PROBE-SVC-ADMIN@ASHCOMBE-PROBE.LOCAL" {
		t.Errorf("the Tier Zero end of the picture reads %q", got)
	}
	b.screenshot("identity-path.png")

	pc := "ASHCOMBE-PROBE-PC-1.ASHCOMBE-PROBE.LOCAL"
	b.click(`#rights a`)
	if got := b.text("main h1"); got != pc {
		t.Fatalf("Kim's right leads to %q", got)
	}
	b.run("saying why", chromedp.SendKeys(chromedp.ID("note"), "Domain Admins sign in here"))
	b.click(`main form[action="/identity/ashcombe/tier-zero"] button[type="submit"]`)
	b.wantPath("/identity/ashcombe")
	if got := b.text(".govuk-notification-banner__heading"); !strings.HasPrefix(got, "Added "+pc+" to Tier Zero.") {
		t.Errorf("the banner says %q", got)
	}
	if got := b.text("#tier-zero-additions tbody"); !strings.Contains(got, pc) || !strings.Contains(got, "Domain Admins sign in here") {
		t.Errorf("the Tier Zero additions read %q", got)
	}
	b.screenshot("identity-tier-zero.png")
}

// signIn signs in as a person does: password, then the code from their app.
func (b *browserTab) signIn(c demo.Credential) {
	b.t.Helper()
	b.navigate("/signin")
	b.run("filling in the sign-in form", chromedp.SendKeys(chromedp.ID("email"), c.Email), chromedp.SendKeys(chromedp.ID("password"), c.Password))
	b.click(`main form[action="/signin"] button[type="submit"]`)
	b.wantPath("/signin/2fa")
	code, err := auth.TOTPCode(c.TOTPSecret, time.Now())
	if err != nil {
		b.t.Fatal(err)
	}
	b.run("typing the code", chromedp.SendKeys(chromedp.ID("code"), code))
	b.click(`main form[action="/signin/2fa"] button[type="submit"]`)
	b.wantPath("/")
}

// chromium returns the path of a Chromium or Chrome, or skips the test.
func chromium(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found: install one to run the browser test, for example apt-get install chromium")
	return ""
}

// browserTab is one Chromium tab on ward that records every console error,
// uncaught exception and browser-log error of its pages.
type browserTab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string
}

func newBrowserTab(t *testing.T, chrome, base string) *browserTab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium-profile")), chromedp.WindowSize(1280, 900))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browserTab{t: t, base: base}
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf), chromedp.WithListener(b.listen))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", chrome, err)
	}
	// Each step has plenty of time; a hang fails rather than blocks.
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	b.ctx = ctx
	t.Cleanup(func() {
		time.Sleep(200 * time.Millisecond) // let the last page's events arrive
		b.mu.Lock()
		defer b.mu.Unlock()
		if len(b.problems) > 0 {
			t.Errorf("the browser console reported %d problem(s) (CSP violations, script errors):\n  %s", len(b.problems), strings.Join(b.problems, "\n  "))
		}
	})
	return b
}

// listen runs in chromedp's event loop: it must be quick and run no command.
func (b *browserTab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg = "uncaught exception: " + ev.ExceptionDetails.Text
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, arg := range ev.Args {
			parts = append(parts, arg.Description+string(arg.Value))
		}
		msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " "))
	case *log.EventEntryAdded:
		if ev.Entry == nil || ev.Entry.Level != log.EntryLevelError {
			return
		}
		msg = fmt.Sprintf("%s error at %s: %s", ev.Entry.Source, ev.Entry.URL, ev.Entry.Text)
	default:
		return
	}
	b.mu.Lock()
	b.problems = append(b.problems, msg)
	b.mu.Unlock()
}

func (b *browserTab) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func (b *browserTab) navigate(path string) *network.Response {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("opening %s: %v", path, err)
	}
	return resp
}

// click clicks the element and waits for the page it leads to, which must
// answer 200 (after any redirect).
func (b *browserTab) click(css string) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("clicking %s on %s: %v", css, b.location(), err)
	}
	if resp != nil && resp.Status != 200 {
		b.t.Fatalf("clicking %s led to %s answering %d", css, b.location(), resp.Status)
	}
}

func (b *browserTab) location() string {
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		return "(unknown: " + err.Error() + ")"
	}
	return loc
}

func (b *browserTab) wantPath(path string) {
	b.t.Helper()
	loc := b.location()
	if got := strings.TrimPrefix(loc, b.base); got != path && !strings.HasPrefix(got, path+"?") {
		b.t.Fatalf("the browser is at %s, want %s (errors on the page: %q)", loc, path, b.optionalText(".govuk-error-summary"))
	}
}

func (b *browserTab) text(css string) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.t.Fatalf("reading %s on %s: %v", css, b.location(), err)
	}
	return strings.Join(strings.Fields(s), " ")
}

func (b *browserTab) optionalText(css string) string {
	s, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ''`, css)))
	return strings.Join(strings.Fields(s), " ")
}

func (b *browserTab) count(css string) int {
	b.t.Helper()
	n, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, css)))
	if err != nil {
		b.t.Fatalf("counting %s: %v", css, err)
	}
	return n
}

// screenshot keeps a full-page PNG in WARD_SCREENSHOT_DIR, when set.
func (b *browserTab) screenshot(name string) {
	b.t.Helper()
	dir := os.Getenv("WARD_SCREENSHOT_DIR")
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("taking a screenshot: %v", err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

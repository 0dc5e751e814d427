//go:build unix

package main

// TestBrowserDemoSignIn proves, in a real browser, what a fresh checkout
// promises: `ward serve --demo` serves a sign-in page, and each printed demo
// account signs in (with a TOTP code where its role needs one) and reaches
// its role's home page. It builds ward, runs it as a separate process and
// drives Chromium through chromedp. Any console error, uncaught exception or
// Content-Security-Policy violation on any page fails the test.
//
// It skips when no Chromium is installed; CI installs one. Set
// WARD_SCREENSHOT_DIR to keep the screenshot of the agent's home page.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestBrowserDemoSignIn(t *testing.T) {
	chrome := findChromium(t)
	bin := buildWard(t)
	w := startWard(t, bin)
	b := startBrowser(t, chrome)

	agent := w.user(t, tenancy.RoleAgent)
	officer := w.user(t, tenancy.RoleOfficer)
	admin := w.user(t, tenancy.RoleAdmin)
	for _, u := range []demoUser{agent, admin} {
		if u.TOTPSecret == "" {
			t.Fatalf("the demo %s %s was printed without a TOTP secret; admin, agent and analyst must have two-factor sign-in", u.Role, u.Email)
		}
	}
	if officer.TOTPSecret != "" {
		t.Fatalf("the demo officer %s was printed with a TOTP secret; officers sign in with a password only", officer.Email)
	}

	// The subtests run in order; the admin's look at the audit log expects
	// the agent's sign-in. Each user signs in once only: ward refuses a TOTP
	// code that was used already in its 30-second step.
	t.Run("agent signs in with a TOTP code and signs out", func(t *testing.T) {
		tab := b.newTab(t, w.base)
		tab.signIn(agent)
		tab.wantHome(agent)
		tab.screenshot("agent-home.png")

		resp := tab.click(`header form[action="/signout"] button[type="submit"]`)
		tab.wantPage(resp, 200, "/signin", "Sign in to ward")
		if got := tab.text(`.govuk-notification-banner__heading`); got != "You have signed out" {
			t.Errorf("after signing out the banner says %q, want %q", got, "You have signed out")
		}
		if tab.count(`header form[action="/signout"]`) != 0 {
			t.Errorf("after signing out the header still has a Sign out button")
		}
		// The session is gone, not just the page: home sends us to sign in.
		resp = tab.navigate("/")
		tab.wantPage(resp, 200, "/signin", "Sign in to ward")
	})

	t.Run("officer signs in without TOTP and may not manage users", func(t *testing.T) {
		tab := b.newTab(t, w.base)
		tab.signIn(officer)
		tab.wantHome(officer)

		usersURL := w.base + "/admin/users"
		tab.expectHTTPError(usersURL, 403)
		resp := tab.navigate("/admin/users")
		// The status is the contract; the wording of the page may change, but
		// it must be about access, and it must not show the users.
		tab.wantPage(resp, 403, "/admin/users", "")
		if body := tab.text("main"); !strings.Contains(strings.ToLower(body), "access") {
			t.Errorf("the 403 page says %q, want it to say the officer has no access", body)
		}
		if body := tab.text("body"); strings.Contains(body, admin.Email) {
			t.Errorf("the 403 page for an officer shows another org's user %s: %q", admin.Email, body)
		}
		// Being refused does not sign the officer out.
		resp = tab.navigate("/")
		tab.wantPage(resp, 200, "/", homeHeadings[officer.Role])
		tab.wantHeader(officer)
	})

	t.Run("admin signs in with a TOTP code and sees the agent's sign-in in the audit log", func(t *testing.T) {
		tab := b.newTab(t, w.base)
		tab.signIn(admin)
		tab.wantHome(admin)

		resp := tab.navigate("/admin/audit")
		tab.wantPage(resp, 200, "/admin/audit", "Audit log")
		rows := tab.tableRows(`main table.govuk-table`)
		// Columns: Seq, When, Actor, Action, Target, IP address. The actor
		// is named; the target keeps the account's identifier.
		actor := "user:" + strings.ToLower(agent.Email)
		found := slices.ContainsFunc(rows, func(r []string) bool {
			return len(r) == 6 && r[2] == agent.Name && r[3] == "signin" && r[4] == actor
		})
		if !found {
			t.Errorf("the audit log has no row with actor %s and action signin; it shows:\n%s", actor, formatRows(rows))
		}
	})

	// The console check must be able to fail, or the other subtests prove
	// nothing about CSP. An inline script is what the policy forbids.
	t.Run("the console check catches a CSP violation", func(t *testing.T) {
		tab := b.newTab(t, w.base)
		tab.ignoreConsole = true
		tab.navigate("/signin")
		err := chromedp.Do(tab.ctx, chromedp.Evaluate[chromedp.Void](
			`{ const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.append(s) }`))
		if err != nil {
			t.Fatalf("injecting an inline script: %v", err)
		}
		ran, err := chromedp.Run(tab.ctx, chromedp.Evaluate[bool](`window.inlineRan === true`))
		if err != nil {
			t.Fatalf("reading the result of the inline script: %v", err)
		}
		if ran {
			t.Errorf("an inline script ran on /signin: the Content-Security-Policy does not forbid it")
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			if slices.ContainsFunc(tab.problemList(), func(p string) bool { return strings.Contains(p, "Content Security Policy") }) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("an inline script broke the CSP but the console check saw no violation; it saw: %q", tab.problemList())
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}

// TestBrowserWalkUpOnDashboard: an agent at a council's front desk logs a
// walk-up visit in a few fields and sees it on the desk dashboard, in a ward
// of its own (the agent signs in once per ward: TOTP codes are single-use).
func TestBrowserWalkUpOnDashboard(t *testing.T) {
	chrome := findChromium(t)
	bin := buildWard(t)
	w := startWard(t, bin)
	b := startBrowser(t, chrome)
	agent := w.user(t, tenancy.RoleAgent)

	tab := b.newTab(t, w.base)
	tab.signIn(agent)
	tab.wantHome(agent)

	resp := tab.navigate("/desk")
	tab.wantPage(resp, 200, "/desk", "Service desk")
	before := tab.text("#today-walk-up")

	resp = tab.navigate("/desk/walk-up")
	tab.wantPage(resp, 200, "/desk/walk-up", "Log a walk-up visit")
	const what = "Door badge stopped working"
	if err := chromedp.Do(tab.ctx,
		chromedp.SetValue(chromedp.ID("org"), "ashcombe"),
		chromedp.SendKeys(chromedp.ID("caller"), "Priya Shah"),
		chromedp.SendKeys(chromedp.ID("site"), "Ashcombe Town Hall"),
		chromedp.SendKeys(chromedp.ID("title"), what),
	); err != nil {
		t.Fatalf("filling in the walk-up form: %v", err)
	}
	resp = tab.click(`main form[action="/desk/walk-up"] button[type="submit"]`)
	tab.wantPage(resp, 200, "/desk/walk-up", "Log a walk-up visit")
	if got := tab.text(".govuk-notification-banner__heading"); !strings.HasSuffix(got, "for Priya Shah, fixed on the spot") {
		t.Errorf("after logging the visit the banner says %q", got)
	}
	if got, err := chromedp.Run(tab.ctx, chromedp.Evaluate[string](`document.getElementById('title').value`)); err != nil || got != "" {
		t.Errorf("the form for the next visitor is not empty: %q (%v)", got, err)
	}

	resp = tab.navigate("/desk")
	tab.wantPage(resp, 200, "/desk", "Service desk")
	n, err1 := strconv.Atoi(before)
	m, err2 := strconv.Atoi(tab.text("#today-walk-up"))
	if err1 != nil || err2 != nil || m != n+1 {
		t.Errorf("today's walk-ups on the dashboard went from %q to %d, want one more", before, m)
	}
	rows := tab.tableRows("#today")
	if !slices.ContainsFunc(rows, func(r []string) bool { return len(r) > 3 && r[1] == what && r[3] == "Priya Shah" }) {
		t.Errorf("the dashboard's tickets of today do not list the visit; they are:\n%s", formatRows(rows))
	}
	tab.screenshot("desk-dashboard.png")
}

// findChromium returns the path of a Chromium or Chrome, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (/usr/bin/chromium, or chromium, chromium-browser or google-chrome on PATH): " +
		"install one to run the browser test, for example apt-get install chromium")
	return ""
}

// buildWard builds this command into a temporary directory.
func buildWard(t *testing.T) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the browser test builds ward with the go command, which is not on PATH: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "ward")
	cmd := exec.Command(goCmd, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

type demoUser struct {
	Role       tenancy.Role
	Org        string
	Email      string
	Password   string
	TOTPSecret string // "" for a role without two-factor sign-in
	Name       string // from `ward user list`
}

type wardProcess struct {
	base  string // http://127.0.0.1:PORT
	users []demoUser
}

// user returns the first printed demo user with the role.
func (w *wardProcess) user(t *testing.T, role tenancy.Role) demoUser {
	t.Helper()
	for _, u := range w.users {
		if u.Role == role {
			return u
		}
	}
	t.Fatalf("ward printed no demo user with the role %s", role)
	return demoUser{}
}

// startWard runs `ward serve --demo` on a new database and a free port, reads
// the printed demo sign-ins and the address, and stops ward at the end of the
// test, checking that it shuts down cleanly.
func startWard(t *testing.T, bin string) *wardProcess {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "ward.db")
	cmd := exec.Command(bin, "serve", "--demo", "--database", db, "--listen", "127.0.0.1:0")
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	pr, pw := io.Pipe()
	cmd.Stdout = pw
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting ward: %v", err)
	}

	lines := make(chan string, 1024)
	var stdout syncBuffer
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			stdout.Write([]byte(sc.Text() + "\n"))
			select {
			case lines <- sc.Text():
			default: // nobody reads any more: keep draining the pipe
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()

	exited := make(chan error, 1)
	go func() {
		err := cmd.Wait()
		_ = pw.Close()
		exited <- err
	}()
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			stopWard(t, cmd, exited)
		}
		if t.Failed() {
			t.Logf("ward's stdout:\n%s", stdout.String())
			t.Logf("ward's stderr:\n%s", stderr.String())
		}
	})
	fail := func(format string, args ...any) {
		t.Helper()
		stopWard(t, cmd, exited)
		stopped = true
		t.Fatalf(format, args...)
	}

	// A generous deadline for a slow machine: this is not a speed test.
	deadline := time.After(90 * time.Second)
	w := &wardProcess{}
	inTable := false
	for w.base == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				fail("ward stopped writing before it said where to sign in")
			}
			fields := strings.Fields(line)
			switch {
			case len(fields) == 5 && fields[0] == "ROLE" && fields[4] == "TOTP-SECRET":
				inTable = true
			case inTable && len(fields) == 0:
				inTable = false
			case inTable:
				if len(fields) != 5 {
					fail("a row of the demo sign-ins has %d fields, want 5 (ROLE ORG EMAIL PASSWORD TOTP-SECRET): %q", len(fields), line)
				}
				u := demoUser{Role: tenancy.Role(fields[0]), Org: fields[1], Email: fields[2], Password: fields[3], TOTPSecret: fields[4]}
				if u.TOTPSecret == "-" {
					u.TOTPSecret = ""
				}
				w.users = append(w.users, u)
			case strings.HasPrefix(line, "sign in at "):
				u, err := url.Parse(strings.TrimPrefix(line, "sign in at "))
				if err != nil || u.Scheme != "http" || u.Host == "" || u.Path != "/signin" {
					fail("ward says to sign in at %q, want http://HOST:PORT/signin", line)
				}
				w.base = u.Scheme + "://" + u.Host
			}
		case err := <-exited:
			exited <- err
			fail("ward exited before it said where to sign in: %v", err)
		case <-deadline:
			fail("ward did not say where to sign in within 90 seconds")
		}
	}
	if len(w.users) == 0 {
		fail("ward printed no demo sign-ins on a new database")
	}

	// The names are not in the printed table; read them as an operator would.
	out, err := exec.Command(bin, "--database", db, "user", "list", "--format", "json").Output()
	if err != nil {
		fail("ward user list: %v", err)
	}
	var listed []struct{ Email, Name string }
	if err := json.Unmarshal(out, &listed); err != nil {
		fail("ward user list --format json printed something that is not a list of users: %v\n%s", err, out)
	}
	for i, u := range w.users {
		for _, l := range listed {
			if strings.EqualFold(l.Email, u.Email) {
				w.users[i].Name = l.Name
			}
		}
		if w.users[i].Name == "" {
			fail("ward user list has no name for the demo user %s", u.Email)
		}
	}
	return w
}

// stopWard sends SIGTERM and wants a graceful exit with status 0.
func stopWard(t *testing.T, cmd *exec.Cmd, exited chan error) {
	t.Helper()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Errorf("sending SIGTERM to ward: %v", err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("ward did not exit cleanly on SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
		t.Errorf("ward did not exit within 30 seconds of SIGTERM; killed it")
	}
}

type browser struct {
	ctx context.Context // the browser; each tab is a child
}

func startBrowser(t *testing.T, chrome string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium-profile")),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser with no time limit: it lives as long as ctx.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium (%s): %v", chrome, err)
	}
	return &browser{ctx: ctx}
}

// tab is a browser tab with its own cookies, which records every console
// error, uncaught exception and browser-log error of its pages.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu            sync.Mutex
	problems      []string
	allowed       map[string]int // URL → expected HTTP error status
	ignoreConsole bool
}

func (b *browser) newTab(t *testing.T, base string) *tab {
	t.Helper()
	tb := &tab{t: t, base: base, allowed: map[string]int{}}
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(tb.listen))
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		t.Fatalf("opening a tab: %v", err)
	}
	// Each step has plenty of time; a hang fails rather than blocks.
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(cancelTimeout)
	tb.ctx = ctx
	t.Cleanup(func() {
		if tb.ignoreConsole {
			return
		}
		// Let the events of the last page arrive.
		time.Sleep(200 * time.Millisecond)
		if p := tb.problemList(); len(p) > 0 {
			t.Errorf("the browser console reported %d problem(s) (CSP violations, script errors):\n  %s", len(p), strings.Join(p, "\n  "))
		}
	})
	return tb
}

// listen runs in chromedp's event loop: it must be quick and run no command.
func (tb *tab) listen(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		msg = fmt.Sprintf("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			switch {
			case a.Description != "":
				parts = append(parts, a.Description)
			default:
				parts = append(parts, string(a.Value))
			}
		}
		msg = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " "))
	case *log.EventEntryAdded:
		e := ev.Entry
		if e == nil || e.Level != log.EntryLevelError {
			return
		}
		tb.mu.Lock()
		status, ok := tb.allowed[e.URL]
		tb.mu.Unlock()
		if ok && e.Source == log.EntrySourceNetwork && strings.Contains(e.Text, fmt.Sprintf("status of %d", status)) {
			return // the page we meant to be refused
		}
		msg = fmt.Sprintf("%s error at %s: %s", e.Source, e.URL, e.Text)
	default:
		return
	}
	tb.mu.Lock()
	tb.problems = append(tb.problems, msg)
	tb.mu.Unlock()
}

func (tb *tab) problemList() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return slices.Clone(tb.problems)
}

// expectHTTPError lets the browser log that loading url failed with status:
// Chromium logs every 4xx document as a console error.
func (tb *tab) expectHTTPError(url string, status int) {
	tb.mu.Lock()
	tb.allowed[url] = status
	tb.mu.Unlock()
}

// navigate opens a path of ward and returns the final response.
func (tb *tab) navigate(path string) *network.Response {
	tb.t.Helper()
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(tb.base+path))
	if err != nil {
		tb.t.Fatalf("opening %s: %v", path, err)
	}
	return resp
}

// click clicks the element and returns the response of the page it leads to.
func (tb *tab) click(css string) *network.Response {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(css)))
	if err != nil {
		tb.t.Fatalf("clicking %s on %s: %v", css, tb.location(), err)
	}
	return resp
}

func (tb *tab) location() string {
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		return "(unknown page: " + err.Error() + ")"
	}
	return loc
}

func (tb *tab) text(css string) string {
	tb.t.Helper()
	// The element should be there already: do not wait out the whole tab.
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		tb.t.Fatalf("reading %s on %s: %v", css, tb.location(), err)
	}
	return strings.Join(strings.Fields(s), " ")
}

func (tb *tab) count(css string) int {
	tb.t.Helper()
	n, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, css)))
	if err != nil {
		tb.t.Fatalf("counting %s: %v", css, err)
	}
	return n
}

func (tb *tab) tableRows(css string) [][]string {
	tb.t.Helper()
	rows, err := chromedp.Run(tb.ctx, chromedp.Evaluate[[][]string](fmt.Sprintf(
		`Array.from(document.querySelectorAll(%q + ' tbody tr'), tr => Array.from(tr.cells, td => td.textContent.trim()))`, css)))
	if err != nil {
		tb.t.Fatalf("reading the rows of %s: %v", css, err)
	}
	return rows
}

// wantPage checks the response status, the path the browser ended on and,
// unless h1 is "", the page's h1.
func (tb *tab) wantPage(resp *network.Response, status int64, path, h1 string) {
	tb.t.Helper()
	loc := tb.location()
	u, err := url.Parse(loc)
	if err != nil || u.Path != path {
		tb.t.Fatalf("the browser is at %s, want the path %s", loc, path)
	}
	if resp == nil {
		tb.t.Fatalf("no HTTP response for %s", loc)
	}
	if resp.Status != status {
		tb.t.Errorf("%s answered %d %s, want %d", loc, resp.Status, resp.StatusText, status)
	}
	if h1 == "" {
		return
	}
	if got := tb.text("main h1"); got != h1 {
		tb.t.Fatalf("the h1 of %s is %q, want %q", loc, got, h1)
	}
}

// signIn signs u in from the home page, through the second factor where u
// has one.
func (tb *tab) signIn(u demoUser) {
	tb.t.Helper()
	resp := tb.navigate("/")
	tb.wantPage(resp, 200, "/signin", "Sign in to ward")
	if err := chromedp.Do(tb.ctx,
		chromedp.SendKeys(chromedp.ID("email"), u.Email),
		chromedp.SendKeys(chromedp.ID("password"), u.Password),
	); err != nil {
		tb.t.Fatalf("filling in the sign-in form: %v", err)
	}
	resp = tb.click(`main form[action="/signin"] button[type="submit"]`)
	if u.TOTPSecret == "" {
		return
	}
	tb.wantPage(resp, 200, "/signin/2fa", "Enter your security code")
	code, err := auth.TOTPCode(u.TOTPSecret, time.Now())
	if err != nil {
		tb.t.Fatalf("making a TOTP code from the printed secret of %s: %v", u.Email, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.SendKeys(chromedp.ID("code"), code)); err != nil {
		tb.t.Fatalf("typing the TOTP code: %v", err)
	}
	tb.click(`main form[action="/signin/2fa"] button[type="submit"]`)
}

var homeHeadings = map[tenancy.Role]string{
	tenancy.RoleAgent:     "Service desk",
	tenancy.RoleAnalyst:   "Security",
	tenancy.RoleAdmin:     "Administration",
	tenancy.RoleOfficer:   "Your council",
	tenancy.RoleMember:    "WARP",
	tenancy.RoleCommittee: "Committee",
}

// wantHome checks that the browser is on u's home page, signed in as u.
func (tb *tab) wantHome(u demoUser) {
	tb.t.Helper()
	loc := tb.location()
	if p, err := url.Parse(loc); err != nil || p.Path != "/" {
		// Show why: the page may carry an error summary.
		tb.t.Fatalf("after signing in %s the browser is at %s (h1 %q, errors %q), want the home page /",
			u.Email, loc, tb.text("main h1"), tb.optionalText(".govuk-error-summary"))
	}
	if got, want := tb.text("main h1"), homeHeadings[u.Role]; got != want {
		tb.t.Errorf("the home page of the %s %s has the h1 %q, want %q", u.Role, u.Email, got, want)
	}
	tb.wantHeader(u)
}

// wantHeader checks the header names u and offers to sign out.
func (tb *tab) wantHeader(u demoUser) {
	tb.t.Helper()
	if got := tb.text("header .ward-header__account-list strong"); got != u.Name {
		tb.t.Errorf("the header names %q, want %q", got, u.Name)
	}
	if got, want := tb.text("header .ward-header__account-list li"), u.Name+" ("+u.Role.Label()+")"; got != want {
		tb.t.Errorf("the header says %q, want %q", got, want)
	}
	if got := tb.text(`header form[action="/signout"] button[type="submit"]`); got != "Sign out" {
		tb.t.Errorf("the header's sign-out button says %q, want %q", got, "Sign out")
	}
}

func (tb *tab) optionalText(css string) string {
	s, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](fmt.Sprintf(
		`(document.querySelector(%q) || {}).textContent || ''`, css)))
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}

// screenshot saves a full-page PNG into WARD_SCREENSHOT_DIR, or a temporary
// directory.
func (tb *tab) screenshot(name string) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Fatalf("taking a screenshot: %v", err)
	}
	dir := os.Getenv("WARD_SCREENSHOT_DIR")
	if dir == "" {
		dir = tb.t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.t.Fatalf("making %s: %v", dir, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		tb.t.Fatalf("saving the screenshot: %v", err)
	}
	tb.t.Logf("screenshot of %s: %s", tb.location(), path)
}

func formatRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("  " + strings.Join(r, " | ") + "\n")
	}
	return b.String()
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

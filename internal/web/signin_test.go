package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// eachApp runs fn against a demo ward on every engine. Each engine's ward
// has a database of its own, so the engines run side by side: one waits on
// PostgreSQL while the other works.
func eachApp(t *testing.T, fn func(t *testing.T, a *app)) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, newApp(t, e))
		})
	}
}

func signInForm(email, password string) url.Values {
	return url.Values{"email": {email}, "password": {password}, "next": {"/"}}
}

func TestSignInWithPasswordAndTOTP(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.cred(t, "agent@abc-shared.example")
		c := a.browser()
		if res := do(t, c, "GET", a.http.URL+"/", nil, nil); res.status != http.StatusSeeOther || res.location != "/signin" {
			t.Fatalf("signed-out home: %d → %q", res.status, res.location)
		}
		res := do(t, c, "POST", a.http.URL+"/signin", signInForm(agent.Email, agent.Password), nil)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin/2fa") {
			t.Fatalf("password accepted: %d → %q", res.status, res.location)
		}
		cookie := res.header.Get("Set-Cookie")
		if !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "SameSite=Lax") {
			t.Errorf("session cookie lacks HttpOnly or SameSite: %s", cookie)
		}
		// A password alone reaches nothing.
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther || res.location != "/signin/2fa" {
			t.Fatalf("half-signed-in /orgs: %d → %q", res.status, res.location)
		}
		if res := do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {"123456"}}, nil); res.status != http.StatusUnauthorized || !strings.Contains(res.body, "not right") {
			t.Fatalf("wrong code: %d", res.status)
		}
		code, _ := auth.TOTPCode(agent.TOTPSecret, time.Now())
		res = do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {code}, "next": {"/"}}, nil)
		if res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("right code: %d → %q", res.status, res.location)
		}
		home := do(t, c, "GET", a.http.URL+"/", nil, nil)
		if home.status != http.StatusOK || !strings.Contains(home.body, "Tom Okafor") || !strings.Contains(home.body, "London Borough of Ashcombe") {
			t.Fatalf("agent home: %d", home.status)
		}
		// Signing out ends the session server-side, and the code cannot be replayed.
		do(t, c, "POST", a.http.URL+"/signout", url.Values{}, nil)
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin") {
			t.Fatalf("after sign-out: %d → %q", res.status, res.location)
		}
		do(t, c, "POST", a.http.URL+"/signin", signInForm(agent.Email, agent.Password), nil)
		if res := do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {code}}, nil); res.status != http.StatusUnauthorized {
			t.Fatalf("replayed code: %d", res.status)
		}
	})
}

func TestOfficerSignsInWithPasswordAndAdminMustEnrol(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		officer := a.cred(t, "it.officer@brentmere.example")
		c := a.browser()
		if res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil); res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("officer sign-in: %d → %q", res.status, res.location)
		}
		if res := do(t, c, "GET", a.http.URL+"/", nil, nil); !strings.Contains(res.body, "London Borough of Brentmere") {
			t.Fatal("officer home does not show their council")
		}
		// An admin whose second factor was reset must enrol before anything else.
		admin := a.cred(t, "admin@abc-shared.example")
		u, _ := a.store.UserForSignIn(ctx, admin.Email)
		if err := a.store.ResetTOTP(ctx, tenancy.ForSystem(tenancy.JobTest), u.ID); err != nil {
			t.Fatal(err)
		}
		c = a.browser()
		res := do(t, c, "POST", a.http.URL+"/signin", signInForm(admin.Email, admin.Password), nil)
		if res.location != "/account/2fa/setup" {
			t.Fatalf("admin without 2FA sent to %q", res.location)
		}
		if res := do(t, c, "GET", a.http.URL+"/admin/users", nil, nil); res.location != "/account/2fa/setup" {
			t.Fatalf("admin reached %q before enrolling", res.location)
		}
		setup := do(t, c, "GET", a.http.URL+"/account/2fa/setup", nil, nil)
		if setup.status != 200 || !strings.Contains(setup.body, `src="/account/2fa/qr.png"`) {
			t.Fatalf("setup page: %d", setup.status)
		}
		if qr := do(t, c, "GET", a.http.URL+"/account/2fa/qr.png", nil, nil); qr.status != 200 || qr.header.Get("Content-Type") != "image/png" {
			t.Fatalf("QR code: %d %s", qr.status, qr.header.Get("Content-Type"))
		}
		u, _ = a.store.UserForSignIn(ctx, admin.Email)
		code, _ := auth.TOTPCode(u.TOTPSecret, time.Now())
		done := do(t, c, "POST", a.http.URL+"/account/2fa/setup", url.Values{"code": {code}}, nil)
		if done.status != 200 || !strings.Contains(done.body, `id="recovery-codes"`) {
			t.Fatalf("enrolment: %d", done.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/admin/users", nil, nil); res.status != 200 {
			t.Fatalf("after enrolment /admin/users: %d", res.status)
		}
		// A recovery code works once in place of the app.
		recovery := between(done.body, `<li><code>`, `</code>`)
		c = a.browser()
		do(t, c, "POST", a.http.URL+"/signin", signInForm(admin.Email, admin.Password), nil)
		if res := do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {recovery}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("recovery code %q: %d", recovery, res.status)
		}
		c = a.browser()
		do(t, c, "POST", a.http.URL+"/signin", signInForm(admin.Email, admin.Password), nil)
		if res := do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {recovery}}, nil); res.status != http.StatusUnauthorized {
			t.Fatalf("recovery code reused: %d", res.status)
		}
	})
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return strings.TrimSpace(stripTags(v))
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestRepeatedFailuresLockTheAccount(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		for i := 0; i < 5; i++ {
			res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, "wrong-password-"+string(rune('a'+i))), nil)
			if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "Enter a correct email address and password") {
				t.Fatalf("attempt %d: %d", i+1, res.status)
			}
		}
		res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil)
		if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "Too many failed attempts") {
			t.Fatalf("right password while locked: %d", res.status)
		}
		// An unknown email gets the same answer as a wrong password.
		res = do(t, c, "POST", a.http.URL+"/signin", signInForm("nobody@nowhere.example", "whatever-password"), nil)
		if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "Enter a correct email address and password") {
			t.Fatalf("unknown email: %d", res.status)
		}
		// After the lock passes, the right password works and the count resets.
		a.store.SetClock(func() time.Time { return time.Now().Add(31 * time.Second) })
		defer a.store.SetClock(time.Now)
		if res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil); res.status != http.StatusSeeOther {
			t.Fatalf("after lock-out: %d", res.status)
		}
	})
}

func TestIdleSessionsExpire(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@calderwick.example")
		c := a.browser()
		do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil)
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != 200 {
			t.Fatalf("fresh session: %d", res.status)
		}
		a.store.SetClock(func() time.Time { return time.Now().Add(31 * time.Minute) })
		defer a.store.SetClock(time.Now)
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin") {
			t.Fatalf("idle session: %d → %q", res.status, res.location)
		}
	})
}

func TestBusySessionsStillEndAtTheAbsoluteLimit(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@calderwick.example")
		c := a.browser()
		do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil)
		start := time.Now()
		// Active every 20 minutes for 11h40m: never idle, still inside 12 hours.
		for step := time.Duration(0); step <= 11*time.Hour+40*time.Minute; step += 20 * time.Minute {
			at := start.Add(step)
			a.store.SetClock(func() time.Time { return at })
			if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != 200 {
				t.Fatalf("active session at +%v: %d", step, res.status)
			}
		}
		end := start.Add(12*time.Hour + time.Minute)
		a.store.SetClock(func() time.Time { return end })
		defer a.store.SetClock(time.Now)
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther {
			t.Fatalf("session past 12 hours: %d", res.status)
		}
	})
}

func TestSecurityHeadersHealthAndCrossOrigin(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		res := do(t, c, "GET", a.http.URL+"/signin", nil, nil)
		want := map[string]string{
			"Content-Security-Policy": "default-src 'none'; script-src 'self'",
			"X-Frame-Options":         "DENY",
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "same-origin",
			"Cache-Control":           "no-store",
		}
		for h, v := range want {
			if !strings.Contains(res.header.Get(h), v) {
				t.Errorf("%s = %q, want %q", h, res.header.Get(h), v)
			}
		}
		if strings.Contains(res.body, "<script>") || strings.Contains(res.body, "style=") {
			t.Error("sign-in page has inline script or style, which the CSP forbids")
		}
		if res := do(t, c, "GET", a.http.URL+"/healthz", nil, nil); res.status != 200 {
			t.Errorf("/healthz: %d", res.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/readyz", nil, nil); res.status != 200 {
			t.Errorf("/readyz: %d", res.status)
		}
		officer := a.cred(t, "it.officer@ashcombe.example")
		for name, h := range map[string]map[string]string{
			"Sec-Fetch-Site cross-site": {"Sec-Fetch-Site": "cross-site"},
			"foreign Origin":            {"Origin": "https://evil.example"},
		} {
			res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), h)
			if res.status != http.StatusForbidden || res.header.Get("Set-Cookie") != "" {
				t.Errorf("cross-origin POST (%s): %d, want 403 and no session", name, res.status)
			}
		}
		if res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), map[string]string{"Sec-Fetch-Site": "same-origin"}); res.status != http.StatusSeeOther {
			t.Errorf("same-origin POST: %d", res.status)
		}
	})
}

func TestConfidentialViewsAreAudited(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		viewsOf := func(target string) int {
			entries, err := a.store.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.View, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range entries {
				if e.Target == target && e.Actor == "user:admin@abc-shared.example" {
					n++
				}
			}
			return n
		}
		c := a.signedIn(t, "admin@abc-shared.example")
		for i := 1; i <= 2; i++ {
			if res := do(t, c, "GET", a.http.URL+"/admin/audit", nil, nil); res.status != 200 {
				t.Fatalf("audit page: %d", res.status)
			}
			if got := viewsOf("/admin/audit"); got != i {
				t.Fatalf("after %d views of the audit page the log records %d", i, got)
			}
		}
		// An ordinary page is not recorded as a confidential view.
		do(t, c, "GET", a.http.URL+"/orgs", nil, nil)
		if viewsOf("/orgs") != 0 {
			t.Fatal("an ordinary page was audited as a confidential view")
		}
		if _, brk, err := a.store.VerifyAudit(ctx); brk != nil || err != nil {
			t.Fatal(brk, err)
		}
	})
}

func TestErrorPagesKeepTheSignedInHeader(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.signedIn(t, "it.officer@ashcombe.example")
		for path, status := range map[string]int{"/admin/users": 403, "/orgs/brentmere": 404, "/no-such-page": 404} {
			res := do(t, c, "GET", a.http.URL+path, nil, nil)
			if res.status != status || !strings.Contains(res.body, `action="/signout"`) || !strings.Contains(res.body, "Sunita Patel") {
				t.Errorf("%s: %d, header with sign-out shown: %v", path, res.status, strings.Contains(res.body, `action="/signout"`))
			}
		}
	})
}

package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web"
	"github.com/ward-shared-service/ward/internal/web/webtest"
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

// refusal is a sign-in page's error summary, what the user is told.
func refusal(res response) string {
	return between(res.body, `govuk-error-summary__list">`, `</ul>`)
}

// Lock-out holds, but an unknown account, a wrong password and a locked
// account get the same page, and each is checked against a password hash.
func TestRepeatedFailuresLockTheAccount(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		auth := a.base.Services.Auth
		attempt := func(what, email, password string) string {
			t.Helper()
			before := auth.Verifies()
			res := do(t, c, "POST", a.http.URL+"/signin", signInForm(email, password), nil)
			if res.status != http.StatusUnauthorized {
				t.Fatalf("%s: %d", what, res.status)
			}
			if n := auth.Verifies() - before; n != 1 {
				t.Errorf("%s made %d password checks, want 1", what, n)
			}
			return refusal(res)
		}
		wrong := attempt("first wrong password", officer.Email, "wrong-password-a")
		if !strings.Contains(wrong, "Enter a correct email address and password") {
			t.Fatalf("wrong password answered %q", wrong)
		}
		for i := 1; i < 5; i++ {
			if got := attempt("wrong password", officer.Email, "wrong-password-"+string(rune('a'+i))); got != wrong {
				t.Fatalf("attempt %d answered %q, the first %q", i+1, got, wrong)
			}
		}
		if got := attempt("right password while locked", officer.Email, officer.Password); got != wrong {
			t.Errorf("locked account answered %q, a wrong password %q", got, wrong)
		}
		if got := attempt("unknown email", "nobody@nowhere.example", "whatever-password"); got != wrong {
			t.Errorf("unknown email answered %q, a wrong password %q", got, wrong)
		}
		// The lock did hold: it is on record and audited.
		if f, err := a.store.SignInFailuresFor(context.Background(), officer.Email); err != nil || !f.LockedUntil.After(time.Now()) {
			t.Fatalf("officer not locked: %v, until %v", err, f.LockedUntil)
		}
		// After the lock passes, the right password works and the count resets.
		a.store.SetClock(func() time.Time { return time.Now().Add(31 * time.Second) })
		defer a.store.SetClock(time.Now)
		if res := do(t, c, "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), nil); res.status != http.StatusSeeOther {
			t.Fatalf("after lock-out: %d", res.status)
		}
	})
}

// The page to return to after signing in is a path on this site, whatever
// the link said; hostile values end at the home page.
func TestSignInRedirectsOnlyWithinTheSite(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		for _, tt := range []struct{ next, want string }{
			{"/\t/evil.example", "/"},
			{"/\n/evil.example", "/"},
			{"/\r\n/evil.example", "/"},
			{"/\x00/evil.example", "/"},
			{"/\x7f/evil.example", "/"},
			{"/\u0085/evil.example", "/"},
			{"//evil.example", "/"},
			{"///evil.example", "/"},
			{"/\\evil.example", "/"},
			{"\\\\evil.example", "/"},
			{"https://evil.example/", "/"},
			{"http:/evil.example", "/"},
			{"https:evil.example", "/"},
			{"javascript:alert(1)", "/"},
			{"data:text/html,hi", "/"},
			{" //evil.example", "/"},
			{"evil.example", "/"},
			{"", "/"},
			{"/" + strings.Repeat("a", 3000), "/"},
			{"/orgs", "/orgs"},
			{"/findings?state=open", "/findings?state=open"},
			{"/findings#x", "/findings"},
		} {
			next := tt.next
			c := a.browser()
			// The sign-in page carries the cleaned value in its form...
			page := do(t, c, "GET", a.http.URL+"/signin?next="+url.QueryEscape(next), nil, nil)
			if !strings.Contains(page.body, `name="next" value="`+html.EscapeString(tt.want)+`"`) {
				t.Errorf("next=%q: the sign-in form does not carry %q", next, tt.want)
			}
			// ...and the sign-in goes there, even when the post carries the raw one.
			form := signInForm(officer.Email, officer.Password)
			form.Set("next", next)
			res := do(t, c, "POST", a.http.URL+"/signin", form, nil)
			if res.status != http.StatusSeeOther || res.location != tt.want {
				t.Errorf("next=%q: %d → %q, want %q", next, res.status, res.location, tt.want)
			}
		}
		// The query string as the issue found it, byte for byte.
		c := a.browser()
		res := send(t, c, "POST", a.http.URL+"/signin", strings.NewReader("email="+url.QueryEscape(officer.Email)+"&password="+url.QueryEscape(officer.Password)+"&next=/%09/evil.example"),
			"application/x-www-form-urlencoded", nil)
		if res.status != http.StatusSeeOther || res.location != "/" {
			t.Errorf("next=/%%09/evil.example: %d → %q, want /", res.status, res.location)
		}
	})
}

// A flood of bad sign-ins from one address is turned away quickly, with a
// time to retry and no hashing, while another address still signs in.
func TestThrottleRefusesAFloodFromOneAddress(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel()
			a := appOf(webtest.NewAppWith(t, e, web.Config{Version: "test", TrustProxy: true}))
			officer := a.cred(t, "it.officer@ashcombe.example")
			auth := a.base.Services.Auth
			from := func(ip string) map[string]string { return map[string]string{"X-Forwarded-For": ip} }
			flood := from("198.51.100.7")

			// Sixteen at once: each is refused (401) or turned away (429).
			var wg sync.WaitGroup
			statuses := make(chan int, 16)
			for i := range 16 {
				wg.Go(func() {
					res := do(t, a.browser(), "POST", a.http.URL+"/signin", signInForm(fmt.Sprintf("guess%d@nowhere.example", i), "guess"), flood)
					statuses <- res.status
				})
			}
			wg.Wait()
			close(statuses)
			for s := range statuses {
				if s != http.StatusUnauthorized && s != http.StatusTooManyRequests {
					t.Errorf("a flood attempt answered %d", s)
				}
			}
			// Then one by one until the address has used its allowance.
			var last response
			for i := 0; i < authsvc.DefaultThrottle.AddressFailures+1; i++ {
				last = do(t, a.browser(), "POST", a.http.URL+"/signin", signInForm(fmt.Sprintf("more%d@nowhere.example", i), "guess"), flood)
			}
			if last.status != http.StatusTooManyRequests || last.header.Get("Retry-After") == "" || !strings.Contains(refusal(last), "Too many sign-in attempts") {
				t.Fatalf("the flood's address after %d failures: %d, Retry-After %q, %q", authsvc.DefaultThrottle.AddressFailures,
					last.status, last.header.Get("Retry-After"), refusal(last))
			}
			// Turned away unhashed, even with a right password.
			before := auth.Verifies()
			if res := do(t, a.browser(), "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), flood); res.status != http.StatusTooManyRequests {
				t.Errorf("right password from the flood's address: %d", res.status)
			}
			if n := auth.Verifies() - before; n != 0 {
				t.Errorf("a throttled attempt made %d password checks", n)
			}
			// Someone elsewhere is not held up.
			if res := do(t, a.browser(), "POST", a.http.URL+"/signin", signInForm(officer.Email, officer.Password), from("192.0.2.80")); res.status != http.StatusSeeOther {
				t.Fatalf("sign-in from another address: %d", res.status)
			}
		})
	}
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

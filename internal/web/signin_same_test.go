package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// Through the sign-in form: an unknown email, a wrong password and a locked
// account get the same page, byte for byte but for the email typed, and write the same tables (the name's failure record, never
// the user's own row): nothing a person or a timing probe sees tells them
// apart.
func TestSignInPageAndWritesAreTheSameForEveryRefusal(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		changes := webtest.WatchChanges(t, a.store)
		type seen struct {
			status int
			page   string
			tables string
		}
		attempt := func(email, password string) seen {
			t.Helper()
			mark := changes.Mark(t)
			res := do(t, c, "POST", a.http.URL+"/signin", signInForm(email, password), nil)
			return seen{res.status, strings.ReplaceAll(res.body, email, "EMAIL"), fmt.Sprint(changes.Since(t, mark))}
		}
		want := attempt("nobody@nowhere.example", "whatever-password")
		if want.status != http.StatusUnauthorized || want.tables != "[signin_failures]" {
			t.Fatalf("unknown email: %d, writes %s; want 401 writing [signin_failures]", want.status, want.tables)
		}
		check := func(what string, got seen) {
			t.Helper()
			if got.status != want.status || got.tables != want.tables {
				t.Errorf("%s: %d writing %s; an unknown email %d writing %s", what, got.status, got.tables, want.status, want.tables)
			}
			if got.page != want.page {
				t.Errorf("%s: the page differs from an unknown email's:\n%s", what, firstDifference(got.page, want.page))
			}
		}
		for i := range 5 { // the demo's lock-out is at 5 failures
			check(fmt.Sprintf("wrong password %d", i+1), attempt(officer.Email, fmt.Sprintf("wrong-password-%d", i)))
		}
		check("right password while locked", attempt(officer.Email, officer.Password))
		if f, err := a.store.SignInFailuresFor(t.Context(), officer.Email); err != nil || !f.LockedUntil.After(time.Now()) {
			t.Fatalf("the officer is not locked: %+v %v", f, err)
		}
	})
}

// firstDifference shows where two pages part, for a failure message.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("…%s… versus …%s…", a[from:min(len(a), i+80)], b[from:min(len(b), i+80)])
}

// A code on the second-factor page is paced like a password: after the
// account's free failures (10 by default; the lock-out at 5 counts too) the
// right code is turned away unchecked, 429 with Retry-After, in the words
// the password page uses.
func TestSecondFactorPageIsPaced(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		agent := a.cred(t, "agent@abc-shared.example")
		c := a.browser()
		if res := do(t, c, "POST", a.http.URL+"/signin", signInForm(agent.Email, agent.Password), nil); res.status != http.StatusSeeOther {
			t.Fatalf("password: %d", res.status)
		}
		code := func(code string) response {
			return do(t, c, "POST", a.http.URL+"/signin/2fa", map[string][]string{"code": {code}, "next": {"/"}}, nil)
		}
		for i := range 10 {
			if res := code("000000"); res.status != http.StatusUnauthorized {
				t.Fatalf("wrong code %d: %d, want 401", i+1, res.status)
			}
		}
		right, err := auth.TOTPCode(agent.TOTPSecret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		res := code(right)
		if res.status != http.StatusTooManyRequests || res.header.Get("Retry-After") == "" {
			t.Fatalf("the right code after 10 wrong ones: %d, Retry-After %q; want 429 with a Retry-After", res.status, res.header.Get("Retry-After"))
		}
		if msg := refusal(res); !strings.Contains(msg, "Too many sign-in attempts. Wait ") {
			t.Errorf("the paced code is told %q", msg)
		}
	})
}

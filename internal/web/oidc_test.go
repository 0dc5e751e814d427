package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	wardapp "github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// oidcApp is a demo ward, listening on loopback, configured for single
// sign-on with a fake provider that is also listening on loopback.
type oidcApp struct {
	*app
	idp *fakeIdP
}

const oidcClientID = "ward-test-client"

func newOIDCApp(t *testing.T, engine storetest.Engine, trustMFA bool) *oidcApp {
	t.Helper()
	st, seed := webtest.OpenSeeded(t, engine) // first, so an unconfigured engine skips at once
	idp := newFakeIdP(t, oidcClientID, "secret-"+randomID(t))
	ctx := context.Background()
	// ward's redirect URL must name its own address, so take the listener
	// first and start serving once the handler exists.
	hs := httptest.NewUnstartedServer(nil)
	t.Cleanup(hs.Close)
	base := "http://" + hs.Listener.Addr().String()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := server.New(ctx, web.Config{Version: "test", BaseURL: base, OIDC: web.OIDCConfig{
		Issuer: idp.issuer, ClientID: oidcClientID, ClientSecret: idp.clientSecret,
		RedirectURL: base + "/signin/oidc/callback", TrustMFA: trustMFA,
	}}, wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams}), log)
	if err != nil {
		t.Fatal(err)
	}
	hs.Config.Handler = srv.Handler()
	hs.Start()
	return &oidcApp{app: &app{srv: srv, store: st, http: hs, creds: seed.Creds}, idp: idp}
}

// eachOIDCApp runs fn against an SSO-configured demo ward on every engine
// (PostgreSQL skips itself unless configured).
func eachOIDCApp(t *testing.T, trustMFA bool, fn func(t *testing.T, a *oidcApp)) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			t.Parallel() // a database of its own, as in eachApp
			fn(t, newOIDCApp(t, e, trustMFA))
		})
	}
}

// start asks ward to begin single sign-on and checks it sends the browser to
// the provider with everything the code flow with PKCE needs.
func (a *oidcApp) start(t *testing.T, c *http.Client) *url.URL {
	t.Helper()
	res := do(t, c, "GET", a.http.URL+"/signin/oidc", nil, nil)
	if res.status != http.StatusFound {
		t.Fatalf("GET /signin/oidc: %d, want 302", res.status)
	}
	u, err := url.Parse(res.location)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Scheme + "://" + u.Host + u.Path; got != a.idp.issuer+"/authorize" {
		t.Fatalf("sent to %q, want the provider's authorize endpoint", got)
	}
	q := u.Query()
	want := map[string]string{"response_type": "code", "client_id": oidcClientID,
		"redirect_uri": a.http.URL + "/signin/oidc/callback", "code_challenge_method": "S256"}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("authorize %s = %q, want %q", k, q.Get(k), v)
		}
	}
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if len(q.Get(k)) < 20 {
			t.Errorf("authorize %s = %q: missing or too short to be unguessable", k, q.Get(k))
		}
	}
	if !strings.Contains(" "+q.Get("scope")+" ", " openid ") || !strings.Contains(q.Get("scope"), "email") {
		t.Errorf("scope %q lacks openid or email", q.Get("scope"))
	}
	ck := setCookie(res, "ward_oidc")
	if ck == nil || !ck.HttpOnly || ck.MaxAge <= 0 || ck.SameSite != http.SameSiteLaxMode {
		t.Errorf("sign-on cookie: %+v, want a short-lived HttpOnly SameSite=Lax cookie", ck)
	} else if strings.Contains(ck.Value, q.Get("code_challenge")) {
		t.Error("the cookie holds the challenge, not the verifier")
	}
	return u
}

// atProvider follows the browser to the provider, which signs the user in at
// once and sends them back to ward's callback.
func (a *oidcApp) atProvider(t *testing.T, c *http.Client, authorize *url.URL) *url.URL {
	t.Helper()
	res := do(t, c, "GET", authorize.String(), nil, nil)
	if res.status != http.StatusFound {
		t.Fatalf("provider authorize: %d %s", res.status, res.body)
	}
	cb, err := url.Parse(res.location)
	if err != nil {
		t.Fatal(err)
	}
	if got := cb.Scheme + "://" + cb.Host + cb.Path; got != a.http.URL+"/signin/oidc/callback" {
		t.Fatalf("provider sent the browser to %q", got)
	}
	if cb.Query().Get("state") != authorize.Query().Get("state") || cb.Query().Get("code") == "" {
		t.Fatalf("provider callback %q does not carry the state and a code", cb)
	}
	return cb
}

// signIn runs the whole round trip in a browser and returns ward's answer
// to the callback.
func (a *oidcApp) signIn(t *testing.T, c *http.Client, who idpUser) response {
	t.Helper()
	a.idp.signInAs(who)
	cb := a.atProvider(t, c, a.start(t, c))
	return do(t, c, "GET", cb.String(), nil, nil)
}

// setCookie finds the named cookie among a response's Set-Cookie headers.
func setCookie(res response, name string) *http.Cookie {
	for _, line := range res.header.Values("Set-Cookie") {
		if c, err := http.ParseSetCookie(line); err == nil && c.Name == name {
			return c
		}
	}
	return nil
}

// sessionCookie is the session token the browser holds for ward, or "".
func sessionCookie(c *http.Client, base string) string {
	u, _ := url.Parse(base)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "ward_session" || ck.Name == "__Host-ward_session" {
			return ck.Value
		}
	}
	return ""
}

// assertRefused checks a callback was turned away with the 401 page and
// left the browser signed out.
func (a *oidcApp) assertRefused(t *testing.T, c *http.Client, res response, what string) {
	t.Helper()
	if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "Single sign-on did not complete") {
		t.Errorf("%s: %d → %q, want the 401 sign-on page", what, res.status, res.location)
	}
	if ck := setCookie(res, "ward_session"); ck != nil && ck.MaxAge >= 0 && ck.Value != "" {
		t.Errorf("%s: a session cookie was set", what)
	}
	if v := sessionCookie(c, a.http.URL); v != "" {
		t.Errorf("%s: the browser holds a session cookie", what)
	}
	if home := do(t, c, "GET", a.http.URL+"/", nil, nil); home.status != http.StatusSeeOther || home.location != "/signin" {
		t.Errorf("%s: home afterwards: %d → %q, want signed out", what, home.status, home.location)
	}
}

func (a *oidcApp) user(t *testing.T, email string) store.User {
	t.Helper()
	u, err := a.store.UserForSignIn(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestOIDCOfficerSignsInAndIsLinkedBySubject(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		if page := do(t, c, "GET", a.http.URL+"/signin", nil, nil); !strings.Contains(page.body, `href="/signin/oidc"`) {
			t.Error("sign-in page does not offer single sign-on")
		}

		a.idp.signInAs(idpUser{Subject: "sub-sunita", Email: officer.Email, EmailVerified: verified(true), AMR: []string{"pwd"}})
		authorize := a.start(t, c)
		cb := a.atProvider(t, c, authorize)
		res := do(t, c, "GET", cb.String(), nil, nil)
		if res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("callback: %d → %q (%s)", res.status, res.location, between(res.body, "<p", "</p>"))
		}
		if ck := setCookie(res, "ward_session"); ck == nil || ck.Value == "" || !ck.HttpOnly {
			t.Fatalf("callback set no HttpOnly session cookie: %+v", ck)
		}
		if ck := setCookie(res, "ward_oidc"); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("callback did not clear the sign-on cookie: %+v", ck)
		}
		home := do(t, c, "GET", a.http.URL+"/", nil, nil)
		if home.status != http.StatusOK || !strings.Contains(home.body, "London Borough of Ashcombe") || !strings.Contains(home.body, "Sunita Patel") {
			t.Fatalf("officer home after SSO: %d", home.status)
		}
		if n, refusals := a.idp.tokenStats(); n != 1 || len(refusals) != 0 {
			t.Errorf("token endpoint: %d requests, refusals %q; want one clean exchange", n, refusals)
		}
		if got, want := a.user(t, officer.Email).OIDCSubject, a.idp.issuer+"|sub-sunita"; got != want {
			t.Errorf("linked subject %q, want %q", got, want)
		}

		// Once linked, the subject finds the user even when the provider
		// reports a different email (renamed, or an alias ward never heard of).
		c2 := a.browser()
		res = a.signIn(t, c2, idpUser{Subject: "sub-sunita", Email: "sunita.patel@ashcombe.example", EmailVerified: verified(true)})
		if res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("second sign-in by subject: %d → %q", res.status, res.location)
		}
		if home := do(t, c2, "GET", a.http.URL+"/", nil, nil); home.status != http.StatusOK || !strings.Contains(home.body, "Sunita Patel") ||
			!strings.Contains(home.body, "London Borough of Ashcombe") {
			t.Fatalf("second sign-in home: %d", home.status)
		}
		if sessionCookie(c, a.http.URL) == sessionCookie(c2, a.http.URL) {
			t.Error("two sign-ins share a session token")
		}

		// A different identity presenting the same, verified, email cannot
		// take over an account already linked to someone else.
		c3 := a.browser()
		res = a.signIn(t, c3, idpUser{Subject: "sub-impostor", Email: officer.Email, EmailVerified: verified(true)})
		a.assertRefused(t, c3, res, "other subject, linked email")
	})
}

func TestOIDCRefusesUnknownEmail(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		c := a.browser()
		res := a.signIn(t, c, idpUser{Subject: "sub-stranger", Email: "nobody@ashcombe.example", EmailVerified: verified(true)})
		a.assertRefused(t, c, res, "unknown email")
	})
}

func TestOIDCRefusesUnverifiedEmail(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		res := a.signIn(t, c, idpUser{Subject: "sub-unverified", Email: officer.Email, EmailVerified: verified(false)})
		a.assertRefused(t, c, res, "email_verified false")
		if s := a.user(t, officer.Email).OIDCSubject; s != "" {
			t.Errorf("an unverified email linked the account to %q", s)
		}
	})
}

func TestOIDCRefusesEmailWithoutVerifiedClaim(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		c := a.browser()
		res := a.signIn(t, c, idpUser{Subject: "sub-unclaimed", Email: officer.Email})
		a.assertRefused(t, c, res, "no email_verified claim")
		if s := a.user(t, officer.Email).OIDCSubject; s != "" {
			t.Errorf("an email without email_verified linked the account to %q", s)
		}
	})
}

func TestOIDCRefusedDisabledUserIsNotLinked(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		officer := a.cred(t, "it.officer@brentmere.example")
		u := a.user(t, officer.Email)
		if err := a.store.SetUserDisabled(context.Background(), tenancy.ForSystem(tenancy.JobTest), u.ID, true); err != nil {
			t.Fatal(err)
		}
		c := a.browser()
		res := a.signIn(t, c, idpUser{Subject: "sub-disabled", Email: officer.Email, EmailVerified: verified(true)})
		a.assertRefused(t, c, res, "disabled user")
		if s := a.user(t, officer.Email).OIDCSubject; s != "" {
			t.Errorf("a refused sign-in linked the disabled account to %q", s)
		}
	})
}

func TestOIDCRefusesTamperedStateAndNonce(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		officer := a.cred(t, "it.officer@ashcombe.example")
		who := idpUser{Subject: "sub-sunita", Email: officer.Email, EmailVerified: verified(true)}

		t.Run("state changed", func(t *testing.T) {
			c := a.browser()
			a.idp.signInAs(who)
			cb := a.atProvider(t, c, a.start(t, c))
			good := *cb
			q := cb.Query()
			q.Set("state", q.Get("state")+"x")
			cb.RawQuery = q.Encode()
			a.assertRefused(t, c, do(t, c, "GET", cb.String(), nil, nil), "tampered state")
			if n, _ := a.idp.tokenStats(); n != 0 {
				t.Errorf("ward exchanged the code despite the wrong state (%d token requests)", n)
			}
			// The attempt used up the sign-on cookie: the genuine callback
			// cannot be replayed afterwards either.
			a.assertRefused(t, c, do(t, c, "GET", good.String(), nil, nil), "genuine callback after a tampered one")
		})

		t.Run("callback in another browser", func(t *testing.T) {
			// Login CSRF: an attacker's own callback URL, opened in the
			// victim's browser, which never started a sign-on.
			attacker := a.browser()
			a.idp.signInAs(who)
			cb := a.atProvider(t, attacker, a.start(t, attacker))
			victim := a.browser()
			a.assertRefused(t, victim, do(t, victim, "GET", cb.String(), nil, nil), "callback without the sign-on cookie")
		})

		t.Run("nonce changed", func(t *testing.T) {
			c := a.browser()
			wrong := "not-the-nonce-ward-sent"
			replay := who
			replay.Nonce = &wrong
			a.assertRefused(t, c, a.signIn(t, c, replay), "ID token with another nonce")
		})

		if s := a.user(t, officer.Email).OIDCSubject; s != "" {
			t.Errorf("refused sign-ons linked the account to %q", s)
		}
	})
}

func TestOIDCFakeProviderEnforcesPKCE(t *testing.T) {
	// The clean exchanges elsewhere prove ward sends the right verifier only
	// if the provider really checks it: show that it does.
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		c := a.browser()
		a.idp.signInAs(idpUser{Subject: "sub-sunita", Email: "it.officer@ashcombe.example", EmailVerified: verified(true)})
		cb := a.atProvider(t, c, a.start(t, c))
		form := url.Values{"grant_type": {"authorization_code"}, "code": {cb.Query().Get("code")},
			"redirect_uri": {a.http.URL + "/signin/oidc/callback"}, "code_verifier": {strings.Repeat("a", 43)},
			"client_id": {oidcClientID}, "client_secret": {a.idp.clientSecret}}
		res := do(t, http.DefaultClient, "POST", a.idp.issuer+"/token", form, nil)
		if res.status != http.StatusBadRequest || !strings.Contains(res.body, "invalid_grant") {
			t.Fatalf("wrong verifier at the provider: %d %s", res.status, res.body)
		}
		// The code is spent, so ward's own exchange now fails too.
		a.assertRefused(t, c, do(t, c, "GET", cb.String(), nil, nil), "spent code")
	})
}

func TestOIDCAgentStillNeedsSecondFactor(t *testing.T) {
	eachOIDCApp(t, false, func(t *testing.T, a *oidcApp) {
		agent := a.cred(t, "agent@abc-shared.example")
		who := idpUser{Subject: "sub-tom", Email: agent.Email, EmailVerified: verified(true), AMR: []string{"pwd"}}
		c := a.browser()
		res := a.signIn(t, c, who)
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin/2fa") {
			t.Fatalf("agent via SSO without mfa: %d → %q, want /signin/2fa", res.status, res.location)
		}
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther || res.location != "/signin/2fa" {
			t.Fatalf("half-signed-in /orgs: %d → %q", res.status, res.location)
		}
		code, _ := auth.TOTPCode(agent.TOTPSecret, time.Now())
		if res := do(t, c, "POST", a.http.URL+"/signin/2fa", url.Values{"code": {code}, "next": {"/"}}, nil); res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("second factor after SSO: %d → %q", res.status, res.location)
		}
		if home := do(t, c, "GET", a.http.URL+"/", nil, nil); home.status != http.StatusOK || !strings.Contains(home.body, "Tom Okafor") {
			t.Fatalf("agent home: %d", home.status)
		}

		// Without TrustMFA the provider's own mfa counts for nothing.
		c = a.browser()
		who.AMR = []string{"pwd", "mfa"}
		if res := a.signIn(t, c, who); res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin/2fa") {
			t.Fatalf("agent with amr mfa, TrustMFA off: %d → %q, want /signin/2fa", res.status, res.location)
		}
	})
}

func TestOIDCTrustMFASkipsSecondFactor(t *testing.T) {
	eachOIDCApp(t, true, func(t *testing.T, a *oidcApp) {
		agent := a.cred(t, "agent@abc-shared.example")
		c := a.browser()
		res := a.signIn(t, c, idpUser{Subject: "sub-tom", Email: agent.Email, EmailVerified: verified(true), AMR: []string{"pwd", "mfa"}})
		if res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("agent with amr mfa, TrustMFA on: %d → %q, want /", res.status, res.location)
		}
		if home := do(t, c, "GET", a.http.URL+"/", nil, nil); home.status != http.StatusOK || !strings.Contains(home.body, "Tom Okafor") {
			t.Fatalf("agent home: %d", home.status)
		}
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusOK {
			t.Fatalf("agent /orgs: %d", res.status)
		}
		// Even with TrustMFA, a sign-in the provider did not say was
		// multi-factor still needs ward's.
		c = a.browser()
		res = a.signIn(t, c, idpUser{Subject: "sub-tom", Email: agent.Email, EmailVerified: verified(true), AMR: []string{"pwd"}})
		if res.status != http.StatusSeeOther || !strings.HasPrefix(res.location, "/signin/2fa") {
			t.Fatalf("agent without amr mfa, TrustMFA on: %d → %q, want /signin/2fa", res.status, res.location)
		}
	})
}

func TestOIDCRefusesDisabledUser(t *testing.T) {
	eachOIDCApp(t, true, func(t *testing.T, a *oidcApp) {
		ctx := context.Background()
		officer := a.cred(t, "it.officer@ashcombe.example")
		brentmere := a.cred(t, "it.officer@brentmere.example")

		// Disabled before ever using single sign-on: linking by email refuses.
		if err := a.store.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), a.user(t, officer.Email).ID, true); err != nil {
			t.Fatal(err)
		}
		c := a.browser()
		a.assertRefused(t, c, a.signIn(t, c, idpUser{Subject: "sub-sunita", Email: officer.Email, EmailVerified: verified(true), AMR: []string{"mfa"}}),
			"disabled user, first sign-on")

		// Disabled after linking: the subject finds them, and still refuses,
		// even with the provider's mfa and TrustMFA on.
		c = a.browser()
		who := idpUser{Subject: "sub-daniel", Email: brentmere.Email, EmailVerified: verified(true), AMR: []string{"mfa"}}
		if res := a.signIn(t, c, who); res.status != http.StatusSeeOther || res.location != "/" {
			t.Fatalf("enabled officer: %d → %q", res.status, res.location)
		}
		if err := a.store.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), a.user(t, brentmere.Email).ID, true); err != nil {
			t.Fatal(err)
		}
		if home := do(t, c, "GET", a.http.URL+"/", nil, nil); home.status != http.StatusSeeOther || home.location != "/signin" {
			t.Errorf("session of a disabled user still works: %d → %q", home.status, home.location)
		}
		c = a.browser()
		a.assertRefused(t, c, a.signIn(t, c, who), "disabled user, linked subject")
	})
}

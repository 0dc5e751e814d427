package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func (a *app) token(t *testing.T, slug, role string, life time.Duration) (int64, string) {
	t.Helper()
	ctx := context.Background()
	org, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
	if err != nil {
		t.Fatal(err)
	}
	tk, secret, err := authsvc.New(a.store, authsvc.Options{}).CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: org.Slug, Role: role, Name: "test", Expires: life})
	if err != nil {
		t.Fatal(err)
	}
	return tk.ID, secret
}

func bearer(token string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + token}
}

func TestAPITokensAndProblems(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		// No token, a malformed one and an unknown one are all 401 problems.
		for _, h := range []map[string]string{nil, bearer("not-a-token"), bearer("ward_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")} {
			res := do(t, c, "GET", a.http.URL+"/api/v1/orgs", nil, h)
			if res.status != 401 || res.header.Get("Content-Type") != "application/problem+json" || !strings.Contains(res.body, `"status":401`) {
				t.Fatalf("without a good token: %d %s %s", res.status, res.header.Get("Content-Type"), res.body)
			}
		}
		id, officer := a.token(t, "ashcombe", "officer", time.Hour)
		res := do(t, c, "GET", a.http.URL+"/api/v1/me", nil, bearer(officer))
		var me struct {
			Role string
			Org  struct{ Slug string }
		}
		if err := json.Unmarshal([]byte(res.body), &me); err != nil || me.Role != "officer" || me.Org.Slug != "ashcombe" {
			t.Fatalf("/me: %d %s", res.status, res.body)
		}
		res = do(t, c, "GET", a.http.URL+"/api/v1/orgs", nil, bearer(officer))
		var orgs struct{ Orgs []struct{ Slug string } }
		_ = json.Unmarshal([]byte(res.body), &orgs)
		if len(orgs.Orgs) != 1 || orgs.Orgs[0].Slug != "ashcombe" {
			t.Fatalf("officer's orgs: %s", res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/orgs/brentmere/users", nil, bearer(officer)); res.status != 404 {
			t.Fatalf("another council's users: %d", res.status)
		}
		if res := do(t, c, "POST", a.http.URL+"/api/v1/orgs", nil, bearer(officer)); res.status != 403 {
			t.Fatalf("officer creating an org: %d", res.status)
		}

		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		res = doJSON(t, c, "POST", a.http.URL+"/api/v1/users", `{"org":"ashcombe","email":"new.officer@ashcombe.example","name":"New Officer","role":"officer"}`, bearer(admin))
		var created struct {
			User     struct{ Email string }
			Password string
		}
		if err := json.Unmarshal([]byte(res.body), &created); res.status != 201 || err != nil || created.Password == "" || strings.Contains(res.body, "argon2") {
			t.Fatalf("create user: %d %s", res.status, res.body)
		}
		u, _ := a.store.UserForSignIn(context.Background(), "new.officer@ashcombe.example")
		if ok, _ := auth.VerifyPassword(created.Password, u.PasswordHash); !ok {
			t.Fatal("the password the API gave does not sign in")
		}
		// Bad input names the field; unknown JSON fields are refused.
		res = doJSON(t, c, "POST", a.http.URL+"/api/v1/users", `{"org":"ashcombe","email":"not-an-email","name":"X","role":"officer"}`, bearer(admin))
		if res.status != 422 || !strings.Contains(res.body, `"field":"email"`) {
			t.Fatalf("bad email: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs", `{"slug":"x","name":"X","kind":"partner","colour":"red"}`, bearer(admin)); res.status != 400 {
			t.Fatalf("unknown field: %d %s", res.status, res.body)
		}
		if res := doJSON(t, c, "POST", a.http.URL+"/api/v1/orgs/ashcombe/sites", `{"name":"Leisure Centre","address":"Park Road"}`, bearer(admin)); res.status != 201 {
			t.Fatalf("create site: %d %s", res.status, res.body)
		}
		// The audit view is itself audited, and revoked tokens stop working at once.
		res = do(t, c, "GET", a.http.URL+"/api/v1/audit?limit=5", nil, bearer(admin))
		if res.status != 200 || !strings.Contains(res.body, `"action": "view"`) {
			t.Fatalf("audit via API: %d %s", res.status, res.body)
		}
		if res := do(t, c, "DELETE", a.http.URL+"/api/v1/tokens/"+jsonInt(id), nil, bearer(admin)); res.status != 200 {
			t.Fatalf("revoke: %d %s", res.status, res.body)
		}
		if res := do(t, c, "GET", a.http.URL+"/api/v1/me", nil, bearer(officer)); res.status != 401 {
			t.Fatalf("revoked token: %d", res.status)
		}
		// An expired token is refused too.
		_, short := a.token(t, "ashcombe", "officer", time.Hour)
		a.store.SetClock(func() time.Time { return time.Now().Add(2 * time.Hour) })
		defer a.store.SetClock(time.Now)
		if res := do(t, c, "GET", a.http.URL+"/api/v1/me", nil, bearer(short)); res.status != 401 {
			t.Fatalf("expired token: %d", res.status)
		}
	})
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestOrgSwitcherNarrowsTheView(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.signedIn(t, "agent@abc-shared.example")
		all := do(t, c, "GET", a.http.URL+"/orgs", nil, nil)
		for _, name := range []string{"London Borough of Ashcombe", "London Borough of Brentmere", "Royal Borough of Calderwick"} {
			if !strings.Contains(all.body, name) {
				t.Fatalf("agent's /orgs lacks %s", name)
			}
		}
		if !strings.Contains(all.body, `action="/org/switch"`) {
			t.Fatal("no org switcher for an agent with several orgs")
		}
		if res := do(t, c, "POST", a.http.URL+"/org/switch", map[string][]string{"org": {"brentmere"}}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("switch: %d", res.status)
		}
		one := do(t, c, "GET", a.http.URL+"/orgs", nil, nil)
		if !strings.Contains(one.body, `href="/orgs/brentmere"`) || strings.Contains(one.body, `href="/orgs/ashcombe"`) {
			t.Fatal("after switching to Brentmere, other councils are still listed")
		}
		if res := do(t, c, "GET", a.http.URL+"/orgs/ashcombe", nil, nil); res.status != 404 {
			t.Fatalf("Ashcombe while viewing Brentmere: %d", res.status)
		}
		// An org outside the agent's grants cannot be switched to.
		if res := do(t, c, "POST", a.http.URL+"/org/switch", map[string][]string{"org": {"nthames-nhs"}}, nil); res.status != 404 {
			t.Fatalf("switch to an ungranted org: %d", res.status)
		}
		do(t, c, "POST", a.http.URL+"/org/switch", map[string][]string{"org": {""}}, nil)
		if res := do(t, c, "GET", a.http.URL+"/orgs", nil, nil); !strings.Contains(res.body, `href="/orgs/ashcombe"`) {
			t.Fatal("switching back to all orgs did not widen the view")
		}
	})
}

func TestAdminManagesUsersFromThePages(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		ctx := context.Background()
		c := a.signedIn(t, "admin@abc-shared.example")
		res := do(t, c, "POST", a.http.URL+"/admin/users", map[string][]string{"org": {"calderwick"}, "email": {"librarian@calderwick.example"}, "name": {"Lib Rarian"}, "role": {"officer"}}, nil)
		password := between(res.body, `id="new-password">`, `<`)
		if res.status != 200 || password == "" {
			t.Fatalf("create user page: %d", res.status)
		}
		// The new user signs in with the password shown, then is disabled and signed out.
		officer := a.browser()
		if res := do(t, officer, "POST", a.http.URL+"/signin", signInForm("librarian@calderwick.example", password), nil); res.status != http.StatusSeeOther {
			t.Fatalf("new user signs in: %d", res.status)
		}
		u, _ := a.store.UserForSignIn(ctx, "librarian@calderwick.example")
		if res := do(t, c, "POST", a.http.URL+"/admin/users/"+jsonInt(u.ID)+"/disable", map[string][]string{}, nil); res.status != http.StatusSeeOther {
			t.Fatalf("disable: %d", res.status)
		}
		if res := do(t, officer, "GET", a.http.URL+"/orgs", nil, nil); res.status != http.StatusSeeOther {
			t.Fatalf("disabled user still signed in: %d", res.status)
		}
		if res := do(t, officer, "POST", a.http.URL+"/signin", signInForm("librarian@calderwick.example", password), nil); res.status != http.StatusUnauthorized {
			t.Fatalf("disabled user signs in: %d", res.status)
		}
		// Invalid input comes back with the GOV.UK error summary naming the field.
		res = do(t, c, "POST", a.http.URL+"/admin/users", map[string][]string{"org": {"calderwick"}, "email": {"librarian@calderwick.example"}, "name": {"Dup"}, "role": {"officer"}}, nil)
		if res.status != 422 || !strings.Contains(res.body, "govuk-error-summary") || !strings.Contains(res.body, `href="#email"`) || !strings.Contains(res.body, "already exists") {
			t.Fatalf("duplicate email: %d", res.status)
		}
	})
}

func TestReadyzFailsWithoutTheDatabase(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		a.store.Close()
		if res := do(t, a.browser(), "GET", a.http.URL+"/readyz", nil, nil); res.status != http.StatusServiceUnavailable {
			t.Fatalf("/readyz with the database closed: %d", res.status)
		}
		if res := do(t, a.browser(), "GET", a.http.URL+"/healthz", nil, nil); res.status != 200 {
			t.Fatalf("/healthz: %d", res.status)
		}
	})
}

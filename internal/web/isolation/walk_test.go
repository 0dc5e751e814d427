package isolation_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// walker is one engine's ward, the facts that mark each org's records in
// it, and the watch that sees any write.
type walker struct {
	a       *webtest.App
	facts   map[int64]*orgFacts
	changes *webtest.Changes
}

// refused checks that the request sent by send, which ward must refuse,
// wrote nothing to any table, and returns its answer.
func (w *walker) refused(t *testing.T, where string, send func() webtest.Response) webtest.Response {
	t.Helper()
	mark := w.changes.Mark(t)
	res := send()
	if changed := w.changes.Since(t, mark); len(changed) > 0 {
		t.Errorf("%s: a refused change changed data (%s)", where, strings.Join(changed, ", "))
	}
	return res
}

// TestEveryRouteAsEveryRoleOfEveryOrg signs in as each demo user (one per role
// and org), requests every page route with the records of every org, and
// checks that nothing of an org outside the user's scope is shown or changed.
// It then does the same through the JSON API with a token for every role
// allowed in every org.
func TestEveryRouteAsEveryRoleOfEveryOrg(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine.Name, func(t *testing.T) {
			// The engines' walks share nothing and each waits on its
			// database part of the time: run them side by side.
			t.Parallel()
			a := webtest.NewApp(t, engine)
			ctx := context.Background()
			facts := collectFacts(t, a.Store, webtest.SeedIdentity(t, a.Store), webtest.SeedWarpWalk(t, a.Store))
			// A token in every org gives the token routes a target per org.
			svc := authsvc.New(a.Store, authsvc.Options{})
			for _, f := range facts {
				tk, _, err := svc.CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: f.org.Slug, Role: "member", Name: "probe", Expires: 24 * time.Hour})
				if err != nil {
					t.Fatal(err)
				}
				f.tokenID = tk.ID
			}
			w := &walker{a: a, facts: facts, changes: webtest.WatchChanges(t, a.Store)}
			t.Run("pages", w.walkPages)
			t.Run("api", w.walkAPI)
		})
	}
}

func (w *walker) walkPages(t *testing.T) {
	a, facts := w.a, w.facts
	ctx := context.Background()
	requests := 0
	defer func() { t.Logf("walked %d page requests as %d users", requests, len(a.Creds)) }()
	for _, cred := range a.Creds {
		u, _ := a.Store.UserForSignIn(ctx, cred.Email)
		scope, _ := a.Store.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
		client := a.SignedIn(t, cred.Email)
		for _, rt := range a.Server.Routes() {
			if rt.Access != web.Full {
				continue // sign-in steps are tested on their own
			}
			for path, owner := range targets(rt.Path, facts) {
				outside := owner != 0 && !scope.Allows(owner)
				allowedByRole := rt.Admits(u.Role)
				form := url.Values(nil)
				if rt.Method == http.MethodPost {
					slug := targetSlug(owner, scope, facts)
					form = formFor(slug)
					// The Tier Zero forms name the target org's backup server.
					for _, f := range facts {
						if f.org.Slug == slug {
							form.Set("object_id", f.identity.Backup)
						}
					}
				}
				where := fmt.Sprintf("%s %s as %s (%s)", rt.Method, path, cred.Email, cred.Role)
				send := func() webtest.Response { return webtest.Do(t, client, rt.Method, a.HTTP.URL+path, form, nil) }
				var res webtest.Response
				if rt.Method == http.MethodPost && (outside || !allowedByRole) {
					res = w.refused(t, where, send)
				} else {
					res = send()
				}
				requests++
				if res.Status >= 500 {
					t.Errorf("%s: status %d", where, res.Status)
				}
				if l := leaks(path, res.Body, u.OrgID, scope, facts); len(l) > 0 {
					t.Errorf("%s: shows data of orgs outside its scope: %v", where, l)
				}
				checkSearch(t, where, path, res.Body, res.Status, u.Role, scope, facts)
				if outside && res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
					t.Errorf("%s: another org's record answered %d, want 404 or 403", where, res.Status)
				}
				if !allowedByRole && res.Status != http.StatusForbidden {
					t.Errorf("%s: role lacks %s but got %d", where, rt.Permission, res.Status)
				}
				if rt.Method == http.MethodGet && !outside && allowedByRole && owner != 0 && res.Status == http.StatusOK {
					// The positive case: a record in scope is really shown. A
					// CSV download names its org in its file name instead, as
					// an export with no rows has nowhere else to.
					shown := strings.Contains(res.Body, facts[owner].org.Name)
					if strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
						shown = strings.Contains(res.Header.Get("Content-Disposition"), "-"+facts[owner].org.Slug)
					}
					if !shown {
						t.Errorf("%s: page for an org in scope does not show it", where)
					}
				}
			}
		}
		// The walk may have switched org or changed the password; start clean.
		_ = a.Store.DeleteUserSessions(ctx, u.ID)
	}
}

func (w *walker) walkAPI(t *testing.T) {
	a, facts := w.a, w.facts
	ctx := context.Background()
	svc := authsvc.New(a.Store, authsvc.Options{})
	client := a.Browser()
	requests, tokens := 0, 0
	defer func() { t.Logf("walked %d API requests with %d tokens", requests, tokens) }()
	for _, f := range facts {
		for _, role := range tenancy.Roles {
			if !role.AllowedInOrgKind(f.org.Kind) {
				continue
			}
			_, token, err := svc.CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: f.org.Slug, Role: string(role), Name: "walker", Expires: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			tokens++
			scope, _ := a.Store.ScopeFor(ctx, role, f.org.ID, 0)
			header := map[string]string{"Authorization": "Bearer " + token}
			for _, rt := range a.Server.APIRoutes() {
				for path, owner := range targets(rt.Path, facts) {
					outside := owner != 0 && !scope.Allows(owner)
					if rt.Method == http.MethodDelete && !outside {
						continue // revoke only other orgs' tokens, so the walker's own keeps working
					}
					allowedByRole := rt.Admits(role)
					where := fmt.Sprintf("%s %s as %s token of %s", rt.Method, path, role, f.org.Slug)
					send := func() webtest.Response {
						if rt.Method == http.MethodPost {
							slug := targetSlug(owner, scope, facts)
							return webtest.DoJSON(t, client, rt.Method, a.HTTP.URL+path, fmt.Sprintf(`{"org":%q,"email":"probe@probe.example","name":"Probe","role":"member","slug":"probe-%d","kind":"partner"}`, slug, owner), header)
						}
						return webtest.Do(t, client, rt.Method, a.HTTP.URL+path, nil, header)
					}
					var res webtest.Response
					if rt.Method != http.MethodGet && (outside || !allowedByRole) {
						res = w.refused(t, where, send)
					} else {
						res = send()
					}
					requests++
					if res.Status >= 500 {
						t.Errorf("%s: status %d", where, res.Status)
					}
					if l := leaks(path, res.Body, f.org.ID, scope, facts); len(l) > 0 {
						t.Errorf("%s: shows data of orgs outside its scope: %v", where, l)
					}
					checkSearch(t, where, path, res.Body, res.Status, role, scope, facts)
					if outside && res.Status != http.StatusNotFound && res.Status != http.StatusForbidden {
						t.Errorf("%s: another org's record answered %d", where, res.Status)
					}
					if !allowedByRole && res.Status != http.StatusForbidden {
						t.Errorf("%s: role lacks %s but got %d", where, rt.Permission, res.Status)
					}
					if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/") {
						t.Errorf("%s: content type %q, want JSON or problem+json", where, res.Header.Get("Content-Type"))
					}
				}
			}
		}
	}
	if len(a.Server.APIRoutes()) < 10 {
		t.Fatalf("only %d API routes walked", len(a.Server.APIRoutes()))
	}
}

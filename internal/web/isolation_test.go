package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web"
)

// orgFacts is what identifies an org's data on a page: strings that appear
// in no other org's records.
type orgFacts struct {
	org       store.Org
	markers   []string
	userIDs   []int64
	tokenID   int64
	ticketIDs []int64
	refs      []string
	// findingIDs are the findings the walk requests: the harness's two on
	// the org's own laptops, and the org's worst from the demo.
	findingIDs []int64
	// identity is the directory seedIdentity gave the org: the walk opens
	// the pages of two of its accounts and asks for its backup server to
	// be made Tier Zero.
	identity identitySeed
	// warp is the AMBER+STRICT advisory seedWarpWalk addressed to the org
	// alone: the walk opens it as everyone, and its markers must reach no
	// other org's user or token, whatever their scope.
	warp warpWalkSeed
}

// ticketsWalked is how many tickets of each org the walk requests.
const ticketsWalked = 3

func collectFacts(t *testing.T, st *store.Store, seeds map[string]identitySeed, warps map[int64]warpWalkSeed) map[int64]*orgFacts {
	ctx := context.Background()
	all := tenancy.ForSystem(tenancy.JobTest)
	orgs, _ := st.Orgs(ctx, all)
	facts := map[int64]*orgFacts{}
	for _, o := range orgs {
		facts[o.ID] = &orgFacts{org: o, markers: []string{o.Name, "/orgs/" + o.Slug + `"`}}
		// Every object of the org's seeded directory names it.
		seed, ok := seeds[o.Slug]
		if !ok {
			t.Fatalf("org %s has no seeded directory: the walk would prove nothing about identity pages", o.Slug)
		}
		facts[o.ID].identity = seed
		facts[o.ID].warp = warps[o.ID]
		facts[o.ID].markers = append(facts[o.ID].markers, seed.names...)
		facts[o.ID].markers = append(facts[o.ID].markers, seed.domain)
	}
	sites, _ := st.Sites(ctx, all)
	for _, s := range sites {
		facts[s.OrgID].markers = append(facts[s.OrgID].markers, s.Name)
	}
	users, _ := st.Users(ctx, all)
	for _, u := range users {
		facts[u.OrgID].markers = append(facts[u.OrgID].markers, u.Email)
		facts[u.OrgID].userIDs = append(facts[u.OrgID].userIDs, u.ID)
	}
	// Ticket references repeat across orgs (each org numbers its own), so
	// titles and callers mark a ticket's org.
	// The walk visits each org's newest few tickets (the harness's among
	// them); every ticket's title and caller are markers.
	for id, f := range facts {
		tickets, err := st.Tickets(ctx, all, store.TicketFilter{OrgID: id, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for i, tk := range tickets {
			f.markers = append(f.markers, tk.Title, tk.Caller)
			if i < ticketsWalked {
				f.ticketIDs = append(f.ticketIDs, tk.ID)
				f.refs = append(f.refs, tk.Ref)
			}
		}
	}
	// A finding is marked by its subject's name and by links to it. The
	// demo gives councils hundreds; the worst few stand for them, so the
	// walk's every response is not searched for thousands of markers.
	for id, f := range facts {
		worst, _, err := st.Findings(ctx, all, store.FindingFilter{OrgID: id, Limit: 3})
		if err != nil {
			t.Fatal(err)
		}
		laptops, _, err := st.Findings(ctx, all, store.FindingFilter{OrgID: id, Kind: finding.Device, State: finding.Open})
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range laptops {
			if strings.HasPrefix(fd.Subject.Name, strings.ToUpper(f.org.Slug)+"-LT-") {
				f.findingIDs = append(f.findingIDs, fd.ID)
				f.markers = append(f.markers, fd.Subject.Name, fmt.Sprintf(`/findings/%d"`, fd.ID))
			}
		}
		for i, fd := range worst {
			f.markers = append(f.markers, fd.Subject.Name, fmt.Sprintf(`/findings/%d"`, fd.ID))
			if i == 0 && !slices.Contains(f.findingIDs, fd.ID) {
				f.findingIDs = append(f.findingIDs, fd.ID)
			}
		}
	}
	for _, f := range facts {
		if len(f.ticketIDs) == 0 {
			t.Fatalf("org %s has no tickets: the walk would prove nothing about ticket pages", f.org.Slug)
		}
		if len(f.findingIDs) < 2 {
			t.Fatalf("org %s has %d findings: the walk would prove little about finding pages", f.org.Slug, len(f.findingIDs))
		}
	}
	// A marker that occurs inside another org's marker, or inside the name
	// of another org's user (a caller may share a councillor's name), would
	// raise false alarms; drop it, and make sure every org keeps several.
	// Each org is judged against the others' full lists, before any is cut.
	names := map[int64][]string{}
	for _, u := range users {
		names[u.OrgID] = append(names[u.OrgID], u.Name)
	}
	kept := map[int64][]string{}
	for id, f := range facts {
		seen := map[string]bool{}
		for _, m := range f.markers {
			if m == "" || seen[m] {
				continue
			}
			seen[m] = true
			clash := false
			for other, g := range facts {
				if other == id {
					continue
				}
				for _, n := range slices.Concat(g.markers, names[other]) {
					if strings.Contains(n, m) {
						clash = true
					}
				}
			}
			if !clash {
				kept[id] = append(kept[id], m)
			}
		}
		if len(kept[id]) < 3 {
			t.Fatalf("org %s has too few distinctive markers: %v", f.org.Slug, kept[id])
		}
	}
	for id, f := range facts {
		f.markers = kept[id]
	}
	return facts
}

// targets expands a route's path parameters with the records of every org,
// returning each concrete path with the org its records belong to (0: none).
func targets(path string, facts map[int64]*orgFacts) map[string]int64 {
	out := map[string]int64{}
	switch {
	case strings.Contains(path, "{slug}") && strings.Contains(path, "{ref}"):
		for id, f := range facts {
			for _, ref := range f.refs {
				out[strings.NewReplacer("{slug}", f.org.Slug, "{ref}", ref).Replace(path)] = id
			}
		}
	case strings.Contains(path, "{slug}") && strings.Contains(path, "{id}"):
		for id, f := range facts {
			for _, pid := range []string{f.identity.jo, f.identity.kim} {
				out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", pid).Replace(path)] = id
			}
		}
	case strings.Contains(path, "/warp/advisories/{id}"):
		for id, f := range facts {
			out[strings.Replace(path, "{id}", fmt.Sprint(f.warp.advisoryID), 1)] = id
		}
	case strings.Contains(path, "/warp/communities/{slug}/members/{org}"):
		for id, f := range facts {
			out[strings.NewReplacer("{slug}", walkCommunity, "{org}", f.org.Slug).Replace(path)] = id
		}
	case strings.Contains(path, "/warp/communities/{slug}"):
		out[strings.Replace(path, "{slug}", walkCommunity, 1)] = 0
	case strings.Contains(path, "/tickets/{id}"):
		for id, f := range facts {
			for _, tid := range f.ticketIDs {
				out[strings.Replace(path, "{id}", fmt.Sprint(tid), 1)] = id
			}
		}
	case strings.Contains(path, "/findings/{id}"):
		for id, f := range facts {
			for _, fid := range f.findingIDs {
				out[strings.Replace(path, "{id}", fmt.Sprint(fid), 1)] = id
			}
		}
	case strings.Contains(path, "{slug}"):
		for id, f := range facts {
			out[strings.Replace(path, "{slug}", f.org.Slug, 1)] = id
		}
	case strings.Contains(path, "/users/{id}"):
		for id, f := range facts {
			for _, uid := range f.userIDs {
				out[strings.Replace(path, "{id}", fmt.Sprint(uid), 1)] = id
			}
		}
	case strings.Contains(path, "/tokens/{id}"):
		for id, f := range facts {
			out[strings.Replace(path, "{id}", fmt.Sprint(f.tokenID), 1)] = id
		}
	default:
		out[strings.Replace(path, "{$}", "", 1)] = 0
	}
	return out
}

// leaks lists the markers of orgs outside the scope found in a body. The
// WARP names its member orgs to one another (an advisory's author, a
// community's members), never their data, so on its routes an org's name
// is no leak. An org's AMBER+STRICT advisory to itself is one from any
// other org, in scope or not: TLP is the author's wish, not tenancy's.
func leaks(path, body string, viewerOrg int64, scope tenancy.Scope, facts map[int64]*orgFacts) []string {
	var found []string
	warpRoute := strings.HasPrefix(path, "/warp") || strings.Contains(path, "/warp/")
	for id, f := range facts {
		if id != viewerOrg {
			for _, m := range f.warp.markers {
				if strings.Contains(body, m) {
					found = append(found, f.org.Slug+":"+m)
				}
			}
		}
		if scope.Allows(id) {
			continue
		}
		for _, m := range f.markers {
			if warpRoute && m == f.org.Name {
				continue
			}
			if strings.Contains(body, m) {
				found = append(found, f.org.Slug+":"+m)
			}
		}
	}
	return found
}

// snapshot is every org's records that a change could touch, to prove a
// refused change changed nothing.
func snapshot(t *testing.T, st *store.Store) string {
	ctx := context.Background()
	all := tenancy.ForSystem(tenancy.JobTest)
	var b strings.Builder
	users, _ := st.Users(ctx, all)
	for _, u := range users {
		fmt.Fprintf(&b, "u%d:%s:%v:%v:%s|", u.ID, u.Email, u.Disabled, u.TOTPEnabled, u.PasswordHash)
	}
	sites, _ := st.Sites(ctx, all)
	teams, _ := st.Teams(ctx, all)
	orgs, _ := st.Orgs(ctx, all)
	tokens, _ := st.APITokens(ctx, all)
	for _, tk := range tokens {
		fmt.Fprintf(&b, "t%d:%v|", tk.ID, tk.RevokedAt != nil)
	}
	var tickets []store.Ticket
	for _, o := range orgs {
		list, _ := st.Tickets(ctx, all, store.TicketFilter{OrgID: o.ID, Limit: 1000})
		tickets = append(tickets, list...)
	}
	for _, tk := range tickets {
		fmt.Fprintf(&b, "k%d:%s:%s:%d:%s:%s|", tk.ID, tk.State, tk.Priority, tk.EventCount, tk.AssignmentGroup, tk.Assignee)
	}
	// Findings by control, severity and state: an acceptance, a revocation,
	// an evaluation or an import that finds anything moves these counts.
	tallies, _ := st.FindingTallies(ctx, all, 0)
	for _, tl := range tallies {
		fmt.Fprintf(&b, "f%s:%s:%s:%d|", tl.Control, tl.Severity, tl.State, tl.Count)
	}
	// Directories and Tier Zero: an import or a Tier Zero change moves these.
	for _, o := range orgs {
		snaps, _ := st.IdentitySnapshots(ctx, tenancy.ForSystem(tenancy.JobTest), o.ID, "current", false)
		for _, sn := range snaps {
			fmt.Fprintf(&b, "d%d:%d|", o.ID, sn.ID)
		}
		added, _ := st.TierZeroAdditions(ctx, tenancy.ForSystem(tenancy.JobTest), o.ID)
		for _, ad := range added {
			fmt.Fprintf(&b, "z%d:%s|", o.ID, ad.ObjectID)
		}
	}
	fmt.Fprintf(&b, "sites=%d teams=%d orgs=%d tokens=%d tickets=%d", len(sites), len(teams), len(orgs), len(tokens), len(tickets))
	return b.String() + warpSnapshot(t, st)
}

// targetSlug is the org a change aims at: the owner of the path's record, or
// for routes that name the org in their body, an org outside the scope.
func targetSlug(owner int64, scope tenancy.Scope, facts map[int64]*orgFacts) string {
	if owner != 0 {
		return facts[owner].org.Slug
	}
	for id, f := range facts {
		if !scope.Allows(id) {
			return f.org.Slug
		}
	}
	return ""
}

// formFor fills a POST form so that, where a route takes an org in its
// body, it names the target org.
func formFor(slug string) url.Values {
	return url.Values{"org": {slug}, "name": {"Isolation probe"}, "email": {"probe@probe.example"}, "role": {"member"},
		"site_name": {"Probe site"}, "team_name": {"Probe team"}, "slug": {"probe-org"}, "kind": {"partner"}, "days": {"30"},
		"grant": {slug}, "code": {"000000"}, "current": {"x"}, "password": {"y"}, "confirm": {"y"},
		// A risk acceptance that the roles allowed in scope carry out, so the
		// pages that follow show who accepted it to every role.
		"reason": {"Isolation probe"}, "owner": {"Probe owner"}, "expires": {time.Now().AddDate(0, 2, 0).Format("2006-01-02")}}
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
			a := newApp(t, engine.Open)
			ctx := context.Background()
			facts := collectFacts(t, a.store, seedIdentity(t, a.store), seedWarpWalk(t, a.store))
			// A token in every org gives the token routes a target per org.
			svc := authsvc.New(a.store, authsvc.Options{})
			for _, f := range facts {
				tk, _, err := svc.CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: f.org.Slug, Role: "member", Name: "probe", Expires: 24 * time.Hour})
				if err != nil {
					t.Fatal(err)
				}
				f.tokenID = tk.ID
			}
			t.Run("pages", func(t *testing.T) { walkPages(t, a, facts) })
			t.Run("api", func(t *testing.T) { walkAPI(t, a, facts) })
		})
	}
}

func walkPages(t *testing.T, a *app, facts map[int64]*orgFacts) {
	ctx := context.Background()
	requests := 0
	defer func() { t.Logf("walked %d page requests as %d users", requests, len(a.creds)) }()
	for _, cred := range a.creds {
		u, _ := a.store.UserForSignIn(ctx, cred.Email)
		scope, _ := a.store.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
		client := a.signedIn(t, cred.Email)
		for _, rt := range a.srv.Routes() {
			if rt.Access != web.Full {
				continue // sign-in steps are tested on their own
			}
			for path, owner := range targets(rt.Path, facts) {
				outside := owner != 0 && !scope.Allows(owner)
				allowedByRole := rt.Admits(u.Role)
				before := ""
				if rt.Method == http.MethodPost && (outside || !allowedByRole) {
					// Only a change that must be refused is compared, and a
					// snapshot reads every org: take it only then.
					before = snapshot(t, a.store)
				}
				form := url.Values(nil)
				if rt.Method == http.MethodPost {
					slug := targetSlug(owner, scope, facts)
					form = formFor(slug)
					// The Tier Zero forms name the target org's backup server.
					for _, f := range facts {
						if f.org.Slug == slug {
							form.Set("object_id", f.identity.backup)
						}
					}
				}
				res := do(t, client, rt.Method, a.http.URL+path, form, nil)
				requests++
				where := fmt.Sprintf("%s %s as %s (%s)", rt.Method, path, cred.Email, cred.Role)
				if res.status >= 500 {
					t.Errorf("%s: status %d", where, res.status)
				}
				if l := leaks(path, res.body, u.OrgID, scope, facts); len(l) > 0 {
					t.Errorf("%s: shows data of orgs outside its scope: %v", where, l)
				}
				if outside && res.status != http.StatusNotFound && res.status != http.StatusForbidden {
					t.Errorf("%s: another org's record answered %d, want 404 or 403", where, res.status)
				}
				if !allowedByRole && res.status != http.StatusForbidden {
					t.Errorf("%s: role lacks %s but got %d", where, rt.Permission, res.status)
				}
				if rt.Method == http.MethodPost && (outside || !allowedByRole) {
					if after := snapshot(t, a.store); after != before {
						t.Errorf("%s: a refused change changed data", where)
					}
				}
				if rt.Method == http.MethodGet && !outside && allowedByRole && owner != 0 && res.status == http.StatusOK {
					// The positive case: a record in scope is really shown.
					if !strings.Contains(res.body, facts[owner].org.Name) {
						t.Errorf("%s: page for an org in scope does not show it", where)
					}
				}
			}
		}
		// The walk may have switched org or changed the password; start clean.
		_ = a.store.DeleteUserSessions(ctx, u.ID)
	}
}

func walkAPI(t *testing.T, a *app, facts map[int64]*orgFacts) {
	ctx := context.Background()
	svc := authsvc.New(a.store, authsvc.Options{})
	client := a.browser()
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
			scope, _ := a.store.ScopeFor(ctx, role, f.org.ID, 0)
			header := map[string]string{"Authorization": "Bearer " + token}
			for _, rt := range a.srv.APIRoutes() {
				for path, owner := range targets(rt.Path, facts) {
					outside := owner != 0 && !scope.Allows(owner)
					if rt.Method == http.MethodDelete && !outside {
						continue // revoke only other orgs' tokens, so the walker's own keeps working
					}
					allowedByRole := rt.Admits(role)
					before := ""
					if rt.Method != http.MethodGet && (outside || !allowedByRole) {
						before = snapshot(t, a.store) // only a change that must be refused is compared
					}
					var res response
					if rt.Method == http.MethodPost {
						slug := targetSlug(owner, scope, facts)
						res = doJSON(t, client, rt.Method, a.http.URL+path, fmt.Sprintf(`{"org":%q,"email":"probe@probe.example","name":"Probe","role":"member","slug":"probe-%d","kind":"partner"}`, slug, owner), header)
					} else {
						res = do(t, client, rt.Method, a.http.URL+path, nil, header)
					}
					requests++
					where := fmt.Sprintf("%s %s as %s token of %s", rt.Method, path, role, f.org.Slug)
					if res.status >= 500 {
						t.Errorf("%s: status %d", where, res.status)
					}
					if l := leaks(path, res.body, f.org.ID, scope, facts); len(l) > 0 {
						t.Errorf("%s: shows data of orgs outside its scope: %v", where, l)
					}
					if outside && res.status != http.StatusNotFound && res.status != http.StatusForbidden {
						t.Errorf("%s: another org's record answered %d", where, res.status)
					}
					if !allowedByRole && res.status != http.StatusForbidden {
						t.Errorf("%s: role lacks %s but got %d", where, rt.Permission, res.status)
					}
					if rt.Method != http.MethodGet && (outside || !allowedByRole) {
						if snapshot(t, a.store) != before {
							t.Errorf("%s: a refused change changed data", where)
						}
					}
					if !strings.HasPrefix(res.header.Get("Content-Type"), "application/") {
						t.Errorf("%s: content type %q, want JSON or problem+json", where, res.header.Get("Content-Type"))
					}
				}
			}
		}
	}
	if len(a.srv.APIRoutes()) < 10 {
		t.Fatalf("only %d API routes walked", len(a.srv.APIRoutes()))
	}
}

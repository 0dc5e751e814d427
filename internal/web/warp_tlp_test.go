package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// The central promise: a shared item reaches exactly the audience
// its TLP marking allows, through every door. A community of two councils
// and two partners gets one advisory under every marking and audience,
// each with markers in its title, body and indicator; then every user and
// every token of every org opens every WARP page, listing, search, detail,
// export and match, and each marker must appear exactly where
// warp.Viewer.Sees says, and nowhere else.

const tlpCommunity = "tlp-test"

// tlpItem is one advisory of the test and the share the rule judges.
type tlpItem struct {
	key                   string
	spec                  warpsvc.ShareSpec
	share                 warp.Share
	id                    int64
	title, body, ioc, dns string // markers; dns is the indicator's value
}

// tlpViewer is a user (client) or a token (header) and who it is to TLP.
type tlpViewer struct {
	label  string
	org    store.Org
	role   tenancy.Role
	viewer warp.Viewer // the zero Viewer, seeing nothing, for roles outside the WARP
	client *http.Client
	header map[string]string
}

type tlpWorld struct {
	a         *app
	community int64
	members   map[string]bool // org slugs in the community
	orgs      map[string]store.Org
	items     []*tlpItem
	users     map[string]store.User // the test's own users, by e-mail
}

func TestWarpTLPEveryMarkingReachesOnlyItsAudience(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine.Name, func(t *testing.T) {
			t.Parallel() // a database of its own, as in eachApp
			w := seedTLPWorld(t, newApp(t, engine))
			viewers := w.viewers(t)
			w.checkRuleTable(t, viewers)
			t.Run("match", func(t *testing.T) { w.checkMatches(t, viewers) })
			t.Run("pages", func(t *testing.T) {
				for _, v := range viewers {
					if v.client != nil {
						w.checkDoors(t, v, w.pageDoors())
					}
				}
			})
			t.Run("api", func(t *testing.T) {
				for _, v := range viewers {
					if v.header != nil {
						w.checkDoors(t, v, w.apiDoors())
					}
				}
			})
		})
	}
}

// seedTLPWorld makes the community (Ashcombe, which publishes, Brentmere
// and the two partners; Calderwick and the shared service stay out), the
// test's users, and one advisory by Ashcombe's author per case.
func seedTLPWorld(t *testing.T, a *app) *tlpWorld {
	t.Helper()
	ctx := context.Background()
	w := &tlpWorld{a: a, members: map[string]bool{}, orgs: map[string]store.Org{}, users: map[string]store.User{}}
	orgs, err := a.store.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		w.orgs[o.Slug] = o
	}
	svc := warpsvc.New(a.store, desksvc.New(a.store))
	admin := tenancy.Operator("cli:test")
	c, err := svc.CreateCommunity(ctx, admin, tlpCommunity, "TLP test", "")
	if err != nil {
		t.Fatal(err)
	}
	w.community = c.ID
	for _, slug := range []string{"ashcombe", "brentmere", "nthames-nhs", "calderwick-cva"} {
		if err := svc.SetMember(ctx, admin, tlpCommunity, slug, slug == "ashcombe", false); err != nil {
			t.Fatal(err)
		}
		w.members[slug] = true
	}
	for email, slug := range map[string]string{"tlp-author@ashcombe.example": "ashcombe", "tlp-colleague@ashcombe.example": "ashcombe",
		"tlp-reader@brentmere.example": "brentmere", "tlp-red@brentmere.example": "brentmere", "tlp-outsider@calderwick.example": "calderwick"} {
		u, err := a.store.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: w.orgs[slug].ID, Email: email, Name: "TLP " + strings.Split(email, "@")[0], Role: tenancy.RoleMember})
		if err != nil {
			t.Fatal(err)
		}
		w.users[email] = u
	}
	author := w.users["tlp-author@ashcombe.example"]
	ashcombe, brentmere, nhs := w.orgs["ashcombe"].ID, w.orgs["brentmere"].ID, w.orgs["nthames-nhs"].ID
	base := warp.Share{CommunityID: c.ID, Audience: warp.ToCommunity, AuthorOrgID: ashcombe, AuthorUserID: author.ID}
	with := func(m warp.Marking, f func(*warp.Share)) warp.Share {
		sh := base
		sh.Marking = m
		if f != nil {
			f(&sh)
		}
		return sh
	}
	w.items = []*tlpItem{
		{key: "clear", spec: warpsvc.ShareSpec{TLP: "CLEAR"}, share: with(warp.Clear, nil)},
		{key: "green", spec: warpsvc.ShareSpec{TLP: "GREEN"}, share: with(warp.Green, nil)},
		{key: "amber", spec: warpsvc.ShareSpec{TLP: "AMBER"}, share: with(warp.Amber, nil)},
		{key: "amberorg", spec: warpsvc.ShareSpec{TLP: "AMBER", Orgs: []string{"brentmere"}},
			share: with(warp.Amber, func(s *warp.Share) { s.Audience, s.Orgs = warp.ToOrgs, []int64{brentmere} })},
		{key: "strict", spec: warpsvc.ShareSpec{TLP: "AMBER+STRICT"}, share: with(warp.AmberStrict, nil)},
		{key: "strictorg", spec: warpsvc.ShareSpec{TLP: "AMBER+STRICT", Orgs: []string{"nthames-nhs"}},
			share: with(warp.AmberStrict, func(s *warp.Share) { s.Audience, s.Orgs = warp.ToOrgs, []int64{nhs} })},
		{key: "red", spec: warpsvc.ShareSpec{TLP: "RED", People: []string{"tlp-red@brentmere.example"}},
			share: with(warp.Red, func(s *warp.Share) {
				s.Audience, s.People = warp.ToPeople, []int64{w.users["tlp-red@brentmere.example"].ID}
			})},
		{key: "anon", spec: warpsvc.ShareSpec{TLP: "AMBER", Anonymous: true}, share: with(warp.Amber, func(s *warp.Share) { s.Anonymous = true })},
	}
	p := tenancy.Principal{Actor: "user:" + author.Email, UserID: author.ID, OrgID: ashcombe, Role: author.Role, Scope: tenancy.ScopeOf(ashcombe)}
	for _, it := range w.items {
		// Each marker ends in "-x" so that no marker holds another.
		it.title, it.body, it.ioc = "tlptitle-"+it.key+"-x", "tlpbody-"+it.key+"-x", "tlpioc-"+it.key+"-x"
		it.dns = it.ioc + ".example"
		it.spec.Community = tlpCommunity
		adv, err := svc.Publish(ctx, p, warpsvc.NewAdvisory{ShareSpec: it.spec, Title: "Advisory " + it.title, Summary: "A case of the TLP test",
			Body: "The advice names " + it.body + ".", Severity: "high", Indicators: []warpsvc.NewIndicator{{Value: it.dns}}})
		if err != nil {
			t.Fatalf("publish %s: %v", it.key, err)
		}
		it.id = adv.ID
	}
	return w
}

// viewers is every demo user and the test's users, and a token of every
// role allowed in every org, each with the Viewer the rule judges them by,
// built here from what the test set up rather than asked of the store.
func (w *tlpWorld) viewers(t *testing.T) []*tlpViewer {
	t.Helper()
	ctx := context.Background()
	a := w.a
	byID := map[int64]store.Org{}
	for _, o := range w.orgs {
		byID[o.ID] = o
	}
	ruleViewer := func(role tenancy.Role, orgID, userID int64) warp.Viewer {
		if !role.Can(tenancy.ShareWarnings) {
			return warp.Viewer{}
		}
		scope, err := a.store.ScopeFor(ctx, role, orgID, userID)
		if err != nil {
			t.Fatal(err)
		}
		var own, acting, actingCommunities []int64
		if w.members[byID[orgID].Slug] {
			own = []int64{w.community}
		}
		if !scope.All() { // an administrator runs the WARP; that makes nobody a recipient
			for _, id := range scope.OrgIDs() {
				if id == orgID {
					continue
				}
				acting = append(acting, id)
				if w.members[byID[id].Slug] {
					actingCommunities = []int64{w.community}
				}
			}
		}
		return warp.NewViewer(userID, orgID, own, acting, actingCommunities)
	}
	var out []*tlpViewer
	var emails []string
	for _, c := range a.creds {
		emails = append(emails, c.Email)
	}
	for email := range w.users {
		emails = append(emails, email)
	}
	sort.Strings(emails)
	for _, email := range emails {
		u, err := a.store.UserForSignIn(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &tlpViewer{label: email, org: byID[u.OrgID], role: u.Role, viewer: ruleViewer(u.Role, u.OrgID, u.ID), client: a.signedIn(t, email)})
	}
	svc := authsvc.New(a.store, authsvc.Options{})
	slugs := make([]string, 0, len(w.orgs))
	for slug := range w.orgs {
		slugs = append(slugs, slug)
	}
	sort.Strings(slugs)
	for _, slug := range slugs {
		o := w.orgs[slug]
		for _, role := range tenancy.Roles {
			if !role.AllowedInOrgKind(o.Kind) {
				continue
			}
			_, token, err := svc.CreateToken(ctx, tenancy.Operator("cli:test"), authsvc.NewToken{Org: o.Slug, Role: string(role), Name: "tlp", Expires: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, &tlpViewer{label: string(role) + " token of " + slug, org: o, role: role, viewer: ruleViewer(role, o.ID, 0),
				client: nil, header: map[string]string{"Authorization": "Bearer " + token}})
		}
	}
	return out
}

// checkRuleTable holds the viewers the rule builds to what the issue says
// in words, so the walk below cannot pass by judging everyone blind.
func (w *tlpWorld) checkRuleTable(t *testing.T, viewers []*tlpViewer) {
	want := map[string]string{
		"tlp-author@ashcombe.example":     "clear green amber amberorg strict strictorg red anon",
		"tlp-colleague@ashcombe.example":  "clear green amber amberorg strict strictorg anon",
		"tlp-reader@brentmere.example":    "clear green amber amberorg strict anon",
		"tlp-red@brentmere.example":       "clear green amber amberorg strict red anon",
		"warp@nthames-nhs.example":        "clear green amber strict strictorg anon",
		"warp@calderwick-cva.example":     "clear green amber strict anon",
		"tlp-outsider@calderwick.example": "clear",
		"analyst@abc-shared.example":      "clear green amber amberorg anon", // acting for the councils: not STRICT, not RED
		"admin@abc-shared.example":        "clear",
		"it.officer@ashcombe.example":     "",
		"member token of ashcombe":        "clear green amber amberorg strict strictorg anon",
		"member token of calderwick":      "clear",
		"analyst token of abc-shared":     "clear", // a token has no grants
	}
	for _, v := range viewers {
		exp, ok := want[v.label]
		if !ok {
			continue
		}
		delete(want, v.label)
		if got := strings.Join(w.seen(v), " "); got != exp {
			t.Errorf("%s sees %q by the rule, want %q", v.label, got, exp)
		}
	}
	for label := range want {
		t.Errorf("no viewer %s", label)
	}
}

// seen lists the keys of the items the viewer may see.
func (w *tlpWorld) seen(v *tlpViewer) []string {
	var out []string
	for _, it := range w.items {
		if v.viewer.Sees(it.share) {
			out = append(out, it.key)
		}
	}
	return out
}

// door is one request and what a seen item must show in its answer.
type door struct {
	path string
	// shows names, for an item the viewer sees, the markers the answer
	// must hold ("title", "body", "ioc"); nil asks only that unseen
	// items are absent.
	shows func(it *tlpItem) []string
	item  *tlpItem // a detail door: unseen answers 404
	// query is what a search door searched for: the page shows it back in
	// the search box and its links, which is no leak.
	query string
}

func (w *tlpWorld) pageDoors() []door {
	all := func(*tlpItem) []string { return []string{"title"} }
	ds := []door{{path: "/warp", shows: all}, {path: "/warp/indicators"}, {path: "/warp/sightings"}, {path: "/warp/communities"},
		{path: "/warp/advisories/new"}, {path: "/warp/match"}, {path: "/warp/import"},
		{path: "/warp/export.json", shows: func(*tlpItem) []string { return []string{"title", "body", "ioc"} }}}
	for _, m := range warp.Markings {
		ds = append(ds, door{path: "/warp?tlp=" + url.QueryEscape(string(m))}, door{path: "/warp/indicators?tlp=" + url.QueryEscape(string(m))})
	}
	for _, it := range w.items {
		it := it
		only := func(keys ...string) func(*tlpItem) []string {
			return func(x *tlpItem) []string {
				if x == it {
					return keys
				}
				return nil
			}
		}
		ds = append(ds, door{path: fmt.Sprintf("/warp/advisories/%d", it.id), item: it, shows: only("title", "body", "ioc")},
			door{path: "/warp?q=" + it.title, shows: only("title"), query: it.title}, door{path: "/warp?q=" + it.body, shows: only("title"), query: it.body},
			door{path: "/warp/indicators?q=" + it.ioc, shows: only("ioc"), query: it.ioc})
	}
	return ds
}

func (w *tlpWorld) apiDoors() []door {
	all := func(*tlpItem) []string { return []string{"title"} }
	ds := []door{{path: "/api/v1/warp/advisories", shows: all}, {path: "/api/v1/warp/indicators"}, {path: "/api/v1/warp/sightings"},
		{path: "/api/v1/warp/communities"}, {path: "/api/v1/warp/export", shows: func(*tlpItem) []string { return []string{"title", "body", "ioc"} }}}
	for _, m := range warp.Markings {
		ds = append(ds, door{path: "/api/v1/warp/indicators?tlp=" + url.QueryEscape(string(m))})
	}
	for _, it := range w.items {
		it := it
		only := func(keys ...string) func(*tlpItem) []string {
			return func(x *tlpItem) []string {
				if x == it {
					return keys
				}
				return nil
			}
		}
		ds = append(ds, door{path: fmt.Sprintf("/api/v1/warp/advisories/%d", it.id), item: it, shows: only("title", "body", "ioc")},
			door{path: "/api/v1/warp/advisories?q=" + it.body, shows: only("title")},
			door{path: fmt.Sprintf("/api/v1/warp/indicators?advisory=%d", it.id), shows: only("ioc")},
			door{path: "/api/v1/warp/indicators?q=" + it.ioc, shows: only("ioc")})
	}
	return ds
}

func (it *tlpItem) marker(kind string) string {
	return map[string]string{"title": it.title, "body": it.body, "ioc": it.ioc}[kind]
}

// checkDoors opens every door as the viewer and holds each answer to the rule.
func (w *tlpWorld) checkDoors(t *testing.T, v *tlpViewer, doors []door) {
	t.Helper()
	inWarp := v.role.Can(tenancy.ShareWarnings)
	for _, d := range doors {
		res := w.get(t, v, d.path)
		where := fmt.Sprintf("GET %s as %s", d.path, v.label)
		if d.query != "" {
			res.body = strings.NewReplacer(`value="`+d.query+`"`, "", "q="+d.query, "").Replace(res.body)
		}
		switch {
		case !inWarp:
			if res.status != http.StatusForbidden {
				t.Errorf("%s: a role outside the WARP got %d, want 403", where, res.status)
			}
		case d.item != nil && !v.viewer.Sees(d.item.share):
			if res.status != http.StatusNotFound {
				t.Errorf("%s: an advisory the viewer may not see answered %d, want 404 as for one that does not exist", where, res.status)
			}
		case res.status != http.StatusOK:
			t.Errorf("%s: status %d", where, res.status)
		}
		for _, it := range w.items {
			sees := v.viewer.Sees(it.share)
			for _, kind := range []string{"title", "body", "ioc"} {
				has := strings.Contains(res.body, it.marker(kind))
				if has && !sees {
					t.Errorf("%s: shows %s's %s (%s), which the viewer may not see", where, it.key, kind, it.share.Marking)
				}
			}
			if !sees || d.shows == nil {
				continue
			}
			for _, kind := range d.shows(it) {
				if !strings.Contains(res.body, it.marker(kind)) {
					t.Errorf("%s: does not show %s's %s (%s), which the viewer may see", where, it.key, kind, it.share.Marking)
				}
			}
		}
		if d.item != nil && d.item.key == "anon" && inWarp && v.viewer.Sees(d.item.share) && v.org.Slug != "ashcombe" {
			w.checkAnonymous(t, v, where, res.body)
		}
	}
}

// checkAnonymous: an anonymous author is "a member" to every other org.
func (w *tlpWorld) checkAnonymous(t *testing.T, v *tlpViewer, where, body string) {
	t.Helper()
	if v.header != nil {
		var doc struct {
			Author     string `json:"author"`
			Indicators []struct {
				Author string `json:"author"`
			} `json:"indicator_list"`
		}
		if err := json.Unmarshal([]byte(body), &doc); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if doc.Author != warp.AnonymousAuthor || len(doc.Indicators) != 1 || doc.Indicators[0].Author != warp.AnonymousAuthor {
			t.Errorf("%s: the anonymous advisory's author reads %q (indicators %+v)", where, doc.Author, doc.Indicators)
		}
		if strings.Contains(body, w.orgs["ashcombe"].Name) {
			t.Errorf("%s: names the anonymous author's org", where)
		}
		return
	}
	if !strings.Contains(body, `id="author">a member<`) || strings.Contains(body, "Advisory from "+w.orgs["ashcombe"].Name) {
		t.Errorf("%s: the anonymous advisory does not show its author as a member", where)
	}
}

func (w *tlpWorld) get(t *testing.T, v *tlpViewer, path string) response {
	t.Helper()
	if v.client != nil {
		return do(t, v.client, http.MethodGet, w.a.http.URL+path, nil, nil)
	}
	return do(t, w.a.browser(), http.MethodGet, w.a.http.URL+path, nil, v.header)
}

// tlpLog is a proxy log naming every item's indicator, one a line.
func (w *tlpWorld) tlpLog() string {
	var b strings.Builder
	for i, it := range w.items {
		fmt.Fprintf(&b, "2026-11-02T09:%02d:00Z 10.0.0.%d GET http://%s/login 200 text/html\n", i, i+1, it.dns)
	}
	return b.String()
}

// checkMatches runs each org's logs through the API as a member token of
// the org, and once through the page as the analyst acting for Brentmere:
// the hits must be the indicators the rule lets the org (and the runner)
// see, and no others. The sightings recorded here are then on the
// sightings pages the walk opens.
func (w *tlpWorld) checkMatches(t *testing.T, viewers []*tlpViewer) {
	orgView := func(o store.Org) warp.Viewer {
		var own []int64
		if w.members[o.Slug] {
			own = []int64{w.community}
		}
		return warp.NewViewer(0, o.ID, own, nil, nil)
	}
	for _, v := range viewers {
		if v.header == nil || v.role != tenancy.RoleMember {
			continue
		}
		share := "named"
		if v.org.Slug == "ashcombe" {
			share = "anonymous" // so nothing names Ashcombe beside its anonymous advisory
		}
		res := send(t, w.a.browser(), http.MethodPost, w.a.http.URL+"/api/v1/orgs/"+v.org.Slug+"/warp/match?share="+share,
			strings.NewReader(w.tlpLog()), "text/plain", v.header)
		if res.status != http.StatusOK {
			t.Fatalf("match as %s: %d %s", v.label, res.status, res.body)
		}
		var rep struct {
			Lines int `json:"lines"`
			Hits  []struct {
				Line      int    `json:"line"`
				Indicator string `json:"indicator"`
				Type      string `json:"type"`
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(res.body), &rep); err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, h := range rep.Hits {
			got = append(got, h.Indicator)
			if h.Type != "domain" || h.Line < 1 || h.Line > len(w.items) {
				t.Errorf("match as %s: hit %+v", v.label, h)
			}
		}
		ov := orgView(v.org)
		for _, it := range w.items {
			if ov.Sees(it.share) {
				want = append(want, it.dns)
			}
		}
		if slices.Sort(got); strings.Join(got, " ") != strings.Join(sortedCopy(want), " ") || rep.Lines != len(w.items) {
			t.Errorf("match of %s's logs hit %v in %d lines, want %v", v.org.Slug, got, rep.Lines, sortedCopy(want))
		}
	}

	// The analyst checks Brentmere's logs: only what Brentmere and the
	// analyst may both see can hit.
	var analyst *tlpViewer
	for _, v := range viewers {
		if v.label == "analyst@abc-shared.example" {
			analyst = v
		}
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("org", "brentmere")
	_ = mw.WriteField("share", "none")
	part, _ := mw.CreateFormFile("files", "proxy-1.log")
	_, _ = part.Write([]byte(w.tlpLog()))
	part, _ = mw.CreateFormFile("files", "proxy-2.log")
	_, _ = part.Write([]byte("nothing to see\n"))
	_ = mw.Close()
	res := send(t, analyst.client, http.MethodPost, w.a.http.URL+"/warp/match", &body, mw.FormDataContentType(), nil)
	if res.status != http.StatusOK {
		t.Fatalf("match page as the analyst: %d", res.status)
	}
	if !strings.Contains(res.body, "in 2 files") {
		t.Errorf("the match page does not say it read both files")
	}
	ov := orgView(w.orgs["brentmere"])
	for _, it := range w.items {
		want := ov.Sees(it.share) && analyst.viewer.Sees(it.share)
		if got := strings.Contains(res.body, it.ioc); got != want {
			t.Errorf("the analyst's match of Brentmere's logs shows %s's indicator: %v, want %v", it.key, got, want)
		}
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

package searchsvc_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

func TestMain(m *testing.M) { os.Exit(webtest.Main(m)) }

var ctx = context.Background()

// world is a seeded database on one engine: the demo, two tickets, three
// laptops, a directory and an AMBER+STRICT advisory in every org.
type world struct {
	st       *store.Store
	svc      *searchsvc.Service
	seed     webtest.Seed
	orgs     map[string]store.Org
	identity map[string]webtest.IdentitySeed
	warp     map[int64]webtest.WarpWalkSeed
}

// eachWorld runs fn on every engine, each with its own seeded database.
func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st, seed := webtest.OpenSeeded(t, e)
			w := &world{st: st, svc: app.New(st, app.Options{}).Search, seed: seed, orgs: map[string]store.Org{}}
			orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range orgs {
				w.orgs[o.Slug] = o
			}
			w.identity = webtest.SeedIdentity(t, st)
			w.warp = webtest.SeedWarpWalk(t, st)
			fn(t, w)
		})
	}
}

// as is a user of the org with the role, scoped to the org alone, or to
// every org for the shared service's admin.
func (w *world) as(role tenancy.Role, slug string) tenancy.Principal {
	o := w.orgs[slug]
	p := tenancy.Principal{Actor: "user:" + string(role) + "@" + slug + ".test", Role: role, OrgID: o.ID, Scope: tenancy.ScopeOf(o.ID)}
	if role == tenancy.RoleAdmin {
		var ids []int64
		for _, o := range w.orgs {
			ids = append(ids, o.ID)
		}
		p.Scope = tenancy.ScopeOf(ids...)
	}
	return p
}

func (w *world) search(t *testing.T, p tenancy.Principal, q string) searchsvc.Results {
	t.Helper()
	res, err := w.svc.Search(ctx, p, q)
	if err != nil {
		t.Fatalf("%s searching %q: %v", p.Actor, q, err)
	}
	return res
}

// hits is the titles (and details) found of one kind.
func hits(res searchsvc.Results, kind string) []searchsvc.Hit {
	for _, g := range res.Groups {
		if g.Kind == kind {
			return g.Hits
		}
	}
	return nil
}

// note is what a kind's group says it searched, when not everything.
func note(res searchsvc.Results, kind string) string {
	for _, g := range res.Groups {
		if g.Kind == kind {
			return g.Note
		}
	}
	return ""
}

// finds reports whether a hit of the kind names want in its title, detail
// or path, and whether that hit is marked exact.
func finds(res searchsvc.Results, kind, want string) (found, exact bool) {
	for _, h := range hits(res, kind) {
		if strings.Contains(h.Title, want) || strings.Contains(h.Detail, want) || strings.Contains(h.Path, want) {
			return true, h.Exact
		}
	}
	return false, false
}

// Each kind is found by what a person would type: the whole key exactly,
// the start of it, or (the last resort) a part of it.
func TestSearchFindsEachKindByWhatIsTyped(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		ash := w.seed.Tickets["ashcombe"][0]
		withoutCouncil := strings.TrimPrefix(ash.Ref, w.orgs["ashcombe"].RefPrefix+"-")
		number := ash.Ref[strings.LastIndexByte(ash.Ref, '-')+1:]
		jo := w.identity["ashcombe"]
		admin, member := w.as(tenancy.RoleAdmin, "abc-shared"), w.as(tenancy.RoleMember, "ashcombe")
		for _, c := range []struct {
			who     tenancy.Principal
			q, kind string
			want    string
			how     string // "exact", "start" (both read from an index) or "text" (the bounded text search)
		}{
			{admin, ash.Ref, searchsvc.Tickets, ash.Ref, "exact"},
			{admin, strings.ToLower(ash.Ref), searchsvc.Tickets, ash.Ref, "exact"},
			{admin, withoutCouncil, searchsvc.Tickets, ash.Ref, "exact"},
			{admin, ash.Ref[:len(ash.Ref)-1], searchsvc.Tickets, ash.Ref, "start"}, // the start of a reference
			{admin, withoutCouncil[:len(withoutCouncil)-1], searchsvc.Tickets, ash.Ref, "start"},
			{admin, number, searchsvc.Tickets, ash.Ref, "exact"},
			{admin, "ashcombe open tick", searchsvc.Tickets, ash.Ref, "text"},                                     // text in the title
			{admin, "ashcombe caller", searchsvc.People, "ashcombe caller", "exact"},                              // a caller by name
			{admin, "ASHCOMBE-SN1", searchsvc.Devices, "ASHCOMBE-LT-1", "exact"},                                  // a serial
			{admin, "ashcombe-sn", searchsvc.Devices, "ASHCOMBE-LT-3", "start"},                                   // the start of one, any case
			{admin, "ashcombe-lt-2", searchsvc.Devices, "ASHCOMBE-LT-2", "exact"},                                 // a hostname
			{admin, "ashcombe-lt-2@ashcombe.gov.uk", searchsvc.Devices, "ASHCOMBE-LT-2", "exact"},                 // its user's e-mail
			{admin, "MBE-SN2", searchsvc.Devices, "ASHCOMBE-LT-2", "text"},                                        // a part of a serial
			{admin, jo.Jo, searchsvc.Directory, "ASHCOMBE-PROBE-JO@", "exact"},                                    // a SID
			{admin, "ashcombe-probe-jo@ashcombe-probe.local", searchsvc.Directory, "ASHCOMBE-PROBE-JO@", "exact"}, // a UPN
			{admin, "ASHCOMBE-PROBE-JO", searchsvc.Directory, "ASHCOMBE-PROBE-JO@", "exact"},                      // the name without its domain
			{admin, "ashcombe-probe-ki", searchsvc.Directory, "ASHCOMBE-PROBE-KIM@", "start"},
			{member, "walkstrict-ashcombe-ioc[.]example", searchsvc.Indicators, "walkstrict-ashcombe-ioc.example", "exact"}, // defanged
			{member, "walkstrict-ashcombe-io", searchsvc.Indicators, "walkstrict-ashcombe-ioc.example", "start"},
			{member, "ashcombe-ioc", searchsvc.Indicators, "walkstrict-ashcombe-ioc.example", "text"},
			{member, "walkstrict-ashcombe-title", searchsvc.Advisories, "walkstrict-ashcombe-title", "start"},
		} {
			res := w.search(t, c.who, c.q)
			found, exact := finds(res, c.kind, c.want)
			if !found || exact != (c.how == "exact") {
				t.Errorf("%s searching %q: %s %q found %v exact %v, want found by %s; got %+v", c.who.Role, c.q, c.kind, c.want, found, exact, c.how, res.Groups)
			}
			// What an index can answer is answered by it: the text search,
			// which says what it read, is only the last resort.
			if scanned := note(res, c.kind) != ""; scanned != (c.how == "text") {
				t.Errorf("%s searching %q: %s read by the text search %v, want found by %s", c.who.Role, c.q, c.kind, scanned, c.how)
			}
		}
		// An exact match is listed before the matches that only start so.
		res := w.search(t, admin, ash.Ref[:len(ash.Ref)-1])
		if list := hits(res, searchsvc.Tickets); len(list) == 0 || list[0].Exact {
			t.Errorf("the start of a reference is not marked exact: %+v", list)
		}
		res = w.search(t, admin, "ASHCOMBE-SN1")
		if list := hits(res, searchsvc.Devices); len(list) == 0 || !list[0].Exact {
			t.Errorf("an exact serial is not first: %+v", list)
		}
	})
}

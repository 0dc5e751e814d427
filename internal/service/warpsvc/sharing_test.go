package warpsvc_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/stix/stixtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

var ctx = context.Background()

// warpWorld is a community of two councils and an NHS trust, a charity
// outside it, and the shared service, whose analyst is granted Ashcombe.
type warpWorld struct {
	svc     *warpsvc.Service
	st      *store.Store
	orgs    map[string]store.Org
	people  map[string]tenancy.Principal // by e-mail
	analyst tenancy.Principal
}

func newWorld(t *testing.T, st *store.Store) *warpWorld {
	t.Helper()
	w := &warpWorld{svc: warpsvc.New(st, desksvc.New(st)), st: st, orgs: map[string]store.Org{}, people: map[string]tenancy.Principal{}}
	for _, o := range []struct {
		slug string
		kind tenancy.OrgKind
	}{{"ashcombe", tenancy.KindCouncil}, {"brentmere", tenancy.KindCouncil}, {"wessex-nhs", tenancy.KindPartner},
		{"carers-trust", tenancy.KindPartner}, {"shared", tenancy.KindSharedService}} {
		org, err := st.CreateOrg(ctx, store.NewOrg{Slug: o.slug, Name: strings.ToUpper(o.slug[:1]) + o.slug[1:], Kind: o.kind})
		if err != nil {
			t.Fatal(err)
		}
		w.orgs[o.slug] = org
		if o.kind == tenancy.KindSharedService {
			continue
		}
		for _, who := range []string{"ann", "bob"} {
			email := who + "@" + o.slug + ".example"
			u, err := st.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: org.ID, Email: email, Name: who + " of " + o.slug, Role: tenancy.RoleMember})
			if err != nil {
				t.Fatal(err)
			}
			w.people[email] = tenancy.Principal{Actor: "user:" + email, UserID: u.ID, OrgID: org.ID, Role: tenancy.RoleMember, Scope: tenancy.ScopeOf(org.ID)}
		}
	}
	shared := w.orgs["shared"]
	u, err := st.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: shared.ID, Email: "sam@shared.example", Name: "Sam", Role: tenancy.RoleAnalyst})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.GrantOrg(ctx, tenancy.ForSystem(tenancy.JobTest), u.ID, w.orgs["ashcombe"].ID); err != nil {
		t.Fatal(err)
	}
	w.analyst = tenancy.Principal{Actor: "user:sam@shared.example", UserID: u.ID, OrgID: shared.ID, Role: tenancy.RoleAnalyst,
		Scope: tenancy.ScopeOf(shared.ID, w.orgs["ashcombe"].ID)}
	admin := tenancy.Operator("cli:test")
	if _, err := w.svc.CreateCommunity(ctx, admin, "south-west", "South West WARP", ""); err != nil {
		t.Fatal(err)
	}
	for _, slug := range []string{"ashcombe", "brentmere", "wessex-nhs"} {
		if err := w.svc.SetMember(ctx, admin, "south-west", slug, true, false); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

func (w *warpWorld) p(email string) tenancy.Principal { return w.people[email] }

// titles lists the advisories a principal sees.
func (w *warpWorld) titles(t *testing.T, p tenancy.Principal) string {
	t.Helper()
	list, err := w.svc.Advisories(ctx, p, warpsvc.AdvisoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range list {
		out = append(out, a.Title)
	}
	return strings.Join(out, ",")
}

func TestPublishingFollowsTLP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.p("ann@ashcombe.example")
		publish := func(title, tlp string, orgs, people []string, anonymous bool, indicators ...string) warpsvc.AdvisoryView {
			t.Helper()
			n := warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: tlp, Orgs: orgs, People: people, Anonymous: anonymous},
				Title: title, Body: "Body of " + title, Severity: "high"}
			for _, v := range indicators {
				n.Indicators = append(n.Indicators, warpsvc.NewIndicator{Value: v})
			}
			a, err := w.svc.Publish(ctx, ann, n)
			if err != nil {
				t.Fatalf("publish %s: %v", title, err)
			}
			return a
		}
		publish("green", "GREEN", nil, nil, true, "evil.example")
		publish("amber-brentmere", "AMBER", []string{"brentmere"}, nil, false, "203.0.113.9")
		publish("strict-ashcombe", "AMBER+STRICT", nil, nil, false)
		publish("red-bob", "RED", nil, []string{"bob@brentmere.example"}, false)

		for who, want := range map[string]string{
			"ann@ashcombe.example":     "red-bob,strict-ashcombe,amber-brentmere,green",
			"bob@ashcombe.example":     "strict-ashcombe,amber-brentmere,green",
			"bob@brentmere.example":    "red-bob,strict-ashcombe,amber-brentmere,green",
			"ann@brentmere.example":    "strict-ashcombe,amber-brentmere,green",
			"ann@wessex-nhs.example":   "strict-ashcombe,green",
			"ann@carers-trust.example": "",
		} {
			if got := w.titles(t, w.p(who)); got != want {
				t.Errorf("%s sees %q, want %q", who, got, want)
			}
		}
		// The analyst acts for Ashcombe: GREEN reaches them through it, but
		// AMBER+STRICT is for Ashcombe's own people and the AMBER went to Brentmere.
		if got := w.titles(t, w.analyst); got != "green" {
			t.Errorf("the analyst sees %q, want only green", got)
		}
		list, _ := w.svc.Advisories(ctx, w.p("ann@brentmere.example"), warpsvc.AdvisoryQuery{Query: "green"})
		if len(list) != 1 || list[0].Author != warp.AnonymousAuthor {
			t.Fatalf("an anonymous advisory names its author: %+v", list)
		}
		mine, _ := w.svc.Advisories(ctx, w.p("bob@ashcombe.example"), warpsvc.AdvisoryQuery{Query: "green"})
		if mine[0].Author != "Ashcombe" {
			t.Errorf("the author's own org sees %q as the author", mine[0].Author)
		}
		// Hidden and missing look the same.
		strict, _ := w.svc.Advisories(ctx, ann, warpsvc.AdvisoryQuery{Query: "strict"})
		if _, err := w.svc.Advisory(ctx, w.p("ann@carers-trust.example"), strict[0].ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an outsider reading AMBER+STRICT got %v, want not found", err)
		}
		if _, err := w.svc.Publish(ctx, w.p("ann@carers-trust.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"}, Title: "x"}); err == nil {
			t.Error("a non-member published into the community")
		}
	})
}

func TestWarningListsStopLikelyFalsePositives(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		if err := st.SetOrgDomains(ctx, tenancy.ForSystem(tenancy.JobTest), w.orgs["brentmere"].ID, []string{"brentmere.gov.uk"}); err != nil {
			t.Fatal(err)
		}
		n := warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"}, Title: "noisy",
			Indicators: []warpsvc.NewIndicator{{Value: "8.8.8.8"}, {Value: "mail.brentmere.gov.uk"}, {Value: "evil.example"}}}
		_, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), n)
		var we *warpsvc.WarningsError
		if !errors.As(err, &we) || len(we.Flagged) != 2 {
			t.Fatalf("publishing a resolver and a member's own domain gave %v, want two flagged", err)
		}
		if got := w.titles(t, w.p("ann@ashcombe.example")); got != "" {
			t.Fatalf("a refused publication left %q behind", got)
		}
		n.AllowWarnings = true
		if _, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), n); err != nil {
			t.Fatal(err)
		}
		ins, _ := w.svc.Indicators(ctx, w.p("ann@brentmere.example"), warpsvc.IndicatorQuery{Query: "8.8.8.8"})
		if len(ins) != 1 || !strings.Contains(ins[0].Warning, "public resolvers") {
			t.Fatalf("a confirmed flagged indicator should say why it was flagged: %+v", ins)
		}
	})
}

func TestFollowUpsAndAcknowledgements(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		a, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER"}, Title: "phish"})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.Acknowledge(ctx, w.p("bob@brentmere.example"), a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AddFollowUp(ctx, w.p("bob@brentmere.example"), a.ID, "not mine"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("another org added a follow-up: %v", err)
		}
		if _, err := w.svc.AddFollowUp(ctx, w.p("bob@ashcombe.example"), a.ID, "Now blocked at the mail gateway."); err != nil {
			t.Fatal(err)
		}
		d, err := w.svc.Advisory(ctx, w.p("ann@ashcombe.example"), a.ID)
		if err != nil || len(d.FollowUps) != 1 || len(d.ReadBy) != 1 || d.ReadBy[0].UserName != "bob of brentmere" {
			t.Fatalf("the author's view: %d follow-ups, read by %+v (%v)", len(d.FollowUps), d.ReadBy, err)
		}
		other, _ := w.svc.Advisory(ctx, w.p("bob@brentmere.example"), a.ID)
		if len(other.ReadBy) != 0 || !other.AckedByViewer || other.Acks != 1 {
			t.Fatalf("a reader's view: read by %+v, acknowledged %v, count %d", other.ReadBy, other.AckedByViewer, other.Acks)
		}
	})
}

func TestMatchingRecordsSightingsAsTheOrgChose(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		if _, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"},
			Title: "c2", Indicators: []warpsvc.NewIndicator{{Value: "evil.example"}, {Value: "198.51.100.0/24"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER+STRICT", Orgs: []string{"ashcombe"}},
			Title: "own", Indicators: []warpsvc.NewIndicator{{Value: "secret.example"}}}); err != nil {
			t.Fatal(err)
		}
		log := "1700000000.1 12 10.1.2.3 TCP_MISS/200 512 GET http://cdn.evil.example/x.js - DIRECT/198.51.100.77 text/javascript\n" +
			"1700000001.1 12 10.1.2.3 TCP_MISS/200 512 GET http://secret.example/ - DIRECT/203.0.113.1 text/html\n"
		rep, err := w.svc.Match(ctx, w.p("ann@brentmere.example"), "brentmere", []warpsvc.LogFile{{Name: "proxy.log", Reader: strings.NewReader(log)}},
			warpsvc.MatchOptions{Share: warpsvc.ShareAnonymous})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Lines != 2 || len(rep.Hits) != 2 {
			t.Fatalf("match: %d lines, hits %+v; want 2 lines and the subdomain and CIDR hits on line 1 only", rep.Lines, rep.Hits)
		}
		for _, h := range rep.Hits {
			if h.Line != 1 || h.Advisory != "c2" {
				t.Errorf("hit %+v: want line 1 of advisory c2 (secret.example is AMBER+STRICT to Ashcombe)", h)
			}
		}
		seen, _ := w.svc.Sightings(ctx, w.p("bob@ashcombe.example"), warpsvc.SightingQuery{})
		if len(seen) != 2 || seen[0].SeenBy != warp.AnonymousAuthor || seen[0].Line != "" {
			t.Fatalf("Ashcombe sees Brentmere's sightings as %+v; want two, anonymous, without the log line", seen)
		}
		own, _ := w.svc.Sightings(ctx, w.p("bob@brentmere.example"), warpsvc.SightingQuery{OwnOnly: true})
		if len(own) != 2 || !strings.Contains(own[0].Line, "proxy.log line 1") {
			t.Fatalf("Brentmere's own sightings: %+v", own)
		}
		if _, err := w.svc.Match(ctx, w.p("ann@brentmere.example"), "ashcombe", nil, warpsvc.MatchOptions{}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("matching another org's logs: %v", err)
		}
	})
}

func TestImportingFeeds(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.p("ann@ashcombe.example")
		list := "# today's feed\nevil.example\nhxxp://bad[.]example/login\n203.0.113.0/24 # scanner\nnot a value\n"
		_, err := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: "feed.txt", Reader: strings.NewReader(list)})
		if err == nil || !strings.Contains(err.Error(), "feed.txt: line 5") {
			t.Fatalf("a bad line gave %v, want an error naming feed.txt line 5", err)
		}
		res, err := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: "feed.txt", Reader: strings.NewReader(list), SkipBad: true})
		if err != nil || res.Indicators != 3 || len(res.Skipped) != 1 || res.Community != "south-west" {
			t.Fatalf("import with skip: %+v %v", res, err)
		}
		again, _ := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: "feed.txt", Reader: strings.NewReader(list), SkipBad: true})
		if again.Indicators != 0 || again.AlreadyHeld != 3 {
			t.Errorf("reloading the same feed: %+v", again)
		}
		dir := filepath.Join("..", "..", "..", "..", "shared", "data", "stix")
		if _, err := os.Stat(dir); err != nil {
			t.Skip("STIX examples not found at ../shared/data/stix (a clone has no ../shared); the STIX part is skipped")
		}
		f, err := os.Open(filepath.Join(dir, "poisonivy.json"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err = w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "AMBER"}, File: "poisonivy.json", Reader: f})
		if err != nil {
			t.Fatal(err)
		}
		if res.Format != "stix" || res.Indicators == 0 || len(res.Unmatched) == 0 || res.Markings[warp.Amber] == 0 {
			t.Fatalf("poisonivy: %+v", res)
		}
		ins, _ := w.svc.Indicators(ctx, w.p("bob@brentmere.example"), warpsvc.IndicatorQuery{Type: "domain", Query: "www.webserver.dynssl.com"})
		if len(ins) != 1 || ins[0].Type != warp.Domain || ins[0].TLP != warp.Amber {
			t.Fatalf("an imported domain reads back as %+v", ins)
		}
		// Imported items keep their source's times; the export must still be valid STIX.
		bundle, err := w.svc.Export(ctx, w.p("bob@brentmere.example"), warpsvc.ExportQuery{})
		if err != nil || !strings.Contains(string(bundle), "www.webserver.dynssl.com") {
			t.Fatalf("exporting imported items: %v", err)
		}
		stixtest.Validate(t, bundle)
	})
}

func TestExportHoldsOnlyWhatTheCallerMaySeeAndValidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.p("ann@ashcombe.example")
		for _, a := range []warpsvc.NewAdvisory{
			{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN", Anonymous: true}, Title: "shared-widely",
				Indicators: []warpsvc.NewIndicator{{Value: "evil.example"}, {Value: "d41d8cd98f00b204e9800998ecf8427e"}}},
			{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER+STRICT", Orgs: []string{"ashcombe"}}, Title: "ashcombe-only",
				Indicators: []warpsvc.NewIndicator{{Value: "strict-secret.example"}}},
			{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER", Anonymous: true}, Title: "no-indicators"},
		} {
			if _, err := w.svc.Publish(ctx, ann, a); err != nil {
				t.Fatal(err)
			}
		}
		bundle, err := w.svc.Export(ctx, w.p("bob@brentmere.example"), warpsvc.ExportQuery{})
		if err != nil {
			t.Fatal(err)
		}
		text := string(bundle)
		for _, want := range []string{"shared-widely", "evil.example", "no-indicators", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"} {
			if !strings.Contains(text, want) {
				t.Errorf("the export lacks %q", want)
			}
		}
		for _, leak := range []string{"ashcombe-only", "strict-secret", "Ashcombe"} {
			if strings.Contains(text, leak) {
				t.Errorf("the export to Brentmere holds %q", leak)
			}
		}
		stixtest.Validate(t, bundle)
		own, err := w.svc.Export(ctx, ann, warpsvc.ExportQuery{TLP: "AMBER+STRICT"})
		if err != nil || !strings.Contains(string(own), "strict-secret.example") || strings.Contains(string(own), "shared-widely") {
			t.Fatalf("Ashcombe's AMBER+STRICT export: %v\n%s", err, own)
		}
		stixtest.Validate(t, own)
	})
}

// A ticket from a match is read by desk staff acting for the org, whom
// AMBER+STRICT does not reach: it says such a hit exists, not what it was.
func TestIncidentTicketsKeepStrictIndicatorsOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ash := w.orgs["ashcombe"]
		if _, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "AMBER+STRICT", Orgs: []string{"ashcombe"}},
			Title: "strict-title", Indicators: []warpsvc.NewIndicator{{Value: "strict-secret.example"}, {Value: "203.0.113.66"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.Publish(ctx, w.p("ann@ashcombe.example"), warpsvc.NewAdvisory{ShareSpec: warpsvc.ShareSpec{Community: "south-west", TLP: "GREEN"},
			Title: "green-title", Indicators: []warpsvc.NewIndicator{{Value: "green-bad.example"}}}); err != nil {
			t.Fatal(err)
		}
		operator := tenancy.Principal{Actor: "cli:test", OrgID: ash.ID, Role: tenancy.RoleAnalyst, Scope: tenancy.ScopeOf(ash.ID)}
		log := "GET http://strict-secret.example/ from 203.0.113.66\nGET http://green-bad.example/\n"
		rep, err := w.svc.Match(ctx, operator, "ashcombe", []warpsvc.LogFile{{Name: "p.log", Reader: strings.NewReader(log)}}, warpsvc.MatchOptions{Ticket: true})
		if err != nil || rep.TicketRef == "" || rep.HitsTotal != 3 {
			t.Fatalf("match with a ticket: %+v %v", rep, err)
		}
		tickets, err := st.Tickets(ctx, tenancy.ForSystem(tenancy.JobTest), store.TicketFilter{OrgID: ash.ID, Limit: 10})
		if err != nil || len(tickets) != 1 {
			t.Fatalf("tickets: %d %v", len(tickets), err)
		}
		d := tickets[0].Description
		if strings.Contains(d, "strict-secret") || strings.Contains(d, "203[.]0[.]113[.]66") || strings.Contains(d, "strict-title") {
			t.Errorf("the ticket names an AMBER+STRICT indicator:\n%s", d)
		}
		if !strings.Contains(d, "green-bad[.]example") || !strings.Contains(d, "under TLP:AMBER+STRICT") {
			t.Errorf("the ticket should name the GREEN hit and say an AMBER+STRICT one exists:\n%s", d)
		}
	})
}

// An empty feed is refused whole, whatever makes it empty, and leaves no
// share or audit entry behind; a line too long to be a feed names the limit.
func TestEmptyFeedsAreRefusedWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.p("ann@ashcombe.example")
		imports := func() int {
			entries, err := st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.WarpImport, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			return len(entries)
		}
		before := imports()
		for name, c := range map[string]struct {
			body string
			skip bool
		}{
			"empty file":        {"", false},
			"comments only":     {"# nothing today\n\n# still nothing\n", false},
			"every line bad":    {"not a value\nnor this\n", true},
			"empty STIX bundle": {`{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[]}`, false},
		} {
			_, err := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: "today.txt", Reader: strings.NewReader(c.body), SkipBad: c.skip})
			if !fault.Is(err, fault.KindInvalid) || !strings.Contains(err.Error(), "today.txt holds no indicators") {
				t.Errorf("%s: %v, want a refusal naming today.txt", name, err)
			}
		}
		if after := imports(); after != before {
			t.Errorf("refused feeds wrote %d import audit entries", after-before)
		}
		if ins, _ := w.svc.Indicators(ctx, ann, warpsvc.IndicatorQuery{}); len(ins) != 0 {
			t.Errorf("refused feeds left indicators: %+v", ins)
		}
		long := "evil.example\n" + strings.Repeat("a", 1<<20+1) + "\n"
		_, err := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: "long.txt", Reader: strings.NewReader(long)})
		if err == nil || !strings.Contains(err.Error(), "long.txt: line 2 is longer than 1024 KiB") {
			t.Errorf("an over-long line gave %v, want the line and the limit named", err)
		}
	})
}

// A member cannot plant an oversized indicator: a STIX string past its cap
// or a plain feed's value past its type's bound refuses the whole feed,
// and nothing is stored for the other members to carry.
func TestOversizedIndicatorsAreRefusedWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.p("ann@ashcombe.example")
		huge := strings.Repeat("a", stix.MaxStringBytes)
		bundle := `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` +
			`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
			`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
			`"pattern":"[url:value = 'http://evil.example/` + huge + `']"}]}`
		for name, c := range map[string]struct{ file, body, want string }{
			"a STIX string past its cap": {"huge.json", bundle, "$.objects[0].pattern holds a string of"},
			"a URL past 8 KiB":           {"huge.txt", "evil.example\nhttp://evil.example/" + strings.Repeat("b", 9<<10) + "\n", "huge.txt: line 2"},
		} {
			_, err := w.svc.Import(ctx, ann, warpsvc.FeedImport{ShareSpec: warpsvc.ShareSpec{TLP: "GREEN"}, File: c.file, Reader: strings.NewReader(c.body)})
			if !fault.Is(err, fault.KindInvalid) || !strings.Contains(err.Error(), c.want) || len(err.Error()) > 400 {
				t.Errorf("%s: %.400v, want a short refusal naming %q", name, err, c.want)
			}
		}
		if ins, _ := w.svc.Indicators(ctx, w.p("bob@brentmere.example"), warpsvc.IndicatorQuery{}); len(ins) != 0 {
			t.Errorf("refused feeds left %d indicators", len(ins))
		}
	})
}

package isolation_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
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
	// identity is the directory webtest.SeedIdentity gave the org: the
	// walk opens the pages of two of its accounts and asks for its backup
	// server to be made Tier Zero.
	identity webtest.IdentitySeed
	// warp is the AMBER+STRICT advisory webtest.SeedWarpWalk addressed to
	// the org alone: the walk opens it as everyone, and its markers must
	// reach no other org's user or token, whatever their scope.
	warp webtest.WarpWalkSeed
	// attachment is a file on the org's first walked ticket, named with a
	// marker of the org: its download is walked as everyone.
	attachment store.Attachment
	// majorIDs are the org's major incidents (see collectMajors).
	majorIDs []int64
	// personID is one of the org's people (see collectPeople).
	personID int64
	// training is the org's courses and two people (see collectTraining).
	training trainingFacts
	// phishing are the org's phishing campaigns (see collectPhishing).
	phishing phishingFacts
}

// ticketsWalked is how many tickets of each org the walk requests.
const ticketsWalked = 3

func collectFacts(t *testing.T, st *store.Store, seeds map[string]webtest.IdentitySeed, warps map[int64]webtest.WarpWalkSeed) map[int64]*orgFacts {
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
		facts[o.ID].markers = append(facts[o.ID].markers, seed.Names...)
		facts[o.ID].markers = append(facts[o.ID].markers, seed.Domain)
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
		if len(tickets) > 0 {
			name := f.org.Slug + "-walk-attachment.txt"
			content := []byte(name + " from " + f.org.Name) // the walk's positive check looks for the org's name
			f.attachment = store.Attachment{OrgID: id, TicketID: tickets[0].ID, FileName: name, ContentType: "text/plain; charset=utf-8",
				Size: int64(len(content)), SHA256: strings.Repeat("0", 64), Content: content}
			if err := st.AddAttachment(ctx, all, &f.attachment); err != nil {
				t.Fatal(err)
			}
			f.markers = append(f.markers, name)
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
	collectMajors(t, st, facts)
	collectPeople(t, st, facts)
	collectTraining(t, st, facts)
	collectPhishing(t, st, facts)
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
	// Councils' people share names too (two councils may each employ a
	// Grace Okafor), so every person of another org counts as well.
	names := map[int64][]string{}
	for _, u := range users {
		names[u.OrgID] = append(names[u.OrgID], u.Name)
	}
	for id := range facts {
		people, err := st.OrgPeople(ctx, all, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range people {
			names[id] = append(names[id], p.Name)
		}
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
	// Parts with routes of their own name their paths in their own files.
	for _, own := range []func(string, map[int64]*orgFacts) (map[string]int64, bool){
		searchTargets, majorTargets, peopleTargets, policyTargets, trainingTargets, phishingTargets,
	} {
		if out, ok := own(path, facts); ok {
			return out
		}
	}
	out := map[string]int64{}
	switch {
	case strings.Contains(path, "{file}"):
		for id, f := range facts {
			ref := f.refs[0]
			out[strings.NewReplacer("{slug}", f.org.Slug, "{ref}", ref, "{id}", fmt.Sprint(f.attachment.TicketID),
				"{file}", fmt.Sprint(f.attachment.ID)).Replace(path)] = id
		}
	case strings.Contains(path, "{slug}") && strings.Contains(path, "{ref}"):
		for id, f := range facts {
			for _, ref := range f.refs {
				out[strings.NewReplacer("{slug}", f.org.Slug, "{ref}", ref).Replace(path)] = id
			}
		}
	case strings.Contains(path, "{slug}") && strings.Contains(path, "{id}"):
		for id, f := range facts {
			for _, pid := range []string{f.identity.Jo, f.identity.Kim} {
				out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", pid).Replace(path)] = id
			}
		}
	case strings.Contains(path, "/warp/advisories/{id}"):
		for id, f := range facts {
			out[strings.Replace(path, "{id}", fmt.Sprint(f.warp.AdvisoryID), 1)] = id
		}
	case strings.Contains(path, "/warp/communities/{slug}/members/{org}"):
		for id, f := range facts {
			out[strings.NewReplacer("{slug}", webtest.WalkCommunity, "{org}", f.org.Slug).Replace(path)] = id
		}
	case strings.Contains(path, "/warp/communities/{slug}"):
		out[strings.Replace(path, "{slug}", webtest.WalkCommunity, 1)] = 0
	case strings.Contains(path, "/tickets/{ref}"):
		// A whole reference finds its ticket in any org; so does the number.
		for id, f := range facts {
			for _, ref := range f.refs {
				out[strings.Replace(path, "{ref}", ref, 1)] = id
			}
			for _, tid := range f.ticketIDs {
				out[strings.Replace(path, "{ref}", fmt.Sprint(tid), 1)] = id
			}
		}
	case strings.Contains(path, "/tickets/{id}"):
		// Pages name a ticket by reference; old links by number redirect.
		for id, f := range facts {
			for _, tid := range f.ticketIDs {
				out[strings.Replace(path, "{id}", fmt.Sprint(tid), 1)] = id
			}
			for _, ref := range f.refs {
				out[strings.Replace(path, "{id}", ref, 1)] = id
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
	case path == "/tickets" || path == "/tickets.csv" || path == "/warp/sightings":
		// The lists as the homes' figures link to them: near breach reads
		// each org's own deadline, so a mistake would cross orgs there.
		out[path] = 0
		for _, q := range []string{"?breach=soon&sort=due", "?resolved=today", "?resolved=month&sla=met", "?own=1&since=2000-01-01"} {
			if strings.Contains(q, "own=") == (path == "/warp/sightings") {
				out[path+q] = 0
			}
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
			for _, m := range f.warp.Markers {
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

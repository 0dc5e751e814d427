package searchsvc_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A council's people find nothing of another council's, however exactly
// they name it: not its tickets by reference or its start, not its devices
// by serial or user, not its directory objects, not its callers.
func TestSearchNeverCrossesIntoAnotherCouncil(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		ash := w.seed.Tickets["ashcombe"][0]
		jo := w.identity["ashcombe"]
		queries := []string{ash.Ref, ash.Ref[:len(ash.Ref)-1], ash.Title, "ASHCOMBE-SN1", "ashcombe-sn", "ashcombe-lt-2@ashcombe.gov.uk",
			jo.Jo, "ASHCOMBE-PROBE-JO", "ashcombe caller", "Ashcombe"}
		for _, p := range []tenancy.Principal{w.as(tenancy.RoleOfficer, "brentmere"), w.as(tenancy.RoleAnalyst, "brentmere"),
			w.as(tenancy.RoleAgent, "brentmere"), w.as(tenancy.RoleMember, "brentmere")} {
			for _, q := range queries {
				res := w.search(t, p, q)
				for _, g := range res.Groups {
					for _, h := range g.Hits {
						if strings.Contains(h.Org, "Ashcombe") || strings.Contains(strings.ToUpper(h.Title), "ASHCOMBE") ||
							strings.Contains(h.Title, ash.Ref) || strings.Contains(h.Path, "/ashcombe/") {
							t.Errorf("%s of brentmere searching %q found Ashcombe's %s: %+v", p.Role, q, g.Kind, h)
						}
					}
				}
			}
		}
		// The same searches find them inside the scope, so the test would
		// notice a search that found nothing at all.
		officer := w.as(tenancy.RoleOfficer, "ashcombe")
		for _, c := range []struct{ q, kind string }{{ash.Ref, searchsvc.Tickets}, {"ASHCOMBE-SN1", searchsvc.Devices}, {jo.Jo, searchsvc.Directory}} {
			if found, _ := finds(w.search(t, officer, c.q), c.kind, ""); !found {
				t.Errorf("Ashcombe's officer searching %q finds no %s", c.q, c.kind)
			}
		}
	})
}

// WARP items are found only by those their TLP marking lets see them: an
// AMBER+STRICT advisory and its indicator addressed to one org are found
// by that org's member and by no other org's, whatever they type.
func TestSearchKeepsToTheTrafficLightProtocol(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		mark := "walkstrict-ashcombe"
		for _, q := range []string{mark + "-ioc.example", mark + "-ioc[.]example", mark + "-io", "ashcombe-ioc", mark + "-title", mark + "-body"} {
			for _, slug := range []string{"brentmere", "calderwick"} {
				res := w.search(t, w.as(tenancy.RoleMember, slug), q)
				for _, g := range res.Groups {
					for _, h := range g.Hits {
						if strings.Contains(h.Title, mark) {
							t.Errorf("a member of %s searching %q found Ashcombe's AMBER+STRICT %s: %+v", slug, q, g.Kind, h)
						}
					}
				}
			}
			res := w.search(t, w.as(tenancy.RoleMember, "ashcombe"), q)
			if len(hits(res, searchsvc.Indicators))+len(hits(res, searchsvc.Advisories)) == 0 {
				t.Errorf("Ashcombe's member searching %q finds nothing of its own advisory", q)
			}
		}
	})
}

// Every search is written to the audit log: who searched, the query as
// typed, the kinds of record their role let them search and how many
// were found, filed under the council an officer searches.
func TestEverySearchIsAudited(t *testing.T) {
	eachWorld(t, func(t *testing.T, w *world) {
		ash := w.seed.Tickets["ashcombe"][0]
		officer, analyst := w.as(tenancy.RoleOfficer, "ashcombe"), w.as(tenancy.RoleAnalyst, "abc-shared")
		for _, c := range []struct {
			who   tenancy.Principal
			q     string
			kinds string
			org   int64
		}{
			{officer, ash.Ref, "tickets,devices,directory", w.orgs["ashcombe"].ID},
			{analyst, "no such thing anywhere", "tickets,devices,directory,advisories,indicators", w.orgs["abc-shared"].ID},
		} {
			res := w.search(t, c.who, c.q)
			found := 0
			for _, g := range res.Groups {
				found += len(g.Hits)
			}
			got, err := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Search, Actor: c.who.Actor, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"query": c.q, "kinds": c.kinds, "found": strconv.Itoa(found)}
			if len(got) != 1 || got[0].OrgID != c.org || got[0].Detail["query"] != want["query"] ||
				got[0].Detail["kinds"] != want["kinds"] || got[0].Detail["found"] != want["found"] {
				t.Errorf("%s searching %q: audit %+v, want org %d and %v", c.who.Role, c.q, got, c.org, want)
			}
		}
		// A refused search (empty, too long) is not a view and writes nothing.
		before, _ := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Search})
		if _, err := w.svc.Search(ctx, officer, "   "); err == nil {
			t.Error("an empty search was not refused")
		}
		after, _ := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: audit.Search})
		if len(after) != len(before) {
			t.Errorf("a refused search was audited: %d entries, then %d", len(before), len(after))
		}
	})
}

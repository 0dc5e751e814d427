package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// TestViewerFilterIsTheTLPRule stores random shares and asks, for random
// viewers, which items the SQL filter returns: exactly those
// warp.Viewer.Sees allows, for indicators, advisories, sightings and kept
// objects. The SQL and the rule cannot drift apart unnoticed.
func TestViewerFilterIsTheTLPRule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		rng := rand.New(rand.NewPCG(6, 2026))
		var orgs, users []int64
		for i := range 6 {
			o, err := s.CreateOrg(ctx, store.NewOrg{Slug: fmt.Sprintf("org%d", i), Name: fmt.Sprintf("Org %d", i), Kind: tenancy.KindPartner})
			if err != nil {
				t.Fatal(err)
			}
			orgs = append(orgs, o.ID)
			for j := range 2 {
				u, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: o.ID, Email: fmt.Sprintf("u%d-%d@org%d.example", i, j, i), Name: "U", Role: tenancy.RoleMember})
				if err != nil {
					t.Fatal(err)
				}
				users = append(users, u.ID)
			}
		}
		var communities []int64
		for i := range 2 {
			c, err := s.CreateCommunity(ctx, store.Community{Slug: fmt.Sprintf("c%d", i), Name: fmt.Sprintf("C%d", i)})
			if err != nil {
				t.Fatal(err)
			}
			communities = append(communities, c.ID)
		}
		pick := func(ids []int64, n int) []int64 {
			var out []int64
			for range n {
				out = append(out, ids[rng.IntN(len(ids))])
			}
			return slices.Compact(slices.Sorted(slices.Values(out)))
		}
		shares := map[int64]warp.Share{} // by indicator id
		err := s.InTx(ctx, func(ctx context.Context) error {
			for i := range 150 {
				sh := warp.Share{CommunityID: communities[rng.IntN(2)], Marking: warp.Markings[rng.IntN(5)], Audience: warp.ToCommunity,
					AuthorOrgID: orgs[rng.IntN(len(orgs))], Anonymous: rng.IntN(2) == 0}
				if rng.IntN(2) == 0 {
					sh.AuthorUserID = users[rng.IntN(len(users))]
				}
				switch {
				case sh.Marking == warp.Red:
					sh.Audience, sh.People = warp.ToPeople, pick(users, 1+rng.IntN(3))
				case (sh.Marking == warp.Amber || sh.Marking == warp.AmberStrict) && rng.IntN(2) == 0:
					sh.Audience, sh.Orgs = warp.ToOrgs, pick(orgs, 1+rng.IntN(3))
				}
				ref, err := s.CreateShare(ctx, tenancy.ForSystem(tenancy.JobTest), sh)
				if err != nil {
					return err
				}
				a := &store.Advisory{Share: ref, STIXID: fmt.Sprintf("report--%d", i), Title: fmt.Sprintf("A%d", i), Severity: "high"}
				if err := s.CreateAdvisory(ctx, tenancy.ForSystem(tenancy.JobTest), a); err != nil {
					return err
				}
				in := []store.SharedIndicator{{Share: ref, STIXID: fmt.Sprintf("indicator--%d", i), Indicator: warp.Indicator{Type: warp.Domain, Value: fmt.Sprintf("d%d.example", i)},
					ValidFrom: time.Unix(0, 0), Detect: true, Confidence: 50, AdvisoryID: a.ID}}
				if err := s.InsertIndicators(ctx, tenancy.ForSystem(tenancy.JobTest), in); err != nil {
					return err
				}
				shares[in[0].ID] = sh
				if err := s.InsertObjects(ctx, tenancy.ForSystem(tenancy.JobTest), []store.StixObject{{Share: ref, STIXID: fmt.Sprintf("malware--%d", in[0].ID), Type: "malware", Body: "{}"}}); err != nil {
					return err
				}
				sg := []store.Sighting{{STIXID: fmt.Sprintf("sighting--%d", i), IndicatorID: in[0].ID, OrgID: orgs[rng.IntN(len(orgs))], Shared: rng.IntN(3) > 0, Count: 1}}
				if err := s.InsertSightings(ctx, tenancy.ForSystem(tenancy.JobTest), sg); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for range 60 {
			var v warp.Viewer
			org := orgs[rng.IntN(len(orgs))]
			user := users[rng.IntN(len(users))]
			if rng.IntN(4) == 0 {
				user = 0
			}
			v = warp.NewViewer(user, org, pick(communities, rng.IntN(3)), pick(orgs, rng.IntN(3)), pick(communities, rng.IntN(3)))
			var want []int64
			for id, sh := range shares {
				if v.Sees(sh) {
					want = append(want, id)
				}
			}
			slices.Sort(want)
			var got []int64
			list, err := s.Indicators(ctx, v, store.IndicatorFilter{Limit: -1})
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range list {
				got = append(got, in.ID)
				if !v.Sees(in.Share.Share) {
					t.Fatalf("indicator %d read back with a share the viewer may not see: %+v", in.ID, in.Share.Share)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("viewer %+v: SQL gave %d indicators, the rule %d\n got %v\nwant %v", v, len(got), len(want), got, want)
			}
			advisories, err := s.Advisories(ctx, v, store.AdvisoryFilter{Limit: 1000})
			if err != nil || len(advisories) != len(want) {
				t.Fatalf("viewer sees %d advisories (%v), want %d", len(advisories), err, len(want))
			}
			objects, err := s.Objects(ctx, v, store.ObjectFilter{})
			if err != nil || len(objects) != len(want) {
				t.Fatalf("viewer sees %d kept objects (%v), want %d", len(objects), err, len(want))
			}
			sightings, err := s.Sightings(ctx, v, store.SightingFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range sightings {
				if g.OrgID != v.OrgID && !(g.Shared && v.Sees(g.IndicatorShare.Share)) {
					t.Fatalf("sighting %d of org %d reached viewer of org %d", g.ID, g.OrgID, v.OrgID)
				}
			}
		}
		if _, err := s.Indicators(ctx, warp.Viewer{}, store.IndicatorFilter{}); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Fatalf("a read without a viewer gave %v, want ErrUnscoped", err)
		}
	})
}

func TestViewerForCountsGrantsButNotAnAdministratorsReach(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		c, err := s.CreateCommunity(ctx, store.Community{Slug: "south-west", Name: "South West WARP"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetCommunityMember(ctx, tenancy.ForSystem(tenancy.JobTest), c.ID, b.ID, true); err != nil {
			t.Fatal(err)
		}
		analyst := tenancy.Principal{UserID: 7, OrgID: a.ID, Role: tenancy.RoleAnalyst, Scope: tenancy.ScopeOf(a.ID, b.ID)}
		v, err := s.ViewerFor(ctx, analyst)
		if err != nil || len(v.Communities) != 0 || !slices.Equal(v.Acting, []int64{b.ID}) || !slices.Equal(v.ActingCommunities, []int64{c.ID}) {
			t.Fatalf("analyst granted %s: %+v %v", b.Slug, v, err)
		}
		admin := tenancy.Principal{UserID: 8, OrgID: a.ID, Role: tenancy.RoleAdmin, Scope: tenancy.ForSystem(tenancy.JobTest)}
		if v, _ := s.ViewerFor(ctx, admin); len(v.Acting) != 0 || len(v.ActingCommunities) != 0 {
			t.Fatalf("an administrator acts for every org: %+v", v)
		}
		if member, publish, err := s.Membership(ctx, tenancy.ForSystem(tenancy.JobTest), c.ID, b.ID); !member || !publish || err != nil {
			t.Fatalf("membership: %v %v %v", member, publish, err)
		}
		if member, _, _ := s.Membership(ctx, tenancy.ForSystem(tenancy.JobTest), c.ID, a.ID); member {
			t.Fatal("a non-member is a member")
		}
	})
}

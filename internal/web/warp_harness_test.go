package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// walkCommunity is the community the isolation walk puts every org in.
const walkCommunity = "isolation-walk"

// warpWalkSeed is the advisory seedWarpWalk gave an org: TLP:AMBER+STRICT
// to the org itself, so no other org may ever see it, with a marker in its
// title, its body and its one indicator.
type warpWalkSeed struct {
	advisoryID int64
	markers    []string
}

// memberOf acts for an org as a script of the org would: a member role
// scoped to it, with no user (so nothing RED).
func memberOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "cli:test", OrgID: orgID, Role: tenancy.RoleMember, Scope: tenancy.ScopeOf(orgID)}
}

// seedWarpWalk makes a community of every org and, in each org, an
// AMBER+STRICT advisory addressed to the org alone.
func seedWarpWalk(t testing.TB, st *store.Store) map[int64]warpWalkSeed {
	t.Helper()
	ctx := context.Background()
	svc := warpsvc.New(st, desksvc.New(st))
	admin := tenancy.Operator("cli:test")
	if _, err := svc.CreateCommunity(ctx, admin, walkCommunity, "Isolation walk", "Every org, for the route walk"); err != nil {
		t.Fatal(err)
	}
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if err := svc.SetMember(ctx, admin, walkCommunity, o.Slug, true, false); err != nil {
			t.Fatal(err)
		}
	}
	out := map[int64]warpWalkSeed{}
	for _, o := range orgs {
		mark := "walkstrict-" + o.Slug
		a, err := svc.Publish(ctx, memberOf(o.ID), warpsvc.NewAdvisory{
			ShareSpec: warpsvc.ShareSpec{Community: walkCommunity, TLP: "AMBER+STRICT", Orgs: []string{o.Slug}},
			Title:     mark + "-title: for " + o.Slug + " only", Summary: "Seeded for the isolation walk", Severity: "high",
			Body:       "The body names " + mark + "-body.",
			Indicators: []warpsvc.NewIndicator{{Value: mark + "-ioc.example"}}})
		if err != nil {
			t.Fatalf("seed an AMBER+STRICT advisory in %s: %v", o.Slug, err)
		}
		out[o.ID] = warpWalkSeed{advisoryID: a.ID, markers: []string{mark + "-title", mark + "-body", mark + "-ioc"}}
	}
	return out
}

// warpSnapshot is the WARP's state that a change could touch, read as each
// org's scripts see it (everything but RED), for the walk's proof that a
// refused change changed nothing.
func warpSnapshot(t testing.TB, st *store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	cs, err := st.Communities(ctx, tenancy.ForSystem(tenancy.JobTest), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		members, _ := st.CommunityMembers(ctx, c.ID)
		fmt.Fprintf(&b, "c%s:", c.Slug)
		for _, m := range members {
			fmt.Fprintf(&b, "%s/%v,", m.OrgSlug, m.CanPublish)
		}
		b.WriteString("|")
	}
	orgs, _ := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	for _, o := range orgs {
		v, err := st.ViewerForOrg(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		list, err := st.Advisories(ctx, v, store.AdvisoryFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			fmt.Fprintf(&b, "a%d:%d:%d:%d|", a.ID, a.Updates, a.Acks, a.Indicators)
		}
		sg, _ := st.Sightings(ctx, v, store.SightingFilter{OwnOnly: true, Limit: 10000})
		fmt.Fprintf(&b, "o%d:%d sightings|", o.ID, len(sg))
	}
	// The demo's feed holds thousands of indicators: their version, not a
	// read of them all, says whether any changed.
	version, err := st.IndicatorsVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return b.String() + "indicators " + version
}

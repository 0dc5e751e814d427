package webtest

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// WalkCommunity is the community the isolation walk puts every org in.
const WalkCommunity = "isolation-walk"

// WarpWalkSeed is the advisory SeedWarpWalk gave an org: TLP:AMBER+STRICT
// to the org itself, so no other org may ever see it, with a marker in its
// title, its body and its one indicator.
type WarpWalkSeed struct {
	AdvisoryID int64
	Markers    []string
}

// memberOf acts for an org as a script of the org would: a member role
// scoped to it, with no user (so nothing RED).
func memberOf(orgID int64) tenancy.Principal {
	return tenancy.Principal{Actor: "cli:test", OrgID: orgID, Role: tenancy.RoleMember, Scope: tenancy.ScopeOf(orgID)}
}

// SeedWarpWalk makes a community of every org and, in each org, an
// AMBER+STRICT advisory addressed to the org alone.
func SeedWarpWalk(t testing.TB, st *store.Store) map[int64]WarpWalkSeed {
	t.Helper()
	ctx := context.Background()
	svc := services(st).Warp
	admin := tenancy.Operator("cli:test")
	if _, err := svc.CreateCommunity(ctx, admin, WalkCommunity, "Isolation walk", "Every org, for the route walk"); err != nil {
		t.Fatal(err)
	}
	orgs, err := st.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if err := svc.SetMember(ctx, admin, WalkCommunity, o.Slug, true, false); err != nil {
			t.Fatal(err)
		}
	}
	out := map[int64]WarpWalkSeed{}
	for _, o := range orgs {
		mark := "walkstrict-" + o.Slug
		a, err := svc.Publish(ctx, memberOf(o.ID), warpsvc.NewAdvisory{
			ShareSpec: warpsvc.ShareSpec{Community: WalkCommunity, TLP: "AMBER+STRICT", Orgs: []string{o.Slug}},
			Title:     mark + "-title: for " + o.Slug + " only", Summary: "Seeded for the isolation walk", Severity: "high",
			Body:       "The body names " + mark + "-body.",
			Indicators: []warpsvc.NewIndicator{{Value: mark + "-ioc.example"}}})
		if err != nil {
			t.Fatalf("seed an AMBER+STRICT advisory in %s: %v", o.Slug, err)
		}
		out[o.ID] = WarpWalkSeed{AdvisoryID: a.ID, Markers: []string{mark + "-title", mark + "-body", mark + "-ioc"}}
	}
	return out
}

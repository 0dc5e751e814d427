package demo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestSeedMakesAWorkingDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		creds, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams, Scale: 2, Services: app.New(s, app.Options{PasswordParams: auth.FastParams})})
		if err != nil {
			t.Fatal(err)
		}
		checkDemoWarp(t, s)
		checkDemoMajor(t, s)
		checkDemoPeople(t, s)
		checkDemoTraining(t, s)
		orgs, _ := s.Orgs(ctx, tenancy.ForSystem(tenancy.JobTest))
		councils := 0
		for _, o := range orgs {
			if o.Kind == tenancy.KindCouncil {
				councils++
			}
		}
		if councils != 3 || len(orgs) != 6 {
			t.Fatalf("%d orgs, %d councils", len(orgs), councils)
		}
		roles := map[tenancy.Role]bool{}
		for _, c := range creds {
			roles[c.Role] = true
			u, err := s.UserForSignIn(ctx, c.Email)
			if err != nil {
				t.Fatal(err)
			}
			if ok, _ := auth.VerifyPassword(c.Password, u.PasswordHash); !ok {
				t.Errorf("%s: printed password does not sign in", c.Email)
			}
			if c.Role.RequiresTOTP() != (c.TOTPSecret != "") || u.TOTPEnabled != (c.TOTPSecret != "") {
				t.Errorf("%s: TOTP secret printed=%v enabled=%v", c.Email, c.TOTPSecret != "", u.TOTPEnabled)
			}
		}
		for _, r := range tenancy.Roles {
			if !roles[r] {
				t.Errorf("no demo user for role %s", r)
			}
		}
		users, _ := s.Users(ctx, tenancy.ForSystem(tenancy.JobTest))
		if len(users) != len(creds)+150 {
			t.Errorf("scale 2 made %d users, want %d", len(users), len(creds)+150)
		}
		if _, brk, err := s.VerifyAudit(ctx); brk != nil || err != nil {
			t.Fatalf("audit after demo: %v %v", brk, err)
		}
		if _, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams, Services: app.New(s, app.Options{PasswordParams: auth.FastParams})}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("second seed: %v", err)
		}
	})
}

// The demo's posture pages must show three councils at different levels,
// each with a trend, aged findings, fixed ones, tickets and an accepted risk.
func TestDemoPostureDiffersByCouncilAndHasHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams, Services: app.New(s, app.Options{PasswordParams: auth.FastParams})}); err != nil {
			t.Fatal(err)
		}
		svc := posturesvc.New(s, desksvc.New(s))
		list, err := svc.Compare(ctx, tenancy.Operator("test"), 30)
		if err != nil || len(list) != 3 {
			t.Fatalf("compare: %d councils, %v", len(list), err)
		}
		compliance := map[string]float64{}
		for _, o := range list {
			compliance[o.Org] = o.Compliance
			t.Logf("%s: %.1f%% compliant, %d open, %d accepted, trend %v", o.Org, o.Compliance, o.Open, o.Accepted, o.OverallTrend)
			if len(o.OverallTrend) != 5 || o.Open == 0 || o.Accepted != 1 {
				t.Errorf("%s: trend of %d days, %d open, %d accepted; want 5 weekly points, open findings and one accepted", o.Org,
					len(o.OverallTrend), o.Open, o.Accepted)
			}
			if o.OverallTrend[4].Compliance <= o.OverallTrend[0].Compliance {
				t.Errorf("%s: compliance went from %.1f%% to %.1f%%; the demo's desks fix things", o.Org,
					o.OverallTrend[0].Compliance, o.OverallTrend[4].Compliance)
			}
			if o.Ages[2].Count == 0 {
				t.Errorf("%s: no findings a month old: %+v", o.Org, o.Ages)
			}
			resolved, _, _ := s.Findings(ctx, tenancy.ForSystem(tenancy.JobTest), store.FindingFilter{State: finding.Resolved, Limit: 1})
			if len(resolved) == 0 {
				t.Errorf("no resolved findings")
			}
		}
		if !(compliance["ashcombe"] > compliance["calderwick"] && compliance["calderwick"] > compliance["brentmere"]) {
			t.Errorf("compliance %v; want ashcombe above calderwick above brentmere", compliance)
		}
	})
}

package demo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestSeedMakesAWorkingDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		creds, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams, Scale: 2})
		if err != nil {
			t.Fatal(err)
		}
		orgs, _ := s.Orgs(ctx, tenancy.AllOrgs())
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
		users, _ := s.Users(ctx, tenancy.AllOrgs())
		if len(users) != len(creds)+150 {
			t.Errorf("scale 2 made %d users, want %d", len(users), len(creds)+150)
		}
		if _, brk, err := s.VerifyAudit(ctx); brk != nil || err != nil {
			t.Fatalf("audit after demo: %v %v", brk, err)
		}
		if _, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("second seed: %v", err)
		}
	})
}

package accountsvc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Naming an org by slug or a user by e-mail, listing users and tokens, and
// walking the audit log see no further than the caller's scope.
func TestLookupsSeeOnlyTheCallersOrgs(t *testing.T) {
	ctx := context.Background()
	operator := tenancy.Operator("cli:test")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := &accountsvc.Service{Store: s, PasswordParams: auth.FastParams}
		signIn := authsvc.New(s, authsvc.Options{PasswordParams: auth.FastParams})
		ash, err := svc.CreateOrg(ctx, operator, "ashcombe", "Ashcombe", "council", "")
		if err != nil {
			t.Fatal(err)
		}
		brent, err := svc.CreateOrg(ctx, operator, "brentmere", "Brentmere", "council", "")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []accountsvc.NewUser{{Org: ash, Email: "ann@ashcombe.example", Name: "Ann", Role: "officer"},
			{Org: brent, Email: "bob@brentmere.example", Name: "Bob", Role: "officer"}} {
			if _, _, err := svc.CreateUser(ctx, operator, n); err != nil {
				t.Fatal(err)
			}
		}
		officer := tenancy.Principal{Actor: "user:ann@ashcombe.example", OrgID: ash.ID, Role: tenancy.RoleOfficer, Scope: tenancy.ScopeOf(ash.ID)}

		if org, err := svc.OrgBySlug(ctx, officer, "ashcombe"); err != nil || org.ID != ash.ID {
			t.Errorf("Ann finds her own org: %+v, %v", org, err)
		}
		if _, err := svc.OrgBySlug(ctx, officer, "brentmere"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Ann named Brentmere: %v; want not found", err)
		}
		if orgs, err := svc.Orgs(ctx, officer); err != nil || len(orgs) != 1 || orgs[0].Slug != "ashcombe" {
			t.Errorf("Ann lists orgs %+v, %v", orgs, err)
		}
		if orgs, err := svc.Orgs(ctx, operator); err != nil || len(orgs) != 2 {
			t.Errorf("the operator lists orgs %+v, %v", orgs, err)
		}
		if users, err := svc.Users(ctx, officer, 0); err != nil || len(users) != 1 || users[0].Email != "ann@ashcombe.example" {
			t.Errorf("Ann lists users %+v, %v", users, err)
		}
		if users, err := svc.Users(ctx, officer, brent.ID); len(users) != 0 || (err != nil && !fault.Is(err, fault.KindForbidden)) {
			t.Errorf("Ann listed Brentmere's users: %+v, %v", users, err)
		}
		if users, err := svc.Users(ctx, operator, brent.ID); err != nil || len(users) != 1 || users[0].Email != "bob@brentmere.example" {
			t.Errorf("the operator lists Brentmere's users %+v, %v", users, err)
		}
		if _, err := svc.UserByEmail(ctx, officer, "bob@brentmere.example"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Ann found Bob: %v; want not found", err)
		}
		if u, err := svc.UserByEmail(ctx, operator, "BOB@brentmere.example"); err != nil || u.Name != "Bob" {
			t.Errorf("the operator finds Bob: %+v, %v", u, err)
		}

		if _, err := svc.Tokens(ctx, officer); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer listed API tokens: %v", err)
		}
		short, _, err := signIn.CreateToken(ctx, operator, authsvc.NewToken{Org: ash.Slug, Role: "officer", Name: "short", Expires: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		long, _, err := signIn.CreateToken(ctx, operator, authsvc.NewToken{Org: ash.Slug, Role: "officer", Name: "long", Expires: 30 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		gone, _, err := signIn.CreateToken(ctx, operator, authsvc.NewToken{Org: brent.Slug, Role: "officer", Name: "gone"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := signIn.RevokeToken(ctx, operator, gone.ID); err != nil {
			t.Fatal(err)
		}
		later := s.Now().Add(2 * time.Hour)
		s.SetClock(func() time.Time { return later })
		tokens, err := svc.Tokens(ctx, operator)
		status := map[int64]string{}
		for _, tk := range tokens {
			status[tk.ID] = svc.TokenStatus(tk)
		}
		if want := map[int64]string{short.ID: "expired", long.ID: "active", gone.ID: "revoked"}; err != nil || len(status) != 3 ||
			status[short.ID] != want[short.ID] || status[long.ID] != want[long.ID] || status[gone.ID] != want[gone.ID] {
			t.Errorf("token statuses %v, %v; want %v", status, err, want)
		}

		// The audit chain spans every org: an administrator of fewer may not walk it.
		narrowAdmin := tenancy.Principal{Actor: "user:admin@test", Role: tenancy.RoleAdmin, Scope: tenancy.ScopeOf(ash.ID)}
		if _, _, err := svc.VerifyAudit(ctx, narrowAdmin); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an administrator of one org walked the whole audit log: %v", err)
		}
		if n, brk, err := svc.VerifyAudit(ctx, operator); err != nil || brk != nil || n != 8 {
			t.Errorf("the operator verifies %d entries, break %v, %v; want the 8 changes above", n, brk, err)
		}
	})
}

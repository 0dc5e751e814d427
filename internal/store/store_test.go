package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

// twoCouncils seeds two councils, each with a site, a team and a user.
func twoCouncils(t *testing.T, s *store.Store) (a, b store.Org) {
	t.Helper()
	for i, slug := range []string{"ashcombe", "brentmere"} {
		o, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:] + " Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateSite(ctx, tenancy.ForSystem(tenancy.JobTest), o.ID, slug+" town hall", "1 High Street"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateTeam(ctx, tenancy.ForSystem(tenancy.JobTest), o.ID, slug+" revenues"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: o.ID, Email: fmt.Sprintf("Officer@%s.example", slug), Name: "Officer " + slug, Role: tenancy.RoleOfficer}); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			a = o
		} else {
			b = o
		}
	}
	return a, b
}

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		applied, err := s.Migrate(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %v", applied)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v < 2 {
			t.Fatalf("schema version = %d, %v", v, err)
		}
	})
}

func TestOrgSlugIsUnique(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		twoCouncils(t, s)
		_, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Another", Kind: tenancy.KindPartner})
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate slug: err = %v, want ErrConflict", err)
		}
	})
}

func TestUnscopedReadsAreRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		twoCouncils(t, s)
		var zero tenancy.Scope
		if _, err := s.Orgs(ctx, zero); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("Orgs: %v", err)
		}
		if _, err := s.Users(ctx, zero); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("Users: %v", err)
		}
		if _, err := s.Sites(ctx, zero); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("Sites: %v", err)
		}
		if _, err := s.OrgBySlug(ctx, zero, "ashcombe"); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("OrgBySlug: %v", err)
		}
		if _, err := s.AuditEntries(ctx, zero, store.AuditQuery{}); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("AuditEntries: %v", err)
		}
	})
}

func TestScopeKeepsOrgsApart(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		scopeA := tenancy.ScopeOf(a.ID)
		orgs, _ := s.Orgs(ctx, scopeA)
		if len(orgs) != 1 || orgs[0].Slug != "ashcombe" {
			t.Fatalf("orgs in A's scope = %+v", orgs)
		}
		if _, err := s.OrgBySlug(ctx, scopeA, "brentmere"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("B looked up in A's scope: %v", err)
		}
		users, _ := s.Users(ctx, scopeA)
		if len(users) != 1 || users[0].Email != "officer@ashcombe.example" {
			t.Fatalf("users in A's scope = %+v", users)
		}
		sites, _ := s.Sites(ctx, scopeA)
		teams, _ := s.Teams(ctx, scopeA)
		if len(sites) != 1 || sites[0].OrgID != a.ID || len(teams) != 1 || teams[0].OrgID != a.ID {
			t.Fatalf("sites %+v teams %+v", sites, teams)
		}
		bUser, _ := s.UserForSignIn(ctx, "officer@brentmere.example")
		if _, err := s.User(ctx, scopeA, bUser.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("B's user by id in A's scope: %v", err)
		}
		if none, _ := s.Users(ctx, tenancy.ScopeOf()); len(none) != 0 {
			t.Fatalf("empty scope saw %d users", len(none))
		}
		all, _ := s.Users(ctx, tenancy.ForSystem(tenancy.JobTest))
		if len(all) != 2 {
			t.Fatalf("all-orgs scope saw %d users", len(all))
		}
		_ = b
	})
}

func TestGrantsWidenScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		shared, _ := s.CreateOrg(ctx, store.NewOrg{Slug: "shared", Name: "Shared Service", Kind: tenancy.KindSharedService})
		agent, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: shared.ID, Email: "agent@shared.example", Name: "Agent", Role: tenancy.RoleAgent})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.GrantOrg(ctx, tenancy.ForSystem(tenancy.JobTest), agent.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.GrantOrg(ctx, tenancy.ForSystem(tenancy.JobTest), agent.ID, a.ID); err != nil {
			t.Fatalf("granting twice: %v", err)
		}
		scope, _ := s.ScopeFor(ctx, agent.Role, agent.OrgID, agent.ID)
		if !scope.Allows(a.ID) || !scope.Allows(shared.ID) || scope.Allows(b.ID) {
			t.Fatalf("agent scope = %v", scope.OrgIDs())
		}
		admin, _ := s.ScopeFor(ctx, tenancy.RoleAdmin, shared.ID, 0)
		if !admin.All() {
			t.Fatal("admin scope is not every org")
		}
	})
}

func TestUserSecretsAndLockout(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		u, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: a.ID, Email: " Mixed@Case.Example ", Name: "M", Role: tenancy.RoleOfficer, PasswordHash: "h1"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UserForSignIn(ctx, "MIXED@case.example")
		if err != nil || got.ID != u.ID || got.PasswordHash != "h1" {
			t.Fatalf("lookup by email: %+v %v", got, err)
		}
		if _, err := s.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: a.ID, Email: "mixed@case.example", Name: "dup", Role: tenancy.RoleOfficer}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate email: %v", err)
		}
		// Failures are kept by name, for a user's name as for one nobody has.
		until := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
		lockAtThree := func(f store.SignInFailures) time.Time {
			if f.Failures == 3 {
				return until
			}
			return f.LockedUntil
		}
		for _, name := range []string{"mixed@case.example", "nobody@case.example"} {
			for i := 1; i <= 4; i++ {
				f, err := s.RecordSignInFailure(ctx, name, lockAtThree)
				if want := min(i, 3); err != nil || f.Failures != want {
					t.Fatalf("%s: failure %d counted as %d, want %d (%v)", name, i, f.Failures, want, err)
				}
			}
			if f, err := s.SignInFailuresFor(ctx, strings.ToUpper(name)); err != nil || !f.LockedUntil.Equal(until) || f.Failures != 3 {
				t.Fatalf("%s: locked until %v after %d failures (%v); the attempt while locked must not count", name, f.LockedUntil, f.Failures, err)
			}
		}
		_ = s.ClearSignInFailures(ctx, "mixed@case.example")
		if f, _ := s.SignInFailuresFor(ctx, "mixed@case.example"); !f.LockedUntil.IsZero() || f.Failures != 0 {
			t.Fatalf("clearing left lock %v failures %d", f.LockedUntil, f.Failures)
		}
		// Setting the password ends a lock too.
		_, _ = s.RecordSignInFailure(ctx, "mixed@case.example", func(store.SignInFailures) time.Time { return until })
		if err := s.SetPasswordHash(ctx, u.ID, "h2"); err != nil {
			t.Fatal(err)
		}
		if f, _ := s.SignInFailuresFor(ctx, "mixed@case.example"); !f.LockedUntil.IsZero() || f.Failures != 0 {
			t.Fatalf("a new password left lock %v failures %d", f.LockedUntil, f.Failures)
		}
		// A quiet name is pruned; a locked one stays until its lock ends.
		if n, err := s.PruneSignInFailures(ctx, s.Now().Add(time.Minute)); err != nil || n != 0 {
			t.Fatalf("pruned %d records (%v) while the only one left is locked", n, err)
		}
	})
}

func TestTOTPStepsAndRecoveryCodesAreSingleUse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		u, _ := s.UserForSignIn(ctx, "officer@ashcombe.example")
		_ = s.SetTOTP(ctx, u.ID, "SECRET", true)
		if ok, _ := s.UseTOTPStep(ctx, u.ID, 100); !ok {
			t.Fatal("first use of step 100 refused")
		}
		if ok, _ := s.UseTOTPStep(ctx, u.ID, 100); ok {
			t.Fatal("step 100 replayed")
		}
		if ok, _ := s.UseTOTPStep(ctx, u.ID, 99); ok {
			t.Fatal("older step 99 accepted")
		}
		_ = s.ReplaceRecoveryCodes(ctx, u.ID, []string{"c1", "c2"})
		if ok, _ := s.UseRecoveryCode(ctx, u.ID, "c1"); !ok {
			t.Fatal("recovery code refused")
		}
		if ok, _ := s.UseRecoveryCode(ctx, u.ID, "c1"); ok {
			t.Fatal("recovery code used twice")
		}
		if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != 1 {
			t.Fatalf("codes left = %d", n)
		}
		_ = s.CreateSession(ctx, store.Session{TokenHash: "t", UserID: u.ID, Stage: store.StageFull, CreatedAt: s.Now(), LastSeenAt: s.Now(), ExpiresAt: s.Now().Add(time.Hour)})
		if err := s.ResetTOTP(ctx, tenancy.ForSystem(tenancy.JobTest), u.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.UserForSession(ctx, u.ID)
		if got.TOTPEnabled || got.TOTPSecret != "" {
			t.Fatal("reset left TOTP in place")
		}
		if n, _ := s.RecoveryCodesLeft(ctx, u.ID); n != 0 {
			t.Fatal("reset left recovery codes")
		}
		if _, err := s.Session(ctx, "t"); !errors.Is(err, store.ErrNotFound) {
			t.Fatal("reset left the user signed in")
		}
		_ = a
	})
}

func TestSessionsReplaceAndExpire(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		u, _ := s.UserForSignIn(ctx, "officer@ashcombe.example")
		now := s.Now()
		sess := store.Session{TokenHash: "one", UserID: u.ID, Stage: store.StagePassword, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(12 * time.Hour), IP: "127.0.0.1"}
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		next := sess
		next.TokenHash, next.Stage, next.ActiveOrgID = "two", store.StageFull, a.ID
		if err := s.ReplaceSession(ctx, "one", next); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, "one"); !errors.Is(err, store.ErrNotFound) {
			t.Fatal("old token still valid after replace")
		}
		got, err := s.Session(ctx, "two")
		if err != nil || got.Stage != store.StageFull || got.ActiveOrgID != a.ID || !got.ExpiresAt.Equal(sess.ExpiresAt) {
			t.Fatalf("replaced session = %+v, %v", got, err)
		}
		n, _ := s.DeleteExpiredSessions(ctx, now.Add(10*time.Minute), 30*time.Minute)
		if n != 0 {
			t.Fatal("live session swept")
		}
		n, _ = s.DeleteExpiredSessions(ctx, now.Add(31*time.Minute), 30*time.Minute)
		if n != 1 {
			t.Fatalf("idle session not swept (%d)", n)
		}
	})
}

func TestAPITokensRevokeInScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tok, err := s.CreateAPIToken(ctx, tenancy.ForSystem(tenancy.JobTest), store.APIToken{OrgID: b.ID, Role: tenancy.RoleOfficer, Name: "sync", Prefix: "ward_abcdefg", TokenHash: "hash", CreatedBy: "cli:root", ExpiresAt: s.Now().Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RevokeAPIToken(ctx, tenancy.ScopeOf(a.ID), tok.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoked another org's token: %v", err)
		}
		got, _ := s.APITokenForAuth(ctx, "hash")
		if !got.Active(s.Now()) {
			t.Fatal("token inactive after refused revoke")
		}
		if _, err := s.RevokeAPIToken(ctx, tenancy.ScopeOf(b.ID), tok.ID); err != nil {
			t.Fatal(err)
		}
		got, _ = s.APITokenForAuth(ctx, "hash")
		if got.Active(s.Now()) {
			t.Fatal("revoked token still active")
		}
		if list, _ := s.APITokens(ctx, tenancy.ScopeOf(a.ID)); len(list) != 0 {
			t.Fatal("A sees B's tokens")
		}
	})
}

func TestAuditChainDetectsTampering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		for i := 0; i < 5; i++ {
			org := a.ID
			if i%2 == 1 {
				org = b.ID
			}
			if _, err := s.Audit(ctx, audit.Entry{Actor: "user:x@y", OrgID: org, Action: audit.SignIn, Target: fmt.Sprint("user:", i), Detail: map[string]string{"i": fmt.Sprint(i)}}); err != nil {
				t.Fatal(err)
			}
		}
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 5 {
			t.Fatalf("fresh chain: n=%d break=%v err=%v", n, brk, err)
		}
		onlyA, _ := s.AuditEntries(ctx, tenancy.ScopeOf(a.ID), store.AuditQuery{})
		if len(onlyA) != 3 {
			t.Fatalf("A's scope sees %d entries, want 3", len(onlyA))
		}
		// Ordinary SQL cannot edit the log…
		if _, err := s.DB().Exec(s.Rebind(`UPDATE audit_log SET actor = ? WHERE seq = 3`), "user:mallory"); err == nil {
			t.Fatal("audit entry edited through SQL")
		}
		// …and someone who removes the guard is caught by the chain.
		dropGuard(t, s)
		if _, err := s.DB().Exec(s.Rebind(`UPDATE audit_log SET actor = ? WHERE seq = 3`), "user:mallory"); err != nil {
			t.Fatal(err)
		}
		_, brk, err = s.VerifyAudit(ctx)
		if err != nil || brk == nil || brk.Seq != 3 {
			t.Fatalf("edited chain: break=%v err=%v", brk, err)
		}
	})
}

func dropGuard(t *testing.T, s *store.Store) {
	t.Helper()
	stmts := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
	if s.Dialect() == store.Postgres {
		stmts = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
	}
	for _, q := range stmts {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAuditChainHoldsUnderConcurrentWriters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 80)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 10; i++ {
					if _, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", Action: audit.View, Target: fmt.Sprint(w, "/", i)}); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil || brk != nil || n != 80 {
			t.Fatalf("n=%d break=%v err=%v", n, brk, err)
		}
	})
}

func TestTransactionsTravelInTheContext(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		refused := errors.New("refused")
		err := s.InTx(ctx, func(ctx context.Context) error {
			org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "halfway", Name: "Halfway", Kind: tenancy.KindPartner})
			if err != nil {
				return err
			}
			// A method that opens its own transaction joins this one instead.
			if _, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", OrgID: org.ID, Action: audit.OrgCreate, Target: "org:halfway"}); err != nil {
				return err
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("InTx returned %v", err)
		}
		if n, _ := s.CountOrgs(ctx); n != 0 {
			t.Fatal("the org of a rolled-back transaction was kept")
		}
		if n, brk, err := s.VerifyAudit(ctx); n != 0 || brk != nil || err != nil {
			t.Fatalf("the audit entry of a rolled-back transaction was kept: n=%d %v %v", n, brk, err)
		}
	})
}

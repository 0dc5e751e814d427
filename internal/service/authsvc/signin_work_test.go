package authsvc_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/web/webtest"
)

// work is what one refused attempt cost that a prober could time: password
// checks, tables written, and audit entries added.
type work struct {
	checks  int64
	tables  []string
	audited int
}

func (w work) String() string {
	return fmt.Sprintf("%d password checks, writes to %v, %d audit entries", w.checks, w.tables, w.audited)
}

// An unknown name, a wrong password, a locked account and a disabled one do
// the same work: one password check, a write to the same tables (the name's
// failure record, never the user's own row) and one audit entry; and they
// are refused alike, the lock included: an unknown name is locked after as
// many refusals as a real one.
func TestRefusalsDoTheSameWorkWhetherOrNotTheAccountExists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		cat := w.user(t, "cat@ashcombe.example", tenancy.RoleOfficer, "")
		if err := st.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), cat.ID, true); err != nil {
			t.Fatal(err)
		}
		changes := webtest.WatchChanges(t, st)
		allAudit := func() int {
			entries, err := st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Limit: 10000})
			if err != nil {
				t.Fatal(err)
			}
			return len(entries)
		}
		attempt := func(email, pw string) (*authsvc.Refused, work) {
			t.Helper()
			checks, mark, audited := w.svc.Verifies(), changes.Mark(t), allAudit()
			r := refusal(t, signInErr(w, email, pw))
			return r, work{w.svc.Verifies() - checks, changes.Since(t, mark), allAudit() - audited}
		}
		want := work{checks: 1, tables: []string{"signin_failures"}, audited: 1}
		// The lock-out threshold is 3: each name is refused three times (the
		// third locks it), then tried with the right password while locked.
		for _, c := range []struct{ what, email, pw string }{
			{"unknown name", "nobody@ashcombe.example", password},
			{"wrong password", ann.Email, "wrong"},
			{"disabled account", cat.Email, password},
		} {
			for i := 1; i <= 4; i++ {
				pw := c.pw
				if i == 4 {
					pw = password // the right one, while locked
				}
				r, got := attempt(c.email, pw)
				if got.String() != want.String() {
					t.Errorf("%s, attempt %d: %s; want %s", c.what, i, got, want)
				}
				if locked := i == 4; r.Locked() != locked {
					t.Errorf("%s, attempt %d: refused %+v, locked %v, want %v", c.what, i, r, r.Locked(), locked)
				}
				if i == 4 && !r.LockedUntil.Equal(w.now.Add(time.Minute)) {
					t.Errorf("%s: locked until %s, want a minute from now", c.what, r.LockedUntil)
				}
			}
		}
		if n := len(w.audited(t, audit.SignInLocked)); n != 3 {
			t.Errorf("audit has %d locked sign-ins, want one for each name", n)
		}
		// Each name's lock ends alike; then the right password works.
		w.now = w.now.Add(time.Minute)
		if _, err := w.svc.SignIn(ctx, ann.Email, password, "192.0.2.1"); err != nil {
			t.Fatalf("right password after the lock: %v", err)
		}
	})
}

// Wrong codes are paced like wrong passwords: after the account's free
// failures the next code waits, even the right one, and is not looked at.
// Lock-out and back-off are told in the same words as for passwords.
func TestSecondFactorIsPacedLikeThePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.svc = authsvc.New(st, authsvc.Options{PasswordParams: auth.FastParams,
			Lockout:  auth.Lockout{Threshold: 100, Base: time.Minute, Max: time.Hour},
			Throttle: authsvc.Throttle{AddressFailures: 100, AccountFailures: 3, Backoff: time.Minute, MaxBackoff: 4 * time.Minute}})
		secret, _, err := auth.NewTOTPSecret("ward", "bob@ashcombe.example")
		if err != nil {
			t.Fatal(err)
		}
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleAgent, secret)
		for i, ip := range []string{"192.0.2.10", "192.0.2.11", "192.0.2.12"} {
			if _, err := w.svc.VerifySecondFactor(ctx, bob, "000000", ip); refusal(t, err).Outcome != "2fa-failed" {
				t.Fatalf("wrong code %d: %v", i+1, err)
			}
		}
		code, _ := auth.TOTPCode(secret, w.now)
		failedBefore := len(w.audited(t, audit.TwoFactorFailed))
		_, err = w.svc.VerifySecondFactor(ctx, bob, code, "192.0.2.13")
		if th := throttled(t, err); th.RetryAfter != time.Minute {
			t.Errorf("after 3 wrong codes the right one waits %s, want 1m", th.RetryAfter)
		}
		if got := w.reload(t, bob); got.TOTPLastStep != 0 {
			t.Error("a throttled code was spent")
		}
		if n := len(w.audited(t, audit.TwoFactorFailed)); n != failedBefore {
			t.Error("a throttled code was checked and audited")
		}
		// A right password does not clear the codes' count.
		if _, err := w.svc.SignIn(ctx, bob.Email, password, "192.0.2.14"); err != nil {
			t.Fatal(err)
		}
		throttled(t, second2(w, bob, code, "192.0.2.14"))
		// Once the wait is over the right code goes through, and clears it.
		w.now = w.now.Add(time.Minute)
		code, _ = auth.TOTPCode(secret, w.now)
		if _, err := w.svc.VerifySecondFactor(ctx, w.reload(t, bob), code, "192.0.2.15"); err != nil {
			t.Fatalf("the right code after the wait: %v", err)
		}
		refusal(t, second2(w, bob, "111111", "192.0.2.15"))

		// Wrong codes lock the account as wrong passwords do, and the
		// locked answer is the password's.
		w.svc = authsvc.New(st, authsvc.Options{PasswordParams: auth.FastParams,
			Lockout: auth.Lockout{Threshold: 3, Base: time.Minute, Max: time.Hour}})
		for range 2 {
			refusal(t, second2(w, bob, "222222", "192.0.2.16"))
		}
		codeLocked := refusal(t, second2(w, bob, code, "192.0.2.16"))
		passwordLocked := refusal(t, signInErr(w, bob.Email, password))
		if !codeLocked.Locked() || codeLocked.Outcome != "locked" || *codeLocked != *passwordLocked {
			t.Errorf("locked: the code step says %+v, the password step %+v; want the same lock", codeLocked, passwordLocked)
		}
	})
}

func second2(w *world, u store.User, code, ip string) error {
	_, err := w.svc.VerifySecondFactor(ctx, u, code, ip)
	return err
}

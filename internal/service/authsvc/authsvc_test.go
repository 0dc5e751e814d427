package authsvc_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var ctx = context.Background()

const password = "correct horse battery staple"

// world is one council with its users, a service over the store, and a
// clock the test moves by hand.
type world struct {
	st  *store.Store
	svc *authsvc.Service
	org store.Org
	now time.Time
}

func newWorld(t *testing.T, st *store.Store) *world {
	t.Helper()
	w := &world{st: st, now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	st.SetClock(func() time.Time { return w.now })
	w.svc = authsvc.New(st, authsvc.Options{PasswordParams: auth.FastParams,
		Lockout: auth.Lockout{Threshold: 3, Base: time.Minute, Max: time.Hour}})
	var err error
	if w.org, err = st.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Borough Council", Kind: tenancy.KindCouncil}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *world) user(t *testing.T, email string, role tenancy.Role, totpSecret string) store.User {
	t.Helper()
	hash, err := auth.HashPassword(password, auth.FastParams)
	if err != nil {
		t.Fatal(err)
	}
	u, err := w.st.CreateUser(ctx, tenancy.ForSystem(tenancy.JobTest), store.NewUser{OrgID: w.org.ID, Email: email, Name: email, Role: role, PasswordHash: hash,
		TOTPSecret: totpSecret, TOTPEnabled: totpSecret != ""})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// reload reads the user as the next request would see them.
func (w *world) reload(t *testing.T, u store.User) store.User {
	t.Helper()
	u, err := w.st.UserForSignIn(ctx, u.Email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// audited lists the audit log's entries of one action, oldest first.
func (w *world) audited(t *testing.T, action string) []audit.Entry {
	t.Helper()
	entries, err := w.st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{Action: action, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(entries)-1; i < j; i, j = i+1, j-1 {
		entries[i], entries[j] = entries[j], entries[i]
	}
	return entries
}

func refusal(t *testing.T, err error) *authsvc.Refused {
	t.Helper()
	var r *authsvc.Refused
	if !errors.As(err, &r) {
		t.Fatalf("want a refusal, got %v", err)
	}
	return r
}

func TestSignInAcceptsTheRightPasswordOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")

		u, err := w.svc.SignIn(ctx, "  Ann@Ashcombe.example ", password, "192.0.2.1")
		if err != nil || u.ID != ann.ID {
			t.Fatalf("right password: got user %d, %v; want user %d", u.ID, err, ann.ID)
		}
		if got := refusal(t, signInErr(w, "ann@ashcombe.example", "wrong")); got.Outcome != "failed" || got.Locked() {
			t.Errorf("wrong password: got %+v, want failed and not locked", got)
		}
		if got := refusal(t, signInErr(w, "nobody@ashcombe.example", password)); got.Outcome != "unknown" || got.Locked() {
			t.Errorf("unknown email: got %+v, want unknown and not locked", got)
		}
		if err := w.st.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), ann.ID, true); err != nil {
			t.Fatal(err)
		}
		if got := refusal(t, signInErr(w, "ann@ashcombe.example", password)); got.Outcome != "failed" {
			t.Errorf("disabled account, right password: got %+v, want failed like a wrong password", got)
		}

		failed := w.audited(t, audit.SignInFailed)
		want := []struct{ target, reason string }{
			{"user:ann@ashcombe.example", "wrong password"},
			{"user:nobody@ashcombe.example", "unknown email"},
			{"user:ann@ashcombe.example", "account disabled"},
		}
		if len(failed) != len(want) {
			t.Fatalf("audit has %d failed sign-ins, want %d: %+v", len(failed), len(want), failed)
		}
		for i, e := range failed {
			if e.Target != want[i].target || e.Detail["reason"] != want[i].reason || e.IP != "192.0.2.1" {
				t.Errorf("failed sign-in %d audited as %s %v from %s, want %s %s from 192.0.2.1", i, e.Target, e.Detail, e.IP, want[i].target, want[i].reason)
			}
		}
	})
}

func signInErr(w *world, email, pw string) error {
	_, err := w.svc.SignIn(ctx, email, pw, "192.0.2.1")
	return err
}

func TestLockOutAndTheEqualAnswerForUnknownAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")

		// Below the threshold a wrong password and an unknown email get the
		// same answer, however often an unknown email is tried.
		known := refusal(t, signInErr(w, "ann@ashcombe.example", "wrong"))
		for range 3 { // as often as would lock a known account
			unknown := refusal(t, signInErr(w, "nobody@ashcombe.example", "wrong"))
			if unknown.Locked() != known.Locked() || !unknown.LockedUntil.Equal(known.LockedUntil) {
				t.Fatalf("unknown email answered %+v, a known one %+v: the answers tell them apart", unknown, known)
			}
		}
		_ = signInErr(w, "ann@ashcombe.example", "wrong")
		third := refusal(t, signInErr(w, "ann@ashcombe.example", "wrong"))
		if third.Locked() {
			t.Fatalf("the failure that locks is answered %+v; it should read as a wrong password", third)
		}
		// Now locked: even the right password is refused, until the lock ends.
		locked := refusal(t, signInErr(w, "ann@ashcombe.example", password))
		if !locked.Locked() || locked.Outcome != "locked" || !locked.LockedUntil.Equal(w.now.Add(time.Minute)) {
			t.Fatalf("right password while locked: got %+v, want locked until %s", locked, w.now.Add(time.Minute))
		}
		if n := len(w.audited(t, audit.SignInLocked)); n != 1 {
			t.Errorf("audit has %d locked sign-ins, want 1", n)
		}
		w.now = w.now.Add(time.Minute)
		u, err := w.svc.SignIn(ctx, "ann@ashcombe.example", password, "192.0.2.1")
		if err != nil {
			t.Fatalf("right password after the lock ended: %v", err)
		}
		// A completed sign-in clears the count: three more failures lock again, not one.
		if _, _, err := w.svc.StartSession(ctx, authsvc.NewSession{User: u, Stage: authsvc.StageFull, SignIn: "password"}); err != nil {
			t.Fatal(err)
		}
		if f, err := w.st.SignInFailuresFor(ctx, u.Email); err != nil || f.Failures != 0 {
			t.Errorf("after signing in the user has %d failed attempts on record (%v), want 0", f.Failures, err)
		}
		if refusal(t, signInErr(w, "ann@ashcombe.example", "wrong")).Locked() {
			t.Error("one failure after a good sign-in locked the account")
		}
	})
}

func TestTOTPStepCannotBeReplayed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		secret, _, err := auth.NewTOTPSecret("ward", "bob@ashcombe.example")
		if err != nil {
			t.Fatal(err)
		}
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleAgent, secret)
		code, err := auth.TOTPCode(secret, w.now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := w.svc.VerifySecondFactor(ctx, bob, code, "192.0.2.1")
		if err != nil || got.Method != "totp" {
			t.Fatalf("current code: got %+v, %v", got, err)
		}
		// The same code again: from the user as the first request saw them
		// (as a racing request would), and as read afresh.
		for _, u := range []store.User{bob, w.reload(t, bob)} {
			if r := refusal(t, second(w, u, code)); r.Outcome != "2fa-failed" {
				t.Errorf("replayed code: got %+v, want 2fa-failed", r)
			}
		}
		if n := len(w.audited(t, audit.TwoFactorFailed)); n != 2 {
			t.Errorf("audit has %d failed second factors, want 2", n)
		}
		// The next step's code is good.
		w.now = w.now.Add(30 * time.Second)
		next, _ := auth.TOTPCode(secret, w.now)
		if _, err := w.svc.VerifySecondFactor(ctx, w.reload(t, bob), next, "192.0.2.1"); err != nil {
			t.Errorf("next step's code refused: %v", err)
		}
		if _, err := w.svc.VerifySecondFactor(ctx, bob, " ", "192.0.2.1"); !errors.Is(err, authsvc.ErrNoCode) {
			t.Errorf("empty code: got %v, want ErrNoCode", err)
		}
	})
}

func second(w *world, u store.User, code string) error {
	_, err := w.svc.VerifySecondFactor(ctx, u, code, "192.0.2.1")
	return err
}

func TestRecoveryCodeWorksOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		secret, _, _ := auth.NewTOTPSecret("ward", "bob@ashcombe.example")
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleAgent, secret)
		codes, err := w.svc.IssueRecoveryCodes(ctx, bob)
		if err != nil || len(codes) != 10 {
			t.Fatalf("issued %d codes, %v; want 10", len(codes), err)
		}
		got, err := w.svc.VerifySecondFactor(ctx, bob, codes[3], "192.0.2.1")
		if err != nil || got.Method != "recovery-code" || got.RecoveryLeft != 9 {
			t.Fatalf("first use: got %+v, %v; want recovery-code with 9 left", got, err)
		}
		if r := refusal(t, second(w, bob, codes[3])); r.Outcome != "2fa-failed" {
			t.Errorf("second use: got %+v, want 2fa-failed", r)
		}
		if left, _ := w.svc.RecoveryCodesLeft(ctx, bob); left != 9 {
			t.Errorf("%d codes left after one use, want 9", left)
		}
		used := w.audited(t, audit.RecoveryUsed)
		if len(used) != 1 || used[0].Detail["left"] != "9" {
			t.Errorf("recovery use audited as %+v, want one entry with 9 left", used)
		}
		// A new set voids the old one.
		if _, err := w.svc.IssueRecoveryCodes(ctx, bob); err != nil {
			t.Fatal(err)
		}
		if refusal(t, second(w, bob, codes[4])) == nil {
			t.Error("a code of the old set still works")
		}
	})
}

func TestSessionsRotateAndEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleAgent, "")
		pending, sess, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StagePassword, IP: "192.0.2.1", UserAgent: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if !sess.ExpiresAt.Equal(w.now.Add(10 * time.Minute)) {
			t.Errorf("a half-finished sign-in lasts until %s, want ten minutes", sess.ExpiresAt)
		}
		// Stepping up replaces the token: the old one no longer works.
		full, sess, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StageFull, Previous: pending, SignIn: "password+totp"})
		if err != nil || full == pending {
			t.Fatalf("step up gave token %q (old %q), %v", full, pending, err)
		}
		if _, _, err := w.svc.Session(ctx, pending); !errors.Is(err, authsvc.ErrNoSession) {
			t.Errorf("the token from before the step up: got %v, want ErrNoSession", err)
		}
		got, u, err := w.svc.Session(ctx, full)
		if err != nil || got.Stage != authsvc.StageFull || u.ID != bob.ID {
			t.Fatalf("new token: got stage %q user %d, %v", got.Stage, u.ID, err)
		}
		if signins := w.audited(t, audit.SignIn); len(signins) != 1 || signins[0].Detail["method"] != "password+totp" {
			t.Errorf("sign-in audited as %+v, want one with method password+totp", signins)
		}

		// Acting for an org outside what the user sees is refused.
		other, err := st.CreateOrg(ctx, store.NewOrg{Slug: "brookfield", Name: "Brookfield", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.svc.SetActingOrg(ctx, sess, u, other, ""); !errors.Is(err, authsvc.ErrNotYours) {
			t.Errorf("acting for another council: got %v, want ErrNotYours", err)
		}
		if err := w.svc.SetActingOrg(ctx, sess, u, w.org, ""); err != nil {
			t.Fatal(err)
		}
		sess, _, _ = w.svc.Session(ctx, full)
		c, err := w.svc.Caller(ctx, sess, u, "")
		if err != nil || c.Active == nil || c.Active.ID != w.org.ID || c.Principal.Scope.Allows(other.ID) {
			t.Errorf("caller acting for %s: active %v, scope %v, %v", w.org.Slug, c.Active, c.Principal.Scope, err)
		}

		// A password change ends every other session.
		elsewhere, _, _ := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StageFull})
		here, _, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StageFull, Previous: full, EndOthers: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.svc.Session(ctx, elsewhere); !errors.Is(err, authsvc.ErrNoSession) {
			t.Errorf("another session after EndOthers: got %v, want ErrNoSession", err)
		}

		// Idle for the limit ends it, and the sweep removes what is left.
		w.now = w.now.Add(30 * time.Minute)
		if _, _, err := w.svc.Session(ctx, here); !errors.Is(err, authsvc.ErrNoSession) {
			t.Errorf("idle session: got %v, want ErrNoSession", err)
		}
		if _, _, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StageFull}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StagePassword}); err != nil {
			t.Fatal(err)
		}
		w.now = w.now.Add(11 * time.Minute)
		if n, err := w.svc.SweepExpiredSessions(ctx); err != nil || n != 1 {
			t.Errorf("sweep removed %d sessions, %v; want the one half-finished sign-in", n, err)
		}
	})
}

func TestTokenAuthenticatesUntilRevoked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		op := tenancy.Operator("cli:test")
		tk, raw, err := w.svc.CreateToken(ctx, op, authsvc.NewToken{Org: "ashcombe", Role: "officer", Name: "nightly import", Expires: 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if tk.TokenHash == raw || tk.TokenHash != auth.HashSecret(raw) {
			t.Fatal("the stored token is not the hash of the one handed out")
		}
		p, err := w.svc.AuthenticateToken(ctx, raw, "192.0.2.9")
		if err != nil || p.Role != tenancy.RoleOfficer || p.OrgID != w.org.ID || p.Actor != audit.TokenActor(tk.Prefix) || !p.Scope.Allows(w.org.ID) {
			t.Fatalf("authenticate: got %+v, %v", p, err)
		}
		if _, err := w.svc.AuthenticateToken(ctx, raw+"x", ""); !errors.Is(err, authsvc.ErrBadToken) {
			t.Errorf("altered token: got %v, want ErrBadToken", err)
		}
		if _, err := w.svc.RevokeToken(ctx, op, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.svc.AuthenticateToken(ctx, raw, ""); !errors.Is(err, authsvc.ErrBadToken) {
			t.Errorf("revoked token: got %v, want ErrBadToken", err)
		}
		list, err := w.svc.Tokens(ctx, op)
		if err != nil || len(list) != 1 || list[0].Active {
			t.Errorf("listing after revoke: %+v, %v; want one inactive token", list, err)
		}
		if n, m := len(w.audited(t, audit.TokenCreate)), len(w.audited(t, audit.TokenRevoke)); n != 1 || m != 1 {
			t.Errorf("audit has %d token creations and %d revocations, want 1 each", n, m)
		}
		// Expiry ends a token as revocation does.
		_, raw2, _ := w.svc.CreateToken(ctx, op, authsvc.NewToken{Org: "ashcombe", Role: "officer", Name: "short", Expires: time.Hour})
		w.now = w.now.Add(time.Hour)
		if _, err := w.svc.AuthenticateToken(ctx, raw2, ""); !errors.Is(err, authsvc.ErrBadToken) {
			t.Errorf("expired token: got %v, want ErrBadToken", err)
		}
		// Only those who manage tokens make them.
		officer := tenancy.Principal{Actor: "user:ann", Role: tenancy.RoleOfficer, OrgID: w.org.ID, Scope: tenancy.ScopeOf(w.org.ID)}
		if _, _, err := w.svc.CreateToken(ctx, officer, authsvc.NewToken{Org: "ashcombe", Role: "officer", Name: "mine"}); err == nil {
			t.Error("an officer made a token")
		}
	})
}

func TestOIDCLinksByVouchedEmailOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		ann := w.user(t, "ann@ashcombe.example", tenancy.RoleOfficer, "")
		idp := "https://idp.example|"

		if r := refusal(t, oidcErr(w, authsvc.OIDCIdentity{Subject: idp + "ann", Email: ann.Email})); r.Outcome != "no verified email" {
			t.Errorf("unvouched email: got %+v", r)
		}
		u, err := w.svc.SignInOIDC(ctx, authsvc.OIDCIdentity{Subject: idp + "ann", Email: ann.Email, EmailVouched: true}, "")
		if err != nil || u.ID != ann.ID {
			t.Fatalf("first sign-in: got user %d, %v; want %d", u.ID, err, ann.ID)
		}
		// Linked by subject from now on, whatever email the provider sends.
		if u, err := w.svc.SignInOIDC(ctx, authsvc.OIDCIdentity{Subject: idp + "ann"}, ""); err != nil || u.ID != ann.ID {
			t.Errorf("by subject: got user %d, %v; want %d", u.ID, err, ann.ID)
		}
		// Another identity with the same email cannot take the account over.
		if r := refusal(t, oidcErr(w, authsvc.OIDCIdentity{Subject: idp + "mallory", Email: ann.Email, EmailVouched: true})); r.Outcome != "no matching enabled user" {
			t.Errorf("second identity for a linked account: got %+v", r)
		}
		// A disabled account is neither signed in nor linked.
		cat := w.user(t, "cat@ashcombe.example", tenancy.RoleOfficer, "")
		if err := st.SetUserDisabled(ctx, tenancy.ForSystem(tenancy.JobTest), cat.ID, true); err != nil {
			t.Fatal(err)
		}
		refusal(t, oidcErr(w, authsvc.OIDCIdentity{Subject: idp + "cat", Email: cat.Email, EmailVouched: true}))
		if got := w.reload(t, cat); got.OIDCSubject != "" {
			t.Errorf("disabled account was linked to %q", got.OIDCSubject)
		}
		if n := len(w.audited(t, audit.SignInFailed)); n != 3 {
			t.Errorf("audit has %d refused single sign-ons, want 3", n)
		}
	})
}

func oidcErr(w *world, id authsvc.OIDCIdentity) error {
	_, err := w.svc.SignInOIDC(ctx, id, "")
	return err
}

func TestEnrolTurnsTOTPOnAndSpendsTheCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		dee := w.user(t, "dee@ashcombe.example", tenancy.RoleAdmin, "")
		if got := authsvc.StageAfterFirstFactor(dee, false); got != authsvc.StageEnrol {
			t.Errorf("an admin without a second factor goes to %q, want enrol", got)
		}
		secret, err := w.svc.PendingSecret(ctx, dee)
		if err != nil {
			t.Fatal(err)
		}
		dee = w.reload(t, dee)
		if again, _ := w.svc.PendingSecret(ctx, dee); again != secret {
			t.Error("reloading the set-up page changed the secret")
		}
		if png, err := w.svc.EnrolQRCode(dee); err != nil || len(png) == 0 {
			t.Errorf("QR code: %d bytes, %v", len(png), err)
		}
		if _, err := w.svc.Enrol(ctx, dee, "000000", ""); !errors.Is(err, authsvc.ErrWrongCode) {
			t.Errorf("wrong code: got %v, want ErrWrongCode", err)
		}
		code, _ := auth.TOTPCode(secret, w.now)
		codes, err := w.svc.Enrol(ctx, dee, code, "")
		if err != nil || len(codes) != 10 {
			t.Fatalf("enrol: %d codes, %v", len(codes), err)
		}
		dee = w.reload(t, dee)
		if !dee.TOTPEnabled || authsvc.StageAfterFirstFactor(dee, false) != authsvc.StagePassword {
			t.Error("after enrolment the second factor is not asked for")
		}
		if refusal(t, second(w, dee, code)) == nil {
			t.Error("the enrolment code signed in again")
		}
		if _, err := w.svc.PendingSecret(ctx, dee); !errors.Is(err, authsvc.ErrEnrolled) {
			t.Errorf("set-up page after enrolment: got %v, want ErrEnrolled", err)
		}
		if n := len(w.audited(t, audit.TwoFactorEnrol)); n != 1 {
			t.Errorf("audit has %d enrolments, want 1", n)
		}
	})
}

// A browser's User-Agent is its own to choose: bytes that are not UTF-8, or
// a long one with a character across the 200-byte cut, must not refuse
// the sign-in now that the store refuses text that is not UTF-8.
func TestAnyUserAgentStartsASession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		w := newWorld(t, st)
		bob := w.user(t, "bob@ashcombe.example", tenancy.RoleAgent, "")
		for name, ua := range map[string]string{
			"not UTF-8":           "Mozilla/5.0 \xff\xfe (X11)",
			"cut mid-character":   strings.Repeat("a", 199) + "é and more",
			"long and multi-byte": strings.Repeat("ü", 300),
		} {
			token, sess, err := w.svc.StartSession(ctx, authsvc.NewSession{User: bob, Stage: authsvc.StageFull, UserAgent: ua})
			if err != nil {
				t.Fatalf("%s: the sign-in was refused: %v", name, err)
			}
			if !utf8.ValidString(sess.UserAgent) || len(sess.UserAgent) > 200 {
				t.Errorf("%s: kept %q", name, sess.UserAgent)
			}
			if _, _, err := w.svc.Session(ctx, token); err != nil {
				t.Errorf("%s: the session does not work: %v", name, err)
			}
		}
	})
}

package authsvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

// SignIn checks an email and password. It answers with the user, or with a
// *Refused whose Outcome is "unknown", "failed" or "locked". An unknown
// email costs the same argon2id work as a known one, so timing does not
// tell a guesser which accounts exist either. Wrong passwords count towards
// lock-out; a disabled account is refused like a wrong password.
func (s *Service) SignIn(ctx context.Context, email, password, ip string) (User, error) {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return User{}, ctx.Err()
	}
	u, err := s.store.UserForSignIn(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		auth.DummyVerify()
		s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", Action: audit.SignInFailed, Target: "user:" + store.NormaliseEmail(email),
			Detail: map[string]string{"reason": "unknown email"}, IP: ip})
		return User{}, &Refused{Outcome: "unknown"}
	}
	if err != nil {
		return User{}, err
	}
	if until := u.LockedUntil; s.Now().Before(until) {
		s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInLocked, Target: userTarget(u), IP: ip})
		return User{}, &Refused{Outcome: "locked", LockedUntil: until}
	}
	ok, _ := auth.VerifyPassword(password, u.PasswordHash)
	if !ok || u.Disabled {
		reason := "wrong password"
		if ok {
			reason = "account disabled"
		} else if err := s.countFailure(ctx, u); err != nil {
			return User{}, err
		}
		s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInFailed, Target: userTarget(u),
			Detail: map[string]string{"reason": reason}, IP: ip})
		return User{}, &Refused{Outcome: "failed"}
	}
	if auth.NeedsRehash(u.PasswordHash, s.opt.PasswordParams) {
		// A stronger hash is a bonus; failing to store it must not stop the sign-in.
		if h, err := auth.HashPassword(password, s.opt.PasswordParams); err == nil {
			_ = s.store.SetPasswordHash(ctx, u.ID, h)
		}
	}
	return u, nil
}

// countFailure adds a failed attempt and locks the account, for longer each
// time, once the attempts pass the threshold.
func (s *Service) countFailure(ctx context.Context, u User) error {
	n, err := s.store.RecordSignInFailure(ctx, u.ID)
	if err != nil {
		return err
	}
	if until := s.opt.Lockout.After(n, s.Now()); !until.IsZero() {
		return s.store.LockUser(ctx, u.ID, until)
	}
	return nil
}

// StageAfterFirstFactor is where a user whose first factor was accepted goes
// next: straight in when an identity provider already did the second factor,
// to the second factor when they have one, to enrolment when their role
// needs one they lack, or straight in.
func StageAfterFirstFactor(u User, secondFactorDone bool) Stage {
	switch {
	case secondFactorDone:
		return StageFull
	case u.TOTPEnabled:
		return StagePassword
	case u.Role.RequiresTOTP():
		return StageEnrol
	}
	return StageFull
}

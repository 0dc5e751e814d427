package authsvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

// SignIn checks an email and password. It answers with the user; with a
// *Throttled, before any hashing, when the address already has an attempt
// being checked or the address or account name has failed too often lately;
// or with a *Refused whose Outcome is "unknown", "failed" or "locked".
// Every attempt that is not throttled costs one argon2id verify, an unknown
// email and a locked account included, so neither the answer nor its time
// tells a guesser which accounts exist. Wrong passwords count towards
// lock-out; a locked account refuses even the right password; a disabled
// account is refused like a wrong password.
func (s *Service) SignIn(ctx context.Context, email, password, ip string) (User, error) {
	done, wait := s.pace.admit(ip, store.NormaliseEmail(email), s.Now())
	if done == nil {
		return User{}, &Throttled{RetryAfter: wait}
	}
	u, err := s.signIn(ctx, email, password, ip)
	var refused *Refused
	if err == nil || errors.As(err, &refused) {
		done(err != nil, s.Now())
	} else {
		done(false, s.Now()) // a server fault or a browser that gave up is no guess
	}
	return u, err
}

func (s *Service) signIn(ctx context.Context, email, password, ip string) (User, error) {
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return User{}, ctx.Err()
	}
	u, err := s.store.UserForSignIn(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		s.verify(password, "")
		s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", Action: audit.SignInFailed, Target: "user:" + store.NormaliseEmail(email),
			Detail: map[string]string{"reason": "unknown email"}, IP: ip})
		return User{}, &Refused{Outcome: "unknown"}
	}
	if err != nil {
		return User{}, err
	}
	ok := s.verify(password, u.PasswordHash)
	if until := u.LockedUntil; s.Now().Before(until) {
		// Checked, for the time it takes, but refused whatever the password.
		s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInLocked, Target: userTarget(u), IP: ip})
		return User{}, &Refused{Outcome: "locked", LockedUntil: until}
	}
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

// verify checks password against hash, or spends the same work on a dummy
// hash when there is none, and counts the check.
func (s *Service) verify(password, hash string) bool {
	s.verifies.Add(1)
	if s.onVerify != nil {
		s.onVerify()
	}
	if hash == "" {
		auth.DummyVerify()
		return false
	}
	ok, _ := auth.VerifyPassword(password, hash)
	return ok
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

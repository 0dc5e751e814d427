package authsvc

import (
	"context"
	"errors"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

// SignIn checks an email and password. It answers with the user; with a
// *Throttled, before any hashing, when the address already has as many
// attempts running and waiting as it may or the address or account name has
// failed too often lately; or with a *Refused whose Outcome is "unknown",
// "failed" or "locked".
//
// Every attempt that is not throttled does the same work whether or not the
// account exists, is locked or is disabled: the same two reads, one argon2id
// verify (on a dummy hash when there is no account), and for a refusal the
// same writes (the name's failure record, its lock, one audit entry). So
// neither the answer, nor its time, nor what it writes tells a guesser which
// accounts exist. Refusals count towards the name's lock-out, an unknown
// name's too; a locked name refuses even the right password.
func (s *Service) SignIn(ctx context.Context, email, password, ip string) (User, error) {
	name := store.NormaliseEmail(email)
	done, wait := s.pace.admit(ip, "password:"+name, s.Now())
	if done == nil {
		return User{}, &Throttled{RetryAfter: wait}
	}
	release, err := s.slots.acquire(ctx, ip)
	if err != nil {
		done(attemptVoid, s.Now())
		if errors.Is(err, errAddressBusy) {
			return User{}, &Throttled{RetryAfter: time.Second}
		}
		return User{}, err // the browser gave up waiting for its turn
	}
	u, err := s.signIn(ctx, name, password, ip)
	release()
	done(outcome(err), s.Now())
	return u, err
}

func (s *Service) signIn(ctx context.Context, name, password, ip string) (User, error) {
	u, err := s.store.UserForSignIn(ctx, name)
	known := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return User{}, err
	}
	record, err := s.store.SignInFailuresFor(ctx, name)
	if err != nil {
		return User{}, err
	}
	ok := s.verify(password, u.PasswordHash) // an unknown name has no hash: a dummy verify
	entry := audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInFailed, Target: "user:" + name, IP: ip}
	refused := &Refused{Outcome: "failed"}
	switch {
	case s.Now().Before(record.LockedUntil):
		// Checked, for the time it takes, but refused whatever the password.
		entry.Action = audit.SignInLocked
		refused = &Refused{Outcome: "locked", LockedUntil: record.LockedUntil}
		if !known {
			entry.Detail = map[string]string{"reason": "unknown email"}
		}
	case !known:
		entry.Detail = map[string]string{"reason": "unknown email"}
		refused.Outcome = "unknown"
	case !ok:
		entry.Detail = map[string]string{"reason": "wrong password"}
	case u.Disabled:
		entry.Detail = map[string]string{"reason": "account disabled"}
	default:
		s.rehash(ctx, u, password)
		return u, nil
	}
	if err := s.recordRefusal(ctx, name, entry); err != nil {
		return User{}, err
	}
	return User{}, refused
}

// rehash stores a stronger hash of a password that just matched. It is a
// bonus; failing to store it must not stop the sign-in.
func (s *Service) rehash(ctx context.Context, u User, password string) {
	if auth.NeedsRehash(u.PasswordHash, s.opt.PasswordParams) {
		if h, err := auth.HashPassword(password, s.opt.PasswordParams); err == nil {
			_ = s.store.SetPasswordHash(ctx, u.ID, h)
		}
	}
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

// recordRefusal writes what every refused password or code writes, for a
// real account and an unknown name alike: one more failure on the name, its
// lock (set once the failures pass the threshold, for longer each time;
// kept while it runs), and the audit entry.
func (s *Service) recordRefusal(ctx context.Context, name string, e audit.Entry) error {
	_, err := s.store.RecordSignInFailure(ctx, name, func(f store.SignInFailures) time.Time {
		now := s.Now()
		if now.Before(f.LockedUntil) {
			return f.LockedUntil
		}
		return s.opt.Lockout.After(f.Failures, now)
	})
	if err != nil {
		return err
	}
	s.auditQuietly(ctx, e)
	s.pruneFailures(ctx)
	return nil
}

// failuresKept is how long a name's failures are remembered after its last
// refused attempt (unless its lock runs longer).
const failuresKept = 24 * time.Hour

// pruneFailures drops quiet names' failure records, at most once an hour,
// so that guessing many names does not grow the table without end.
func (s *Service) pruneFailures(ctx context.Context) {
	now := s.Now()
	s.pruneMu.Lock()
	due := now.Sub(s.lastPrune) >= time.Hour
	if due {
		s.lastPrune = now
	}
	s.pruneMu.Unlock()
	if !due {
		return
	}
	if _, err := s.store.PruneSignInFailures(ctx, now.Add(-failuresKept)); err != nil {
		s.opt.Log.Error("pruning sign-in failures failed", "err", err)
	}
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

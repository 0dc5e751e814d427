package authsvc

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
)

// ErrNoCode means no second-factor code was given.
var ErrNoCode = errors.New("no code given")

// SecondFactor is an accepted second factor: how it was given, and for a
// recovery code how many the user has left.
type SecondFactor struct {
	Method       string // "totp" or "recovery-code"
	RecoveryLeft int
}

// VerifySecondFactor checks a code from the user's authenticator app, or one
// of their single-use recovery codes. A TOTP code is accepted once: its time
// step must be newer than the last one used, even when two requests race.
// Codes are paced like passwords, per address and per account, with their
// own count (a right password does not clear it): a *Throttled before the
// code is looked at, whether or not it is right. Wrong codes count towards
// the account's lock-out like wrong passwords and are refused with
// *Refused{Outcome: "2fa-failed"}; a locked account with "locked".
func (s *Service) VerifySecondFactor(ctx context.Context, u User, code, ip string) (SecondFactor, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return SecondFactor{}, ErrNoCode
	}
	done, wait := s.pace.admit(ip, "code:"+u.Email, s.Now())
	if done == nil {
		return SecondFactor{}, &Throttled{RetryAfter: wait}
	}
	got, err := s.verifySecondFactor(ctx, u, code, ip)
	done(outcome(err), s.Now())
	return got, err
}

func (s *Service) verifySecondFactor(ctx context.Context, u User, code, ip string) (SecondFactor, error) {
	record, err := s.store.SignInFailuresFor(ctx, u.Email)
	if err != nil {
		return SecondFactor{}, err
	}
	if until := record.LockedUntil; s.Now().Before(until) {
		return SecondFactor{}, &Refused{Outcome: "locked", LockedUntil: until}
	}
	got := SecondFactor{Method: "totp"}
	accepted := false
	if len(strings.ReplaceAll(code, " ", "")) == 6 {
		if step, ok := auth.CheckTOTP(u.TOTPSecret, code, s.Now(), u.TOTPLastStep); ok {
			if accepted, err = s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
				return SecondFactor{}, err
			}
		}
	} else {
		got.Method = "recovery-code"
		if accepted, err = s.store.UseRecoveryCode(ctx, u.ID, hashRecoveryCode(code)); err != nil {
			return SecondFactor{}, err
		}
	}
	if !accepted {
		err := s.recordRefusal(ctx, u.Email, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.TwoFactorFailed, Target: userTarget(u), IP: ip})
		if err != nil {
			return SecondFactor{}, err
		}
		return SecondFactor{}, &Refused{Outcome: "2fa-failed"}
	}
	if got.Method == "recovery-code" {
		got.RecoveryLeft, _ = s.store.RecoveryCodesLeft(ctx, u.ID)
		s.auditQuietly(ctx, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.RecoveryUsed, Target: userTarget(u),
			Detail: map[string]string{"left": strconv.Itoa(got.RecoveryLeft)}, IP: ip})
	}
	return got, nil
}

func hashRecoveryCode(code string) string { return auth.HashSecret(auth.NormaliseRecoveryCode(code)) }

// recoveryCodes is how many recovery codes a set holds.
const recoveryCodes = 10

// IssueRecoveryCodes makes a fresh set of recovery codes, stores their
// hashes in place of any old set, and returns the codes to show once.
func (s *Service) IssueRecoveryCodes(ctx context.Context, u User) ([]string, error) {
	codes, hashes, err := newRecoveryCodes()
	if err != nil {
		return nil, err
	}
	return codes, s.store.ReplaceRecoveryCodes(ctx, u.ID, hashes)
}

func newRecoveryCodes() (codes, hashes []string, err error) {
	if codes, err = auth.NewRecoveryCodes(recoveryCodes); err != nil {
		return nil, nil, err
	}
	hashes = make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = hashRecoveryCode(c)
	}
	return codes, hashes, nil
}

// RecoveryCodesLeft counts the user's unused recovery codes.
func (s *Service) RecoveryCodesLeft(ctx context.Context, u User) (int, error) {
	return s.store.RecoveryCodesLeft(ctx, u.ID)
}

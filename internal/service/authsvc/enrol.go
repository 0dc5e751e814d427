package authsvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
)

// totpIssuer names ward in the user's authenticator app.
const totpIssuer = "ward"

// ErrEnrolled means the user already has a second factor.
var ErrEnrolled = errors.New("two-factor sign-in is already on")

// ErrNothingPending means there is no TOTP secret waiting to be confirmed.
var ErrNothingPending = errors.New("no two-factor set-up in progress")

// ErrWrongCode means the code does not match the secret being set up.
var ErrWrongCode = errors.New("the code is not right")

// PendingSecret returns the user's not-yet-confirmed TOTP secret, making and
// storing one if they have none, so reloading the set-up page keeps the
// same QR code.
func (s *Service) PendingSecret(ctx context.Context, u User) (string, error) {
	if u.TOTPEnabled {
		return "", ErrEnrolled
	}
	if u.TOTPSecret != "" {
		return u.TOTPSecret, nil
	}
	secret, _, err := auth.NewTOTPSecret(totpIssuer, u.Email)
	if err != nil {
		return "", err
	}
	return secret, s.store.SetTOTP(ctx, u.ID, secret, false)
}

// EnrolQRCode draws the user's pending secret as a QR code (PNG) for the
// authenticator app.
func (s *Service) EnrolQRCode(u User) ([]byte, error) {
	if u.TOTPEnabled || u.TOTPSecret == "" {
		return nil, ErrNothingPending
	}
	return auth.TOTPQRCodePNG(auth.TOTPURL(totpIssuer, u.Email, u.TOTPSecret), 240)
}

// Enrol confirms the authenticator works by checking one code against the
// pending secret, then turns two-factor sign-in on, spends the code's time
// step so it cannot be used again to sign in, and returns a fresh set of
// recovery codes to show once. All of it, with the audit entry, lands
// together or not at all.
func (s *Service) Enrol(ctx context.Context, u User, code, ip string) ([]string, error) {
	if u.TOTPEnabled || u.TOTPSecret == "" {
		return nil, ErrNothingPending
	}
	step, ok := auth.CheckTOTP(u.TOTPSecret, code, s.Now(), 0)
	if !ok {
		return nil, ErrWrongCode
	}
	codes, hashes, err := newRecoveryCodes()
	if err != nil {
		return nil, err
	}
	e := audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.TwoFactorEnrol, Target: userTarget(u), IP: ip}
	err = s.record(ctx, e, func(ctx context.Context) error {
		if err := s.store.SetTOTP(ctx, u.ID, u.TOTPSecret, true); err != nil {
			return err
		}
		if _, err := s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
			return err
		}
		return s.store.ReplaceRecoveryCodes(ctx, u.ID, hashes)
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

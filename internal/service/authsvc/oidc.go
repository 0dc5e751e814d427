package authsvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
)

// OIDCIdentity is who an identity provider says signed in.
type OIDCIdentity struct {
	Subject string // issuer|subject, unique across providers
	Email   string
	// EmailVouched: the provider says the email is verified (or is trusted to).
	EmailVouched bool
}

// SignInOIDC finds the ward user linked to a provider's identity. On the
// first sign-in through the provider it links the identity to the user with
// the same email, but only an email the provider vouches for, never an
// account already linked to another identity, and never a disabled one.
// Refusals are audited and answered with *Refused, its Outcome the reason.
func (s *Service) SignInOIDC(ctx context.Context, id OIDCIdentity, ip string) (User, error) {
	u, err := s.store.UserByOIDCSubject(ctx, id.Subject)
	if errors.Is(err, store.ErrNotFound) {
		if id.Email == "" || !id.EmailVouched {
			return User{}, s.RefuseOIDC(ctx, "no verified email", ip)
		}
		u, err = s.store.UserForSignIn(ctx, id.Email)
		switch {
		case err != nil:
		case u.OIDCSubject != "":
			err = store.ErrNotFound // the account is linked to a different identity
		case !u.Disabled:
			err = s.store.SetOIDCSubject(ctx, u.ID, id.Subject)
			u.OIDCSubject = id.Subject
		}
	}
	if err != nil || u.Disabled {
		return User{}, s.RefuseOIDC(ctx, "no matching enabled user", ip)
	}
	return u, nil
}

// RefuseOIDC records a single sign-on that did not complete, for a reason
// found before or inside SignInOIDC, and returns the refusal.
func (s *Service) RefuseOIDC(ctx context.Context, reason, ip string) error {
	s.auditQuietly(ctx, audit.Entry{Actor: "anonymous", Action: audit.SignInFailed, Target: "oidc", Detail: map[string]string{"reason": reason}, IP: ip})
	return &Refused{Outcome: reason}
}

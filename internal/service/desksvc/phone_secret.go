package desksvc

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewPhoneSecret makes a new signing secret for an org's phone webhook and
// returns it, to be set in the phone system; any earlier secret stops
// working at once. Only the new secret's holder can log calls for the org.
// The change is audited; the secret itself is never written to the log.
func (s *Service) NewPhoneSecret(ctx context.Context, p tenancy.Principal, orgID int64) (string, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	secret := hex.EncodeToString(raw)
	return secret, s.Store.InTx(ctx, func(ctx context.Context) error {
		if err := s.Store.SetWebhookSecret(ctx, p.Scope, orgID, PhoneHook, secret); err != nil {
			return err
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PhoneSecret,
			Target: "phone webhook", Detail: map[string]string{"hook": PhoneHook}, IP: p.IP})
		return err
	})
}

// HasPhoneSecret reports whether an org's phone webhook has a secret, so
// the settings page can say whether calls are being taken; the secret
// itself is shown only once, when made.
func (s *Service) HasPhoneSecret(ctx context.Context, p tenancy.Principal, orgID int64) (bool, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return false, err
	}
	_, err := s.Store.WebhookSecret(ctx, p.Scope, orgID, PhoneHook)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

package store

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// WebhookSecret is the secret an org's named webhook is signed with.
func (s *Store) WebhookSecret(ctx context.Context, scope tenancy.Scope, orgID int64, hook string) (string, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return "", err
	}
	var secret string
	err := s.queryRow(ctx, `SELECT secret FROM webhook_secrets WHERE org_id = ? AND hook = ?`, orgID, hook).Scan(&secret)
	return secret, classify(err)
}

// SetWebhookSecret replaces the secret of an org's named webhook.
func (s *Store) SetWebhookSecret(ctx context.Context, scope tenancy.Scope, orgID int64, hook, secret string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	if secret == "" {
		return errors.New("webhook secret is empty")
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM webhook_secrets WHERE org_id = ? AND hook = ?`, orgID, hook); err != nil {
			return err
		}
		_, err := s.exec(ctx, `INSERT INTO webhook_secrets (org_id, hook, secret, created_at) VALUES (?, ?, ?, ?)`,
			orgID, hook, secret, s.Now())
		return err
	})
}

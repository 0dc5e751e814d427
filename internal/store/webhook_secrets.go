package store

import (
	"context"
	"errors"
)

// WebhookSecret is the secret an org's named webhook is signed with.
func (s *Store) WebhookSecret(ctx context.Context, orgID int64, hook string) (string, error) {
	var secret string
	err := s.queryRow(ctx, `SELECT secret FROM webhook_secrets WHERE org_id = ? AND hook = ?`, orgID, hook).Scan(&secret)
	return secret, classify(err)
}

// SetWebhookSecret replaces the secret of an org's named webhook.
func (s *Store) SetWebhookSecret(ctx context.Context, orgID int64, hook, secret string) error {
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

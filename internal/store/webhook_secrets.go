package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

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

// WebhookCall is a signed webhook call already accepted: the org and hook it
// came to, its signature (which covers its timestamp and body), when it was
// signed and received, and the ticket it went on, which a repeat is answered
// with.
type WebhookCall struct {
	OrgID      int64
	Hook       string
	Signature  string
	SignedAt   time.Time
	ReceivedAt time.Time
	TicketID   int64
}

// ClaimWebhookCall records a signed call as accepted, in the caller's
// transaction, and reports whether this is its first arrival. A call already
// recorded, committed by this replica or another, is not claimed again: on
// PostgreSQL a claim racing another transaction's waits for it, so exactly
// one of them claims the call.
func (s *Store) ClaimWebhookCall(ctx context.Context, scope tenancy.Scope, c WebhookCall) (bool, error) {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return false, err
	}
	if c.Hook == "" || c.Signature == "" {
		return false, errors.New("webhook call without a hook or signature")
	}
	res, err := s.exec(ctx, `INSERT INTO webhook_calls (org_id, hook, signature, signed_at, received_at, ticket_id)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, hook, signature) DO NOTHING`,
		c.OrgID, c.Hook, c.Signature, c.SignedAt.UTC(), s.Now(), idOrNull(c.TicketID))
	if err != nil {
		return false, classify(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetWebhookCallTicket records the ticket a claimed call went on.
func (s *Store) SetWebhookCallTicket(ctx context.Context, scope tenancy.Scope, orgID int64, hook, signature string, ticketID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `UPDATE webhook_calls SET ticket_id = ? WHERE org_id = ? AND hook = ? AND signature = ?`,
		idOrNull(ticketID), orgID, hook, signature)
	return err
}

// WebhookCallBySignature finds a call already accepted.
func (s *Store) WebhookCallBySignature(ctx context.Context, scope tenancy.Scope, orgID int64, hook, signature string) (WebhookCall, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return WebhookCall{}, err
	}
	c := WebhookCall{OrgID: orgID, Hook: hook, Signature: signature}
	var ticket sql.NullInt64
	err := s.queryRow(ctx, `SELECT signed_at, received_at, ticket_id FROM webhook_calls WHERE org_id = ? AND hook = ? AND signature = ?`,
		orgID, hook, signature).Scan(&c.SignedAt, &c.ReceivedAt, &ticket)
	c.TicketID = ticket.Int64
	c.SignedAt, c.ReceivedAt = c.SignedAt.UTC(), c.ReceivedAt.UTC()
	return c, classify(err)
}

// PruneWebhookCalls deletes an org's records of a hook's calls signed before
// a time, returning how many went. Only calls whose signature would now be
// refused as stale may be pruned.
func (s *Store) PruneWebhookCalls(ctx context.Context, scope tenancy.Scope, orgID int64, hook string, signedBefore time.Time) (int64, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return 0, err
	}
	res, err := s.exec(ctx, `DELETE FROM webhook_calls WHERE org_id = ? AND hook = ? AND signed_at < ?`, orgID, hook, signedBefore.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

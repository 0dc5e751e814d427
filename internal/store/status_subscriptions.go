package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// StatusSubscription is an e-mail address that hears of one service of one
// org's status page, once verified.
type StatusSubscription struct {
	ID              int64
	OrgID           int64
	Email           string
	Service         string
	Verified        bool
	LastNoticeAt    time.Time
	LastNoticePhase major.Phase
}

const subscriptionColumns = `id, org_id, email, service, verified_at, last_notice_at, last_notice_phase`

func scanSubscription(sc interface{ Scan(...any) error }) (StatusSubscription, error) {
	var sub StatusSubscription
	var verified, last sql.NullTime
	var phase string
	err := sc.Scan(&sub.ID, &sub.OrgID, &sub.Email, &sub.Service, &verified, &last, &phase)
	sub.Verified, sub.LastNoticeAt, sub.LastNoticePhase = verified.Valid, nullTime(last), major.Phase(phase)
	return sub, err
}

// SubscribeStatus records a subscription (or finds the one the address
// already has to the service) and stores a token for it, by its hash.
func (s *Store) SubscribeStatus(ctx context.Context, scope tenancy.Scope, sub *StatusSubscription, tokenHash, purpose string, expires time.Time) error {
	if err := orgInScope(scope, sub.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `INSERT INTO status_subscriptions (org_id, email, service, service_key, created_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (org_id, email, service_key) DO NOTHING`, sub.OrgID, sub.Email, sub.Service, major.ServiceKey(sub.Service), s.Now()); err != nil {
			return classify(err)
		}
		got, err := scanSubscription(s.queryRow(ctx, `SELECT `+subscriptionColumns+` FROM status_subscriptions
			WHERE org_id = ? AND email = ? AND service_key = ?`, sub.OrgID, sub.Email, major.ServiceKey(sub.Service)))
		if err != nil {
			return classify(err)
		}
		*sub = got
		return s.AddStatusToken(ctx, scope, *sub, tokenHash, purpose, expires)
	})
}

// AddStatusToken stores another link's token for a subscription, by hash.
func (s *Store) AddStatusToken(ctx context.Context, scope tenancy.Scope, sub StatusSubscription, tokenHash, purpose string, expires time.Time) error {
	if err := orgInScope(scope, sub.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO status_tokens (token_hash, subscription_id, org_id, purpose, expires_at) VALUES (?, ?, ?, ?, ?)`,
		tokenHash, sub.ID, sub.OrgID, purpose, expires.UTC())
	return classify(err)
}

// StatusTokenSubscription finds the subscription a link's token (by hash)
// belongs to, if the token is for the purpose and has not expired.
func (s *Store) StatusTokenSubscription(ctx context.Context, scope tenancy.Scope, tokenHash, purpose string, now time.Time) (StatusSubscription, error) {
	cond, args, err := scopeFilter(scope, "k.org_id")
	if err != nil {
		return StatusSubscription{}, err
	}
	sub, err := scanSubscription(s.queryRow(ctx, `SELECT s.id, s.org_id, s.email, s.service, s.verified_at, s.last_notice_at, s.last_notice_phase
		FROM status_tokens k JOIN status_subscriptions s ON s.id = k.subscription_id
		WHERE k.token_hash = ? AND k.purpose = ? AND k.expires_at > ? AND `+cond, append([]any{tokenHash, purpose, now.UTC()}, args...)...))
	return sub, classify(err)
}

// VerifyStatusSubscription marks a subscription verified and spends its
// verify tokens.
func (s *Store) VerifyStatusSubscription(ctx context.Context, scope tenancy.Scope, sub StatusSubscription) error {
	if err := orgInScope(scope, sub.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `UPDATE status_subscriptions SET verified_at = COALESCE(verified_at, ?) WHERE id = ? AND org_id = ?`,
			s.Now(), sub.ID, sub.OrgID); err != nil {
			return err
		}
		_, err := s.exec(ctx, `DELETE FROM status_tokens WHERE subscription_id = ? AND org_id = ? AND purpose = 'verify'`, sub.ID, sub.OrgID)
		return err
	})
}

// DeleteStatusSubscription ends a subscription and every link to it.
func (s *Store) DeleteStatusSubscription(ctx context.Context, scope tenancy.Scope, sub StatusSubscription) error {
	if err := orgInScope(scope, sub.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM status_tokens WHERE subscription_id = ? AND org_id = ?`, sub.ID, sub.OrgID); err != nil {
			return err
		}
		_, err := s.exec(ctx, `DELETE FROM status_subscriptions WHERE id = ? AND org_id = ?`, sub.ID, sub.OrgID)
		return err
	})
}

// StatusSubscribers lists the verified subscriptions to an org's service.
func (s *Store) StatusSubscribers(ctx context.Context, scope tenancy.Scope, orgID int64, service string) ([]StatusSubscription, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+subscriptionColumns+` FROM status_subscriptions WHERE org_id = ? AND service_key = ?
		AND verified_at IS NOT NULL ORDER BY id`, orgID, major.ServiceKey(service))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StatusSubscription
	for rows.Next() {
		sub, err := scanSubscription(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, rows.Err()
}

// StatusNoticeSent records that a subscriber was e-mailed, for damping.
func (s *Store) StatusNoticeSent(ctx context.Context, scope tenancy.Scope, sub StatusSubscription, at time.Time, phase major.Phase) error {
	if err := orgInScope(scope, sub.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `UPDATE status_subscriptions SET last_notice_at = ?, last_notice_phase = ? WHERE id = ? AND org_id = ?`,
		at.UTC(), string(phase), sub.ID, sub.OrgID)
	return err
}

// StatusTokenIssuedSince reports whether the address's subscription to the
// service already has a token for the purpose issued since the time (its
// expiry later than since + lifetime), so a form cannot be used to mail
// one address over and over.
func (s *Store) StatusTokenIssuedSince(ctx context.Context, scope tenancy.Scope, orgID int64, email, service, purpose string, since time.Time, lifetime time.Duration) (bool, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return false, err
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM status_tokens k JOIN status_subscriptions s ON s.id = k.subscription_id
		WHERE s.org_id = ? AND s.email = ? AND s.service_key = ? AND k.purpose = ? AND k.expires_at > ?`,
		orgID, email, major.ServiceKey(service), purpose, since.Add(lifetime).UTC()).Scan(&n)
	return n > 0, err
}

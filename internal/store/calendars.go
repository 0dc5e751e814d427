package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// CalendarVersion is one saved version of an org's working calendar. The
// definition is kept as the calendar package's JSON.
type CalendarVersion struct {
	OrgID      int64           `json:"org_id"`
	Version    int             `json:"version"`
	Definition json.RawMessage `json:"definition"`
	CreatedAt  time.Time       `json:"created_at"`
	CreatedBy  string          `json:"created_by"`
}

// SaveCalendar stores a new version of an org's calendar; it is in force
// from now on, for measurements taken from now on.
func (s *Store) SaveCalendar(ctx context.Context, orgID int64, definition json.RawMessage, by string) (CalendarVersion, error) {
	v := CalendarVersion{OrgID: orgID, Definition: definition, CreatedAt: s.Now(), CreatedBy: by}
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM calendars WHERE org_id = ?`, orgID).Scan(&v.Version); err != nil {
			return err
		}
		_, err := s.exec(ctx, `INSERT INTO calendars (org_id, version, definition, created_at, created_by) VALUES (?, ?, ?, ?, ?)`,
			orgID, v.Version, string(definition), v.CreatedAt, by)
		return classify(err)
	})
	return v, err
}

// Calendar is the org's calendar in force; ErrNotFound when it has none of
// its own and the default applies.
func (s *Store) Calendar(ctx context.Context, orgID int64) (CalendarVersion, error) {
	var v CalendarVersion
	var def string
	err := s.queryRow(ctx, `SELECT org_id, version, definition, created_at, created_by FROM calendars
		WHERE org_id = ? ORDER BY version DESC LIMIT 1`, orgID).Scan(&v.OrgID, &v.Version, &def, &v.CreatedAt, &v.CreatedBy)
	v.Definition = json.RawMessage(def)
	v.CreatedAt = v.CreatedAt.UTC()
	return v, classify(err)
}

// SavePolicy stores a new version of an org's SLA policy for one ticket type.
// The version number is assigned here and written back into p.
func (s *Store) SavePolicy(ctx context.Context, orgID int64, p *desk.Policy, by string) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM sla_policies WHERE org_id = ? AND type = ?`,
			orgID, string(p.Type)).Scan(&p.Version); err != nil {
			return err
		}
		if p.EffectiveFrom.IsZero() {
			p.EffectiveFrom = s.Now()
		}
		p.EffectiveFrom = p.EffectiveFrom.UTC().Truncate(time.Microsecond)
		body, err := json.Marshal(p)
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, `INSERT INTO sla_policies (org_id, type, version, effective_from, definition, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, string(p.Type), p.Version, p.EffectiveFrom, string(body), s.Now(), by)
		return classify(err)
	})
}

// Policies lists every version of an org's SLA policies, oldest first.
func (s *Store) Policies(ctx context.Context, orgID int64) ([]desk.Policy, error) {
	rows, err := s.query(ctx, `SELECT version, effective_from, definition FROM sla_policies WHERE org_id = ? ORDER BY type, version`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []desk.Policy
	for rows.Next() {
		var version int
		var from time.Time
		var body string
		if err := rows.Scan(&version, &from, &body); err != nil {
			return nil, err
		}
		var p desk.Policy
		if err := json.Unmarshal([]byte(body), &p); err != nil {
			return nil, fmt.Errorf("SLA policy version %d is unreadable: %w", version, err)
		}
		p.Version, p.EffectiveFrom = version, from.UTC()
		list = append(list, p)
	}
	return list, rows.Err()
}

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

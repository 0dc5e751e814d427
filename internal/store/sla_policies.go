package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// SavePolicy stores a new version of an org's SLA policy for one ticket type.
// The version number is assigned here and written back into p.
func (s *Store) SavePolicy(ctx context.Context, scope tenancy.Scope, orgID int64, p *desk.Policy, by string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := checkEncoded("definition", p); err != nil {
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
func (s *Store) Policies(ctx context.Context, scope tenancy.Scope, orgID int64) ([]desk.Policy, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
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

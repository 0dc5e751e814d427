package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// IdentitySnapshot is one import of a directory.
type IdentitySnapshot struct {
	ID         int64     `json:"id"`
	OrgID      int64     `json:"org_id"`
	Source     string    `json:"source"`    // ad or entra
	Directory  string    `json:"directory"` // domain or tenant
	State      string    `json:"state"`     // current or previous
	File       string    `json:"file"`
	ImportedAt time.Time `json:"imported_at"`
	ImportedBy string    `json:"imported_by"`
	Nodes      int       `json:"nodes"`
	Edges      int       `json:"edges"`
	Graph      []byte    `json:"-"` // identity.Encode's record; empty when listed without it
}

// SaveIdentitySnapshot makes a snapshot the current one of its directory:
// the current one becomes previous, and the one previous to that goes.
// Run it inside a transaction.
func (s *Store) SaveIdentitySnapshot(ctx context.Context, scope tenancy.Scope, snap *IdentitySnapshot) error {
	if err := orgInScope(scope, snap.OrgID); err != nil {
		return err
	}
	key := []any{snap.OrgID, snap.Source, snap.Directory}
	if _, err := s.exec(ctx, `DELETE FROM identity_snapshots WHERE org_id = ? AND source = ? AND directory = ? AND state = 'previous'`, key...); err != nil {
		return err
	}
	if _, err := s.exec(ctx, `UPDATE identity_snapshots SET state = 'previous' WHERE org_id = ? AND source = ? AND directory = ? AND state = 'current'`, key...); err != nil {
		return err
	}
	snap.State = "current"
	id, err := s.insertID(ctx, `INSERT INTO identity_snapshots (org_id, source, directory, state, file, imported_at, imported_by, nodes, edges, graph)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		snap.OrgID, snap.Source, snap.Directory, snap.State, snap.File, snap.ImportedAt, snap.ImportedBy, snap.Nodes, snap.Edges, snap.Graph)
	snap.ID = id
	return err
}

// IdentitySnapshots lists an org's snapshots in a state ("current" or
// "previous"), by source and directory; withGraph reads their records too.
// Callers check rights first.
func (s *Store) IdentitySnapshots(ctx context.Context, scope tenancy.Scope, orgID int64, state string, withGraph bool) ([]IdentitySnapshot, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	graph := `x''`
	if s.dialect == Postgres {
		graph = `''::bytea`
	}
	if withGraph {
		graph = `graph`
	}
	rows, err := s.query(ctx, `SELECT id, org_id, source, directory, state, file, imported_at, imported_by, nodes, edges, `+graph+`
		FROM identity_snapshots WHERE org_id = ? AND state = ? ORDER BY source, directory`, orgID, state)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IdentitySnapshot
	for rows.Next() {
		var sn IdentitySnapshot
		if err := rows.Scan(&sn.ID, &sn.OrgID, &sn.Source, &sn.Directory, &sn.State, &sn.File, &sn.ImportedAt,
			&sn.ImportedBy, &sn.Nodes, &sn.Edges, &sn.Graph); err != nil {
			return nil, err
		}
		sn.ImportedAt = sn.ImportedAt.UTC()
		out = append(out, sn)
	}
	return out, rows.Err()
}

// TierZeroAddition is an object an analyst has put in Tier Zero.
type TierZeroAddition struct {
	OrgID    int64     `json:"org_id"`
	ObjectID string    `json:"object_id"`
	Note     string    `json:"note"`
	AddedBy  string    `json:"added_by"`
	AddedAt  time.Time `json:"added_at"`
}

// AddTierZero puts an object in an org's Tier Zero (again: a repeat
// replaces the note).
func (s *Store) AddTierZero(ctx context.Context, scope tenancy.Scope, a TierZeroAddition) error {
	if err := orgInScope(scope, a.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO identity_tier_zero (org_id, object_id, note, added_by, added_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id, object_id) DO UPDATE SET note = excluded.note, added_by = excluded.added_by, added_at = excluded.added_at`,
		a.OrgID, a.ObjectID, a.Note, a.AddedBy, a.AddedAt)
	return err
}

// RemoveTierZero takes an analyst's addition out again.
func (s *Store) RemoveTierZero(ctx context.Context, scope tenancy.Scope, orgID int64, objectID string) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `DELETE FROM identity_tier_zero WHERE org_id = ? AND object_id = ?`, orgID, objectID)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrNotFound
	}
	return nil
}

// TierZeroAdditions lists an org's analyst additions.
func (s *Store) TierZeroAdditions(ctx context.Context, scope tenancy.Scope, orgID int64) ([]TierZeroAddition, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT org_id, object_id, note, added_by, added_at FROM identity_tier_zero WHERE org_id = ? ORDER BY object_id`, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TierZeroAddition
	for rows.Next() {
		var a TierZeroAddition
		if err := rows.Scan(&a.OrgID, &a.ObjectID, &a.Note, &a.AddedBy, &a.AddedAt); err != nil {
			return nil, err
		}
		a.AddedAt = a.AddedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// IdentityDay is an org's identity score and path counts on one day.
type IdentityDay struct {
	Day      string `json:"day"`
	Score    int    `json:"score"`
	Accounts int    `json:"accounts"`
	Reaching int    `json:"reaching"`
	TierZero int    `json:"tier_zero"`
	Detail   string `json:"-"` // JSON, the service's to read
}

// SaveIdentityDay records the day's analysis, replacing an earlier one of
// the same day.
func (s *Store) SaveIdentityDay(ctx context.Context, scope tenancy.Scope, orgID int64, d IdentityDay) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO identity_daily (org_id, day, score, accounts, reaching, tier_zero, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, day) DO UPDATE SET score = excluded.score, accounts = excluded.accounts,
		reaching = excluded.reaching, tier_zero = excluded.tier_zero, detail = excluded.detail`,
		orgID, d.Day, d.Score, d.Accounts, d.Reaching, d.TierZero, d.Detail)
	return err
}

// IdentityDays reads an org's days from first to last inclusive, oldest first.
func (s *Store) IdentityDays(ctx context.Context, scope tenancy.Scope, orgID int64, first, last string) ([]IdentityDay, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT day, score, accounts, reaching, tier_zero, detail FROM identity_daily
		WHERE org_id = ? AND day >= ? AND day <= ? ORDER BY day`, orgID, first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IdentityDay
	for rows.Next() {
		var d IdentityDay
		if err := rows.Scan(&d.Day, &d.Score, &d.Accounts, &d.Reaching, &d.TierZero, &d.Detail); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

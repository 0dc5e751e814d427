// Package leaky is a fixture for the scope gate's own test: two methods that
// read tenant data on a bare org id, next to two that are fine.
package leaky

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

type Store struct{}

func (s *Store) query(ctx context.Context, q string, args ...any) error { return nil }

// LeakyDevices reads one org's devices with nothing but its id: the gate must
// report it.
func (s *Store) LeakyDevices(ctx context.Context, orgID int64) error {
	return s.query(ctx, `SELECT id, name FROM devices WHERE org_id = ?`, orgID)
}

// LeakyViaHelper hides its SQL one call away.
func (s *Store) LeakyViaHelper(ctx context.Context, orgID int64) error {
	return s.mailboxesOf(ctx, orgID)
}

func (s *Store) mailboxesOf(ctx context.Context, orgID int64) error {
	return s.query(ctx, mailboxSQL, orgID)
}

const mailboxSQL = `SELECT address FROM mailboxes WHERE org_id = ?`

// ScopedDevices takes the caller's scope, as every tenant read must.
func (s *Store) ScopedDevices(ctx context.Context, scope tenancy.Scope, orgID int64) error {
	return s.query(ctx, `SELECT id FROM devices WHERE org_id = ?`, orgID)
}

// Version touches no tenant table.
func (s *Store) Version(ctx context.Context) error {
	return s.query(ctx, `SELECT version FROM schema_migrations`)
}

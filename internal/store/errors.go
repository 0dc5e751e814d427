package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ward-shared-service/ward/internal/fault"
)

// The store's sentinels are faults, so one that reaches an adapter is
// answered by its kind like any service's refusal; errors.Is against them
// still works, since classify returns these very values.
var (
	// ErrNotFound means no row matched — or a row exists outside the caller's
	// scope, which callers must not be able to tell apart.
	ErrNotFound = fault.NotFound("not found")
	// ErrConflict means a unique value (a slug, an email) is already taken.
	ErrConflict = fault.Conflict("already exists")
)

// classify maps engine-specific errors onto the store's own.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return ErrConflict
	}
	// modernc's error text is the SQLite message; matching it avoids
	// importing the driver's internal error codes.
	if strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return ErrConflict
	}
	return err
}

package store

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

var (
	// ErrNotFound means no row matched — or a row exists outside the caller's
	// scope, which callers must not be able to tell apart.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a unique value (a slug, an email) is already taken.
	ErrConflict = errors.New("already exists")
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

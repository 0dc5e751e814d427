package store

import (
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/ward-shared-service/ward/internal/fault"
)

// TestPostgresRefusalIsTheSameFault keeps the backstop behind the guard:
// should text ever reach PostgreSQL unchecked, its own refusal (SQLSTATE
// 22021) is the store's fault, with the engine's error kept for the log.
func TestPostgresRefusalIsTheSameFault(t *testing.T) {
	pgErr := &pgconn.PgError{Code: "22021", Message: `invalid byte sequence for encoding "UTF8": 0xe9`}
	err := classify(pgErr)
	if f := fault.As(err); f == nil || f.Kind != fault.KindInvalid || f.Message != "text is not valid UTF-8" {
		t.Fatalf("classify(22021) = %v, want the not-UTF-8 fault", err)
	}
	if !errors.As(err, new(*pgconn.PgError)) {
		t.Errorf("the log loses the cause: %v", err)
	}
}

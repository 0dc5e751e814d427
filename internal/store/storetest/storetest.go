// Package storetest opens real databases for tests: a fresh SQLite file, and
// — when WARD_TEST_POSTGRES_URL is set — a fresh schema in PostgreSQL, so that
// every test runs on both engines without interfering with any other run.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// EnvPostgres names the variable that points the tests at a PostgreSQL server.
const EnvPostgres = "WARD_TEST_POSTGRES_URL"

// Engine is a database a test can run against.
type Engine struct {
	Name string
	Open func(t testing.TB) (*store.Store, string) // the store and its location
}

// Engines lists SQLite always and PostgreSQL when configured.
func Engines() []Engine {
	return []Engine{{Name: "sqlite", Open: OpenSQLite}, {Name: "postgres", Open: OpenPostgres}}
}

// Each runs fn as a subtest on every engine, migrated and empty.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	for _, e := range Engines() {
		t.Run(e.Name, func(t *testing.T) {
			s, _ := e.Open(t)
			fn(t, s)
		})
	}
}

// OpenSQLite makes a migrated store in a new file under the test's temp dir.
func OpenSQLite(t testing.TB) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ward.db")
	return openMigrated(t, path), path
}

// OpenPostgres makes a migrated store in a new schema, dropped at the end; it
// skips the test, saying why, when no server is configured.
func OpenPostgres(t testing.TB) (*store.Store, string) {
	t.Helper()
	base := PostgresURL()
	if base == "" {
		t.Skip("PostgreSQL tests skipped: set " + EnvPostgres + " (for example postgres://postgres@127.0.0.1:5432/test?sslmode=disable) to run them")
	}
	schema := "wardtest_" + randomHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema on %s: %v", store.Redact(base), err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
	})
	loc := WithSearchPath(base, schema)
	return openMigrated(t, loc), loc
}

// PostgresURL is the configured test server, or "".
func PostgresURL() string {
	return os.Getenv(EnvPostgres)
}

// WithSearchPath points a PostgreSQL URL at one schema.
func WithSearchPath(base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func openMigrated(t testing.TB, location string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, location)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

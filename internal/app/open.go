package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/store"
)

// Handle is an open database with the services built over it: what the
// command line holds while a command runs. The store stays inside, so the
// commands reach data only through the services, and the few system jobs
// that work on the whole database (migrating, seeding the demo, sending the
// mail outbox) are named here, one method each.
type Handle struct {
	*Services
	st *store.Store
}

// Open opens the database at location (a SQLite file or a postgres:// URL),
// brings its schema up to date and builds the services over it.
func Open(ctx context.Context, location string, opt Options) (*Handle, error) {
	st, err := store.Open(ctx, location)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return &Handle{Services: New(st, opt), st: st}, nil
}

// Close closes the database.
func (h *Handle) Close() error { return h.st.Close() }

// Engine names the database engine: sqlite or postgres.
func (h *Handle) Engine() string { return string(h.st.Dialect()) }

// SeedDemo is the demo's system job: it fills an empty database with the
// fictional councils, their people and data, through these services.
func (h *Handle) SeedDemo(ctx context.Context, opt demo.Options) ([]demo.Credential, error) {
	opt.Services = h.Services
	return demo.Seed(ctx, h.st, opt)
}

// AddDemoTickets adds n tickets to the demo councils, opened over the last
// year, for reproducing list and report figures at scale.
func (h *Handle) AddDemoTickets(ctx context.Context, n int, progress func(done int)) error {
	return demo.AddTickets(ctx, h.st, n, h.st.Now(), progress)
}

// SendMail is the outbox's system job: it delivers queued mail every
// interval until ctx ends.
func (h *Handle) SendMail(ctx context.Context, c mailsvc.Config, every time.Duration, log *slog.Logger) {
	mailsvc.Run(ctx, h.st, c, every, log)
}

// Migrate brings the schema of the database at location up to date, and
// says which migrations it applied and the version the schema is now at.
func Migrate(ctx context.Context, location string) (applied []string, version int, err error) {
	st, err := store.Open(ctx, location)
	if err != nil {
		return nil, 0, err
	}
	defer st.Close()
	if applied, err = st.Migrate(ctx); err != nil {
		return nil, 0, err
	}
	version, err = st.SchemaVersion(ctx)
	return applied, version, err
}

// Redact is a database location safe to print or log: any password in a
// URL is hidden.
func Redact(location string) string { return store.Redact(location) }

// ErrBackupPostgres is Backup's answer for a PostgreSQL database: pg_dump
// is the tool there.
var ErrBackupPostgres = store.ErrBackupPostgres

// BackupResult is what Backup wrote and verified.
type BackupResult struct {
	File         string
	Bytes        int64
	AuditEntries int64
}

// Backup is the backup's system job: it writes a consistent copy of the
// SQLite database at location to file (which must not exist) while ward may
// be running and writing, then checks the copy's integrity and audit chain.
// It does not migrate the database it copies. On PostgreSQL it returns
// ErrBackupPostgres without connecting.
func Backup(ctx context.Context, location, file string) (BackupResult, error) {
	if store.EngineOf(location) == store.Postgres {
		return BackupResult{}, ErrBackupPostgres
	}
	path, _, _ := strings.Cut(location, "?")
	if _, err := os.Stat(path); err != nil {
		return BackupResult{}, fmt.Errorf("database %s: %w", path, err)
	}
	st, err := store.Open(ctx, location)
	if err != nil {
		return BackupResult{}, err
	}
	defer st.Close()
	b, err := st.Backup(ctx, file)
	return BackupResult(b), err
}

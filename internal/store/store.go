// Package store is the one place ward talks SQL. It runs the same queries on
// SQLite (the embedded default) and PostgreSQL (a real deployment), and every
// read of tenant data takes a tenancy.Scope so that no caller can forget it.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver, pure Go so `go run` needs no C compiler
)

// Dialect names the database engine behind a Store.
type Dialect string

const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is ward's database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	now     func() time.Time
	counts  countCache
	// settingsGen changes with every write of a calendar or SLA policy.
	settingsGen atomic.Int64
	stmts       stmtCache
}

// Open connects to a PostgreSQL URL (postgres:// or postgresql://) or opens
// (creating if need be) a SQLite file at any other path. It does not migrate:
// call Migrate.
func Open(ctx context.Context, location string) (*Store, error) {
	if location == "" {
		return nil, errors.New("no database given: pass --database or set WARD_DATABASE")
	}
	s := &Store{now: defaultNow}
	var err error
	if isPostgresURL(location) {
		s.dialect = Postgres
		conns, cerr := postgresConns(os.Getenv(EnvPostgresMaxConns))
		if cerr != nil {
			return nil, cerr
		}
		s.db, err = sql.Open("pgx", location)
		if err == nil {
			s.db.SetMaxOpenConns(conns)
			s.db.SetMaxIdleConns(conns)
			s.db.SetConnMaxIdleTime(5 * time.Minute)
		}
	} else {
		s.dialect = SQLite
		var dsn string
		if dsn, err = sqliteDSN(location, os.Getenv(EnvSQLiteSynchronous)); err != nil {
			return nil, err
		}
		s.db, err = sql.Open("sqlite", dsn)
		if err == nil {
			// One writer at a time is SQLite's nature; immediate transactions
			// (see sqliteDSN) queue writers on the busy timeout instead of
			// failing, and WAL lets readers run alongside.
			s.db.SetMaxOpenConns(8)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.db.PingContext(pingCtx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("open database %s: %w", redact(location), err)
	}
	return s, nil
}

func isPostgresURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// EnvPostgresMaxConns names the variable that sets how many connections
// ward holds open to PostgreSQL at most.
const EnvPostgresMaxConns = "WARD_POSTGRES_MAX_CONNS"

// postgresConns is the pool's size: 8 unless set. Beyond a few per core,
// more connections only make more backends take turns on the same cores:
// with PostgreSQL on ward's two cores, 20 connections gave the ticket list
// a p99 of 110-130 ms at 20 clients, and 8 (or 4) gave 77-84 ms at the same
// throughput. Requests past the pool wait their turn in ward instead.
func postgresConns(v string) (int, error) {
	if v == "" {
		return 8, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1000 {
		return 0, fmt.Errorf("%s=%q: give a number of connections from 1 to 1000", EnvPostgresMaxConns, v)
	}
	return n, nil
}

// EnvSQLiteSynchronous names the variable that lowers (or raises) SQLite's
// synchronous setting for every database ward opens; a `_synchronous`
// parameter on the location wins over it.
const EnvSQLiteSynchronous = "WARD_SQLITE_SYNCHRONOUS"

// sqliteSynchronous are the settings ward accepts. FULL, the default, syncs
// the WAL at every commit, so a commit ward acknowledged survives an OS crash
// or power cut; NORMAL syncs only at checkpoints, which is faster but can
// lose the last commits (never corrupt the file) when the machine stops.
var sqliteSynchronous = map[string]string{"full": "FULL", "normal": "NORMAL", "extra": "EXTRA"}

// sqliteDSN sets the pragmas ward relies on for every connection in the pool.
// location is a file path, optionally followed by `?_synchronous=normal`
// (or full, extra); fromEnv is the same setting from the environment, used
// when the location names none.
func sqliteDSN(location, fromEnv string) (string, error) {
	path, query, _ := strings.Cut(location, "?")
	setting := fromEnv
	if query != "" {
		params, err := url.ParseQuery(query)
		if err != nil {
			return "", fmt.Errorf("database %s: %w", location, err)
		}
		for k := range params {
			if k != "_synchronous" {
				return "", fmt.Errorf("database %s: unknown parameter %q (the only one a SQLite location takes is _synchronous)", location, k)
			}
		}
		setting = params.Get("_synchronous")
	}
	sync := "FULL"
	if setting != "" {
		var ok bool
		if sync, ok = sqliteSynchronous[strings.ToLower(setting)]; !ok {
			return "", fmt.Errorf("SQLite synchronous setting %q: want full, normal or extra", setting)
		}
	}
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous("+sync+")")
	// A 32 MiB page cache (the default is 2 MB) keeps a large import's
	// B-tree pages in memory instead of spilling them to the WAL mid-way.
	q.Add("_pragma", "cache_size(-32768)")
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return "file:" + path + "?" + q.Encode(), nil
}

// redact hides a password in a database URL before it reaches an error or a log.
func redact(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return location
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redact hides a password in a database URL for display.
func Redact(location string) string { return redact(location) }

// Dialect says which engine the store runs on.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close releases the connections.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// Ping checks the database answers, for /readyz.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// SetClock replaces the store's clock, for tests of expiry and lock-out.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Clock returns the clock SetClock last set, so a caller that moves it for
// a while (the demo replaying weeks of history) can put it back.
func (s *Store) Clock() func() time.Time { return s.now }

// Now is the store's clock in UTC at microsecond precision, the finest both
// engines keep, so a value read back equals the value written.
func (s *Store) Now() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

func defaultNow() time.Time { return time.Now() }

// DB exposes the pool for packages' own tests that need to tamper with rows
// (the audit chain's tamper test). Application code goes through methods.
func (s *Store) DB() *sql.DB { return s.db }

// Rebind turns ward's portable `?` placeholders into the engine's own.
func (s *Store) Rebind(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// txKey marks a context that carries a transaction.
type txKey struct{}

// txHooks is what a transaction's writes left to do just before it commits,
// such as bringing the SLA rollups of the months they touched up to date.
type txHooks struct {
	beforeCommit []func(ctx context.Context) error
	rollups      *rollupChanges
}

// txHooksKey marks a transaction's context with its txHooks.
type txHooksKey struct{}

// InTx runs fn in one transaction, committing if it returns nil and rolling
// back otherwise — a crash part-way leaves nothing half-written. Every store
// method called with the context fn receives joins the transaction, and an
// InTx inside another joins the outer one, so a change and its audit entry
// land together whichever methods make them.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	if _, inside := ctx.Value(txKey{}).(*sql.Tx); inside {
		return fn(ctx)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	hooks := &txHooks{}
	wrote := new(writeMarks)
	// Committed or not, what was kept while the transaction ran may have
	// been read from its own writes: it is dropped either way.
	defer s.committed(wrote)
	ctx = context.WithValue(context.WithValue(context.WithValue(ctx, txKey{}, tx), txHooksKey{}, hooks), ticketWrites{}, wrote)
	if err := fn(ctx); err != nil {
		_ = tx.Rollback()
		return err
	}
	for i := 0; i < len(hooks.beforeCommit); i++ {
		if err := hooks.beforeCommit[i](ctx); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// conn is where a method's SQL goes: the context's transaction, if any.
func (s *Store) conn(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return tx
	}
	return s.db
}

func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := textArgs(query, args); err != nil {
		return nil, err
	}
	defer s.noteWrite(ctx, query)
	return s.conn(ctx).ExecContext(ctx, s.Rebind(query), args...)
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := textArgs(query, args); err != nil {
		return nil, err
	}
	if st := s.cachedStmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	defer s.noteWrite(ctx, query)
	return s.conn(ctx).QueryContext(ctx, s.Rebind(query), args...)
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *row {
	if err := textArgs(query, args); err != nil {
		return &row{err: err}
	}
	if st := s.cachedStmt(ctx, query); st != nil {
		return &row{Row: st.QueryRowContext(ctx, args...)}
	}
	defer s.noteWrite(ctx, query)
	return &row{Row: s.conn(ctx).QueryRowContext(ctx, s.Rebind(query), args...)}
}

// prepare makes a prepared statement on the context's transaction, if any;
// its runs are checked like exec's.
func (s *Store) prepare(ctx context.Context, query string) (*stmt, error) {
	var st *sql.Stmt
	var err error
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		st, err = tx.PrepareContext(ctx, s.Rebind(query))
	} else {
		st, err = s.db.PrepareContext(ctx, s.Rebind(query))
	}
	if err != nil {
		return nil, err
	}
	return &stmt{Stmt: st, query: query, store: s}, nil
}

// insertID runs an INSERT … RETURNING id, which both engines support.
func (s *Store) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := s.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

package webtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// Seed is what every seeded database holds for the tests to look for.
type Seed struct {
	Creds []demo.Credential // the demo's sign-ins, one per role and org
	// Tickets are the desk tickets seeded in every org, by org slug: one
	// open from the portal, one walk-up fixed on the spot.
	Tickets map[string][]store.Ticket
	// Findings are the open findings seeded in every org, by org slug: one
	// laptop not encrypted, one with its firewall off (see SeedEstate). The
	// demo gives the councils hundreds more.
	Findings map[string][]finding.Finding
}

// template is a seeded database that tests get copies of.
type template struct {
	seed Seed
	copy func(t testing.TB) *store.Store // nil: the engine cannot copy, so each test seeds its own
}

var (
	mu        sync.Mutex
	templates = map[string]*template{}
	drops     []func()
)

// Main runs a package's tests, then removes the seeded templates. Call it
// from the package's TestMain: os.Exit(webtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	mu.Lock()
	defer mu.Unlock()
	for _, drop := range drops {
		drop()
	}
	return code
}

// OpenSeeded gives the test its own database on the engine, holding the
// demo, two desk tickets and three laptops in every org (see seed).
func OpenSeeded(t testing.TB, engine storetest.Engine) (*store.Store, Seed) {
	t.Helper()
	if engine.Name == "postgres" && storetest.PostgresURL() == "" {
		engine.Open(t) // skips, saying why
	}
	tpl := templateFor(t, engine)
	if tpl.copy == nil {
		st, _ := engine.Open(t)
		return st, seed(t, st)
	}
	return tpl.copy(t), tpl.seed
}

// seed fills an empty store as every web test expects it.
func seed(t testing.TB, st *store.Store) Seed {
	t.Helper()
	creds, err := demo.Seed(context.Background(), st, demo.Options{PasswordParams: auth.FastParams, Services: services(st)})
	if err != nil {
		t.Fatal(err)
	}
	return Seed{Creds: creds, Tickets: SeedDesk(t, st), Findings: SeedEstate(t, st)}
}

// templateFor builds the engine's template on first use; tests running in
// parallel wait for it rather than build their own.
func templateFor(t testing.TB, engine storetest.Engine) *template {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if tpl, ok := templates[engine.Name]; ok {
		return tpl
	}
	var tpl *template
	switch engine.Name {
	case "sqlite":
		tpl = sqliteTemplate(t)
	case "postgres":
		tpl = postgresTemplate(t)
	default:
		tpl = &template{}
	}
	templates[engine.Name] = tpl
	return tpl
}

// sqliteTemplate seeds a database file; each test copies the file. The
// store is closed first, so the file holds everything (SQLite folds its
// write-ahead log into the file when the last connection closes).
func sqliteTemplate(t testing.TB) *template {
	t.Helper()
	dir, err := os.MkdirTemp("", "ward-webtest-")
	if err != nil {
		t.Fatal(err)
	}
	drops = append(drops, func() { _ = os.RemoveAll(dir) })
	path := filepath.Join(dir, "ward.db")
	st := openMigrated(t, path)
	s := seed(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return &template{seed: s, copy: func(t testing.TB) *store.Store {
		t.Helper()
		dst := filepath.Join(t.TempDir(), "ward.db")
		for _, suffix := range []string{"", "-wal"} {
			if err := copyFile(path+suffix, dst+suffix); err != nil && !(suffix != "" && os.IsNotExist(err)) {
				t.Fatal(err)
			}
		}
		st := openMigrated(t, dst)
		t.Cleanup(func() { st.Close() })
		return st
	}}
}

// postgresTemplate seeds a database of its own; each test gets a database
// made from it with CREATE DATABASE … TEMPLATE, which copies files rather
// than replaying the seeding. Where the test server's user may not create
// databases, each test seeds its own schema as before.
func postgresTemplate(t testing.TB) *template {
	t.Helper()
	base := storetest.PostgresURL()
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	name := "wardtpl_" + randomHex(6)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Logf("cannot create a template database (%v): each test seeds its own", err)
		admin.Close()
		return &template{}
	}
	drops = append(drops, func() {
		_, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
		admin.Close()
	})
	st := openMigrated(t, withDatabase(base, name))
	s := seed(t, st)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return &template{seed: s, copy: func(t testing.TB) *store.Store {
		t.Helper()
		db := "wardtest_" + randomHex(6)
		if _, err := admin.Exec(`CREATE DATABASE ` + db + ` TEMPLATE ` + name); err != nil {
			t.Fatalf("copy the seeded database: %v", err)
		}
		// Cleanups run last first: the store closes before its database goes.
		t.Cleanup(func() { _, _ = admin.Exec(`DROP DATABASE IF EXISTS ` + db + ` WITH (FORCE)`) })
		st := openMigrated(t, withDatabase(base, db))
		t.Cleanup(func() { st.Close() })
		return st
	}}
}

// openMigrated opens a store and brings its schema up to date; the caller
// closes it.
func openMigrated(t testing.TB, location string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, location)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		t.Fatalf("migrate: %v", err)
	}
	return st
}

// withDatabase points a PostgreSQL URL at another database on its server.
func withDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	u.Path = "/" + name
	q := u.Query()
	q.Del("search_path")
	u.RawQuery = q.Encode()
	return u.String()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// synchronous reads the setting a connection from s's pool runs with:
// 1 NORMAL, 2 FULL, 3 EXTRA.
func synchronous(t *testing.T, s *store.Store) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(`PRAGMA synchronous`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSQLiteSynchronousIsFullUnlessLowered(t *testing.T) {
	dir := t.TempDir()
	open := func(location string) (*store.Store, error) {
		s, err := store.Open(ctx, location)
		if err == nil {
			t.Cleanup(func() { s.Close() })
		}
		return s, err
	}
	t.Setenv(store.EnvSQLiteSynchronous, "")
	for _, c := range []struct {
		location, env string
		want          int
	}{
		{"a.db", "", 2},
		{"b.db?_synchronous=normal", "", 1},
		{"c.db?_synchronous=NORMAL", "full", 1},
		{"d.db", "normal", 1},
		{"e.db?_synchronous=full", "normal", 2},
		{"f.db?_synchronous=extra", "", 3},
	} {
		t.Setenv(store.EnvSQLiteSynchronous, c.env)
		s, err := open(filepath.Join(dir, c.location))
		if err != nil {
			t.Fatalf("%s (env %q): %v", c.location, c.env, err)
		}
		if got := synchronous(t, s); got != c.want {
			t.Errorf("%s (env %q): synchronous %d, want %d", c.location, c.env, got, c.want)
		}
		if _, err := os.Stat(filepath.Join(dir, strings.SplitN(c.location, "?", 2)[0])); err != nil {
			t.Errorf("%s: the file is not at the path before the ?: %v", c.location, err)
		}
	}
	t.Setenv(store.EnvSQLiteSynchronous, "")
	for _, bad := range []string{"g.db?_synchronous=off", "h.db?cache=shared"} {
		if _, err := open(filepath.Join(dir, bad)); err == nil {
			t.Errorf("%s opened, want a refusal", bad)
		}
	}
	t.Setenv(store.EnvSQLiteSynchronous, "off")
	if _, err := open(filepath.Join(dir, "i.db")); err == nil || !strings.Contains(err.Error(), "full, normal or extra") {
		t.Errorf("%s=off: %v, want a refusal naming the choices", store.EnvSQLiteSynchronous, err)
	}
}

// A backup taken while another goroutine commits orgs and audit entries is
// one snapshot: it passes the integrity check and its audit chain verifies
// to its head, it holds everything seeded before it began, and each org in
// it has the audit entry committed with it.
func TestBackupWhileWriting(t *testing.T) {
	s, _ := storetest.OpenSQLite(t)
	for i := range 50 {
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: fmt.Sprint("seed-", i), Name: "Seeded", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", OrgID: org.ID, Action: audit.OrgCreate, Target: fmt.Sprint("org:", org.ID)}); err != nil {
			t.Fatal(err)
		}
	}
	var stop atomic.Bool
	var wrote atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			err := s.InTx(ctx, func(ctx2 context.Context) error {
				org, err := s.CreateOrg(ctx2, store.NewOrg{Slug: fmt.Sprint("live-", i), Name: "Live", Kind: tenancy.KindCouncil})
				if err != nil {
					return err
				}
				_, err = s.Audit(ctx2, audit.Entry{Actor: "cli:test", OrgID: org.ID, Action: audit.OrgCreate, Target: fmt.Sprint("org:", org.ID)})
				return err
			})
			if err != nil {
				t.Error(err)
				return
			}
			wrote.Add(1)
		}
	}()
	for wrote.Load() < 5 {
		runtime.Gosched()
	}
	file := filepath.Join(t.TempDir(), "copy.db")
	b, err := s.Backup(ctx, file)
	atStop := wrote.Load()
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if b.File != file || b.Bytes <= 0 || b.AuditEntries < 50 {
		t.Errorf("backup result %+v", b)
	}

	cp, err := store.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var check string
	if err := cp.DB().QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check of the copy: %q %v", check, err)
	}
	n, brk, err := cp.VerifyAudit(ctx)
	if err != nil || brk != nil {
		t.Fatalf("audit chain of the copy: %v %v", brk, err)
	}
	if n != b.AuditEntries {
		t.Errorf("copy verifies %d entries, backup said %d", n, b.AuditEntries)
	}
	var orgs, audited, live int64
	if err := cp.DB().QueryRow(`SELECT count(*) FROM orgs`).Scan(&orgs); err != nil {
		t.Fatal(err)
	}
	if err := cp.DB().QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, string(audit.OrgCreate)).Scan(&audited); err != nil {
		t.Fatal(err)
	}
	if err := cp.DB().QueryRow(`SELECT count(*) FROM orgs WHERE slug LIKE 'live-%'`).Scan(&live); err != nil {
		t.Fatal(err)
	}
	if orgs < 50 || orgs != audited {
		t.Errorf("copy holds %d orgs and %d org.create entries: want at least the 50 seeded, each with its entry", orgs, audited)
	}
	if live < 5 || live > atStop+1 {
		t.Errorf("copy holds %d orgs written during the run; %d were committed before the backup began and %d by its end", live, 5, atStop)
	}
}

func TestBackupRefusesAnExistingFile(t *testing.T) {
	s, _ := storetest.OpenSQLite(t)
	file := filepath.Join(t.TempDir(), "there.db")
	if err := os.WriteFile(file, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.Backup(ctx, file)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("backup over an existing file: %v", err)
	}
	if got, _ := os.ReadFile(file); string(got) != "keep me" {
		t.Errorf("existing file now holds %q", got)
	}
}

func TestBackupOnPostgresSaysPgDump(t *testing.T) {
	s, _ := storetest.OpenPostgres(t)
	{
		file := filepath.Join(t.TempDir(), "copy.db")
		_, err := s.Backup(ctx, file)
		if !errors.Is(err, store.ErrBackupPostgres) || !strings.Contains(err.Error(), "pg_dump") {
			t.Fatalf("backup on PostgreSQL: %v", err)
		}
		if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a file was written: %v", err)
		}
	}
}

// A database whose audit chain was edited backs up to nothing: the check
// finds the break, and the copy that failed it is removed.
func TestBackupRemovesACopyThatFailsItsCheck(t *testing.T) {
	s, _ := storetest.OpenSQLite(t)
	for i := range 3 {
		if _, err := s.Audit(ctx, audit.Entry{Actor: "cli:test", Action: audit.View, Target: fmt.Sprint("/x/", i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{`DROP TRIGGER audit_log_no_update`, `UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 2`} {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(t.TempDir(), "copy.db")
	_, err := s.Backup(ctx, file)
	if err == nil || !strings.Contains(err.Error(), "audit chain broken") || !strings.Contains(err.Error(), "removed") {
		t.Fatalf("backup of an edited chain: %v", err)
	}
	for _, f := range []string{file, file + "-wal", file + "-shm"} {
		if _, err := os.Stat(f); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind: %v", f, err)
		}
	}
}

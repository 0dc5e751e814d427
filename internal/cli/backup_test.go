package cli_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// `ward backup FILE` on a SQLite database that another writer is busy with
// writes a copy that opens, passes its checks and holds the data; a second
// backup to the same FILE is refused, one line and exit 1, leaving it alone.
func TestBackupSQLite(t *testing.T) {
	s, db := storetest.OpenSQLite(t)
	if r := ward(db, "", "org", "add", "ashcombe", "--name", "London Borough of Ashcombe", "--kind", "council"); r.code != 0 {
		t.Fatalf("org add: %+v", r)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			if _, err := s.CreateOrg(context.Background(), store.NewOrg{Slug: fmt.Sprint("busy-", i), Name: "Busy", Kind: tenancy.KindCouncil}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	file := filepath.Join(t.TempDir(), "ward-copy.db")
	r := ward(db, "", "backup", file)
	stop.Store(true)
	wg.Wait()
	if r.code != 0 || !strings.Contains(r.stdout, "integrity ok, audit chain intact") || r.stderr != "" {
		t.Fatalf("backup: %+v", r)
	}
	if v := ward(file, "", "audit", "verify"); v.code != 0 || !strings.Contains(v.stdout, "audit log intact") {
		t.Fatalf("audit verify of the copy: %+v", v)
	}
	if l := ward(file, "", "org", "list"); l.code != 0 || !strings.Contains(l.stdout, "ashcombe") {
		t.Fatalf("org list of the copy: %+v", l)
	}

	before, _ := os.ReadFile(file)
	r = ward(db, "", "backup", file)
	if r.code != 1 || !strings.Contains(r.stderr, "already exists") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("backup over an existing file: %+v", r)
	}
	if after, _ := os.ReadFile(file); string(after) != string(before) {
		t.Error("the existing file was changed")
	}
}

func TestBackupRefusals(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.db")
	if r := ward(missing, "", "backup", filepath.Join(dir, "copy.db")); r.code != 1 || !strings.HasPrefix(r.stderr, "ward: backup: database ") {
		t.Errorf("backup of a database that is not there: %+v", r)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backup created the database it was asked to copy: %v", err)
	}
	_, db := storetest.OpenSQLite(t)
	if r := ward(db, "", "backup"); r.code != 2 || !strings.Contains(r.stderr, "usage: ward backup") {
		t.Errorf("backup without FILE: %+v", r)
	}
}

// On PostgreSQL the command says pg_dump is the tool, exit 2, and writes
// nothing: with no server reachable, and (when configured) with one.
func TestBackupPostgresAdvisesPgDump(t *testing.T) {
	locations := []string{"postgres://ward@db.invalid:5432/ward"}
	if storetest.PostgresURL() != "" {
		_, loc := storetest.OpenPostgres(t)
		locations = append(locations, loc)
	}
	for _, loc := range locations {
		file := filepath.Join(t.TempDir(), "copy.db")
		r := ward(loc, "", "backup", file)
		if r.code != 2 || !strings.Contains(r.stderr, "pg_dump --format=custom") || !strings.Contains(r.stderr, "pg_restore") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("backup on %s: %+v", store.Redact(loc), r)
		}
		if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a file was written: %v", err)
		}
	}
}

package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose own tool,
// pg_dump, takes a consistent dump of a running server.
var ErrBackupPostgres = errors.New("the database is PostgreSQL: back it up with pg_dump --format=custom and restore with pg_restore (see README, Backup)")

// EngineOf says which engine a database location names, without opening it.
func EngineOf(location string) Dialect {
	if isPostgresURL(location) {
		return Postgres
	}
	return SQLite
}

// Backup is what a backup wrote and found when it checked the copy.
type Backup struct {
	File         string
	Bytes        int64
	AuditEntries int64 // audit entries whose chain verified in the copy
}

// Backup writes a consistent copy of a SQLite database to file, which must
// not exist, while other connections go on writing: VACUUM INTO reads one
// snapshot, so the copy holds every commit before it began and none after.
// It then opens the copy and checks it — PRAGMA integrity_check, and the
// audit chain from the first entry to the head — and removes a copy that
// fails, so a file Backup leaves behind is one that passed.
func (s *Store) Backup(ctx context.Context, file string) (Backup, error) {
	b := Backup{File: file}
	if s.dialect != SQLite {
		return b, ErrBackupPostgres
	}
	if file == "" || strings.ContainsAny(file, "?#") {
		return b, fmt.Errorf("backup file %q: give a plain file path", file)
	}
	if _, err := os.Lstat(file); err == nil {
		return b, fmt.Errorf("%s already exists: ward will not overwrite it", file)
	} else if !errors.Is(err, os.ErrNotExist) {
		return b, fmt.Errorf("backup file %s: %w", file, err)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, file); err != nil {
		return b, fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := checkCopy(ctx, file, &b); err != nil {
		os.Remove(file)
		os.Remove(file + "-wal")
		os.Remove(file + "-shm")
		return b, fmt.Errorf("backup to %s failed its check, so the copy was removed: %w", file, err)
	}
	fi, err := os.Stat(file)
	if err != nil {
		return b, fmt.Errorf("backup file %s: %w", file, err)
	}
	b.Bytes = fi.Size()
	return b, nil
}

// checkCopy opens a backup and checks its pages and its audit chain.
func checkCopy(ctx context.Context, file string, b *Backup) error {
	cp, err := Open(ctx, file)
	if err != nil {
		return err
	}
	defer cp.Close()
	rows, err := cp.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return fmt.Errorf("integrity check: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check: %s", strings.Join(problems, "; "))
	}
	n, brk, err := cp.VerifyAudit(ctx)
	if err != nil {
		return fmt.Errorf("audit chain: %w", err)
	}
	if brk != nil {
		return fmt.Errorf("audit chain broken after %d entries: %v", n, brk)
	}
	b.AuditEntries = n
	return nil
}

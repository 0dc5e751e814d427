package cli

import (
	"errors"
	"fmt"

	"github.com/ward-shared-service/ward/internal/app"
)

// runBackup writes a checked copy of a SQLite database; on PostgreSQL it
// says to use pg_dump, with exit status 2, as for any other wrong call.
func runBackup(e *env, args []string) error {
	const usage = "backup [--database DB] FILE"
	fs := e.newFlags("backup", usage)
	pos, err := parseCommand(fs, args, usage, 1)
	if err != nil {
		return err
	}
	b, err := app.Backup(e.ctx, e.location(), pos[0])
	if errors.Is(err, app.ErrBackupPostgres) {
		return usagef("backup: %v", err)
	}
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(e.stdout, "backed up to %s (%d bytes): integrity ok, audit chain intact (%d entries)\n", b.File, b.Bytes, b.AuditEntries)
	return nil
}

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestTicketAttachCommands attaches a file to a ticket, refuses a program,
// lists the file and downloads it byte for byte.
func TestTicketAttachCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		dir := t.TempDir()
		ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council")
		csv := filepath.Join(dir, "t.csv")
		os.WriteFile(csv, []byte(oldDesk), 0o600)
		if r := ward(db, "", "import", "servicenow", "--org", "ashcombe", csv); r.code != 0 {
			t.Fatal(r.stderr)
		}
		log := filepath.Join(dir, "printer.log")
		os.WriteFile(log, []byte("jam at 09:00\n"), 0o600)
		exe := filepath.Join(dir, "tool.exe")
		os.WriteFile(exe, []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), 0o600)
		if r := ward(db, "", "ticket", "attach", "--org", "ashcombe", "INC1", log, exe); r.code != 1 || !strings.Contains(r.stderr, "tool.exe is not a file type") {
			t.Errorf("a program: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "ticket", "attach", "--org", "ashcombe", "INC1", log); r.code != 0 || !strings.Contains(r.stdout, "attached printer.log as 1 (text/plain") {
			t.Fatalf("attach: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "ticket", "attachments", "--org", "ashcombe", "INC1"); !strings.Contains(r.stdout, "printer.log") || strings.Contains(r.stdout, "tool.exe") {
			t.Errorf("list: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "ticket", "download", "--org", "ashcombe", "--output", "-", "INC1", "1"); r.code != 0 || r.stdout != "jam at 09:00\n" {
			t.Errorf("download: %d %q %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "ticket", "download", "--org", "ashcombe", "--output", "-", "INC1", "9"); r.code != 1 || !strings.Contains(r.stderr, "attachment 9 of ASH-INC1") {
			t.Errorf("a missing file: %d %s", r.code, r.stderr)
		}
	})
}

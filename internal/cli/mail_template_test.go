package cli_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestMailTemplateCommands sets an org's own wording from a file, shows it
// beside ward's defaults, refuses a subject that does not name the ticket,
// and resets it.
func TestMailTemplateCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "Hello {{.Caller}}, {{.Ref}} is fixed.\n", "mail-template", "set", "--org", "ashcombe", "--kind", "resolved",
			"--subject", "Fixed: {{.Ref}}", "--body-file", "-"); r.code != 0 {
			t.Fatalf("set: %d %s", r.code, r.stderr)
		}
		r := ward(db, "", "mail-template", "show", "--org", "ashcombe")
		if r.code != 0 || !strings.Contains(r.stdout, "== resolved (Ashcombe's own)\nSubject: Fixed: {{.Ref}}") ||
			!strings.Contains(r.stdout, "== logged (ward's default)") {
			t.Errorf("show: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "x", "mail-template", "set", "--org", "ashcombe", "--kind", "note", "--subject", "An update", "--body-file", "-")
		if r.code != 1 || !strings.Contains(r.stderr, "{{.Ref}}") {
			t.Errorf("a subject without the reference: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "mail-template", "reset", "--org", "ashcombe", "--kind", "resolved"); r.code != 0 {
			t.Fatalf("reset: %s", r.stderr)
		}
		if r := ward(db, "", "mail-template", "show", "--org", "ashcombe"); strings.Contains(r.stdout, "own") {
			t.Errorf("after reset: %s", r.stdout)
		}
	})
}

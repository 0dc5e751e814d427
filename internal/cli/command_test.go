package cli_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// Commands that work on one org, with their other required arguments. Each
// goes through the one preamble, so each must answer a missing or unknown
// --org the same way.
var orgCommands = [][]string{
	{"posture", "show"}, {"posture", "evaluate"}, {"posture", "domains"}, {"findings"},
	{"ticket", "list"}, {"ticket", "show", "INC1"}, {"ticket", "update", "INC1", "--reopen"}, {"person", "list"}, {"phone", "secret"},
	{"calendar", "show"}, {"sla", "policy", "show"}, {"sla", "recompute", "--from", "2026-01-01", "--to", "2026-01-31"},
	{"identity", "score"}, {"identity", "paths"}, {"warp", "advisories"}, {"warp", "sightings"},
	{"token", "create", "--role", "officer", "--name", "nightly"},
}

// commandWords is the command as its usage line names it: the leading words.
func commandWords(args []string) string {
	n := 0
	for n < len(args) && !strings.HasPrefix(args[n], "-") && strings.ToLower(args[n]) == args[n] {
		n++
	}
	return strings.Join(args[:n], " ")
}

func TestTheOrgPreambleAnswersEveryCommandAlike(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatalf("org add: %d %s", r.code, r.stderr)
		}
		for _, args := range orgCommands {
			name := commandWords(args)
			r := ward(db, "", args...)
			if r.code != 2 || !strings.HasPrefix(r.stderr, "ward: usage: ward "+name+" ") || !strings.Contains(r.stderr, "--org is required") ||
				strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("%s without --org: exit %d, %q; want 2 and one usage line", name, r.code, r.stderr)
			}
			r = ward(db, "", append(args, "--org", "nowhere")...)
			if want := "ward: --org: organisation nowhere not found (see 'ward org list')\n"; r.code != 1 || r.stderr != want {
				t.Errorf("%s --org nowhere: exit %d, %q; want 1 and %q", name, r.code, r.stderr, want)
			}
		}
		// The org that is there is found.
		if r := ward(db, "", "person", "list", "--org", "ashcombe", "--format", "json"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
			t.Errorf("person list --org ashcombe: exit %d, %q %q", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "org", "list", "--format", "xml"); r.code != 2 || !strings.Contains(r.stderr, `--format must be table or json, not "xml"`) {
			t.Errorf("org list --format xml: exit %d, %q", r.code, r.stderr)
		}
		if r := ward(db, "", "findings", "--org", "ashcombe", "--format", "html"); r.code != 2 || !strings.Contains(r.stderr, "table, json or csv") {
			t.Errorf("findings --format html: exit %d, %q", r.code, r.stderr)
		}
	})
}

func TestAWrongCallOpensNoDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	for _, args := range orgCommands {
		if r := ward(db, "", args...); r.code != 2 {
			t.Errorf("%s without --org: exit %d, want 2", commandWords(args), r.code)
		}
	}
	if r := ward(db, "", "org", "list", "surplus"); r.code != 2 {
		t.Errorf("org list with an argument: exit %d, want 2", r.code)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused call made the database file: %v", err)
	}
}

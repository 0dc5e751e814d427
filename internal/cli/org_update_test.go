package cli_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestOrgUpdateChangesTheReferencePrefix changes a prefix from the command
// line, refusing a malformed one and another org's (now or before) with
// the reasons, as the web and the API do.
func TestOrgUpdateChangesTheReferencePrefix(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		for _, slug := range []string{"ashcombe", "brentmere"} {
			if r := ward(db, "", "org", "add", slug, "--name", slug, "--kind", "council"); r.code != 0 {
				t.Fatalf("org add %s: %d %s", slug, r.code, r.stderr)
			}
		}
		if r := ward(db, "", "org", "update", "ashcombe"); r.code != 2 {
			t.Fatalf("org update without --ref-prefix: exit %d, want 2", r.code)
		}
		if r := ward(db, "", "org", "update", "ashcombe", "--ref-prefix", "a1"); r.code != 1 || !strings.Contains(r.stderr, "2 to 6 upper-case letters") {
			t.Fatalf("a malformed prefix: %d %q", r.code, r.stderr)
		}
		if r := ward(db, "", "org", "update", "nowhere", "--ref-prefix", "NOW"); r.code == 0 || !strings.Contains(r.stderr, "nowhere") {
			t.Fatalf("an unknown org: %d %q", r.code, r.stderr)
		}
		r := ward(db, "", "org", "update", "ashcombe", "--ref-prefix", "ashc")
		if r.code != 0 || !strings.Contains(r.stdout, "references now start ASHC-") || !strings.Contains(r.stdout, "were ASH-") {
			t.Fatalf("org update: %d %q %q", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "org", "update", "brentmere", "--ref-prefix", "ASH"); r.code != 1 || !strings.Contains(r.stderr, "another organisation") {
			t.Fatalf("Ashcombe's old prefix for Brentmere: %d %q", r.code, r.stderr)
		}
		if r := ward(db, "", "org", "list"); !strings.Contains(r.stdout, "ASHC") {
			t.Fatalf("org list after the change: %s", r.stdout)
		}
		if r := ward(db, "", "audit", "list", "--action", "org.ref-prefix"); r.code != 0 || !strings.Contains(r.stdout, "org:ashcombe") {
			t.Errorf("the change is not in the audit log: %d %q %q", r.code, r.stdout, r.stderr)
		}
	})
}

package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// An HR file that says someone left makes their still-enabled account a leaver
// finding at once: the import re-matches the accounts in its own
// transaction, with no separate identity analysis to remember.
func TestHRImportThatEndsSomeoneRaisesTheirLeaverFindingAtOnce(t *testing.T) {
	fixture := sharpHoundFixture(t)
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	both := write("hr-before.csv", "hr_id,name,email,upn,kind\n"+
		"E1,Dana Field,dana.field@ashcombe.gov.uk,DFM@testlab.local,staff\n"+
		"E2,Ann Other,ann.other@ashcombe.gov.uk,,staff\n")
	// HR records her leaving day, some weeks back, a day past the grace.
	left := write("hr-after.csv", "hr_id,name,email,upn,kind,left_on\n"+
		"E1,Dana Field,dana.field@ashcombe.gov.uk,DFM@testlab.local,staff,2026-01-05\n"+
		"E2,Ann Other,ann.other@ashcombe.gov.uk,,staff,\n")
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "", "import", "sharphound", "--org", "ashcombe", fixture); r.code != 0 {
			t.Fatalf("import: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "people", "import", "--org", "ashcombe", both); r.code != 0 {
			t.Fatalf("first HR file: %s %s", r.stdout, r.stderr)
		}
		r := ward(db, "", "people", "accounts", "--org", "ashcombe", "--leavers")
		if r.code != 0 || strings.Contains(r.stdout, "Dana Field") {
			t.Fatalf("Dana has not left yet, but is listed as a leaver: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "people", "accounts", "--org", "ashcombe")
		if r.code != 0 || !strings.Contains(r.stdout, "Dana Field") || !strings.Contains(r.stdout, "DFM@TESTLAB.LOCAL") {
			t.Fatalf("the HR import did not link Dana to her account: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "people", "import", "--org", "ashcombe", left); r.code != 0 {
			t.Fatalf("second HR file: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "people", "accounts", "--org", "ashcombe", "--leavers")
		if r.code != 0 || !strings.Contains(r.stdout, "Dana Field") {
			t.Errorf("ended by HR, Dana's enabled account is not listed as a leaver's: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "findings", "--org", "ashcombe", "--format", "json")
		if r.code != 0 || !strings.Contains(r.stdout, `"leaver-account-enabled"`) {
			t.Errorf("no leaver finding after the HR file ended Dana: %d %.400s %s", r.code, r.stdout, r.stderr)
		}
	})
}

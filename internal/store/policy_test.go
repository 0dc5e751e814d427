package store_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestPolicyAcceptancesAreOnlyEverInserted reads the store's own source:
// an acceptance is evidence, so no statement anywhere in the store may
// change or remove one.
func TestPolicyAcceptancesAreOnlyEverInserted(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatal("no store source", err)
	}
	altering := regexp.MustCompile("(?is)(UPDATE\\s+policy_acceptances|DELETE\\s+FROM\\s+policy_acceptances|INTO\\s+policy_acceptances[^`]*ON\\s+CONFLICT)")
	inserts := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := altering.Find(src); m != nil {
			t.Errorf("%s alters acceptances: %q", f, m)
		}
		inserts += len(regexp.MustCompile(`INSERT INTO policy_acceptances`).FindAll(src, -1))
	}
	if inserts == 0 {
		t.Fatal("found no insert of acceptances: the check reads the wrong files")
	}
}

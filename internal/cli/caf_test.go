package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestCAFCommands imports both WebCAF framework files from ../shared/data
// (the repository holds no copy of their text) and lists them as JSON:
// each version with its outcomes and their IGP statements.
func TestCAFCommands(t *testing.T) {
	dir := "../../../shared/data/caf"
	files := []string{filepath.Join(dir, "webcaf-cyber-assessment-framework-v3.2.yaml"), filepath.Join(dir, "webcaf-cyber-assessment-framework-v4.0.yaml")}
	if _, err := os.Stat(files[0]); err != nil {
		t.Skip("imports the WebCAF framework files in ../shared/data/caf, which a clone does not have")
	}
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		for _, f := range files {
			if r := ward(db, "", "caf", "import", f); r.code != 0 || !strings.Contains(r.stdout, "imported CAF") {
				t.Fatalf("import %s: %d %s %s", f, r.code, r.stdout, r.stderr)
			}
		}
		if r := ward(db, "", "caf", "import", files[1]); r.code != 1 || !strings.Contains(r.stderr, "CAF 4.0 is already imported") {
			t.Errorf("a second import: %d %s", r.code, r.stderr)
		}
		r := ward(db, "", "caf", "frameworks", "--format", "json")
		var got []struct {
			Version  string   `json:"version"`
			Profiles []string `json:"profiles"`
			Outcomes []struct {
				Code string `json:"code"`
				IGPs []struct{ ID, Column, Text string }
			} `json:"outcomes"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || r.code != 0 || len(got) != 2 {
			t.Fatalf("frameworks: %d %s %v", r.code, r.stderr, err)
		}
		want := map[string][2]int{"3.2": {39, 449}, "4.0": {41, 555}}
		for _, f := range got {
			n := 0
			for _, o := range f.Outcomes {
				for _, g := range o.IGPs {
					if g.ID == "" || g.Text == "" || g.Column == "" {
						t.Fatalf("CAF %s %s: an empty statement %+v", f.Version, o.Code, g)
					}
					n++
				}
			}
			if w := want[f.Version]; len(f.Outcomes) != w[0] || n != w[1] {
				t.Errorf("CAF %s: %d outcomes and %d statements, want %v", f.Version, len(f.Outcomes), n, w)
			}
		}
		if strings.Join(got[0].Profiles, ",") != "Baseline,Enhanced" {
			t.Errorf("3.2 profiles %v", got[0].Profiles)
		}
		if r := ward(db, "", "caf", "show", "4.0"); r.code != 0 || !strings.Contains(r.stdout, "A1.a   Board Direction") {
			t.Errorf("show: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "caf", "show", "9.9"); r.code != 1 || !strings.Contains(r.stderr, "CAF 9.9 has not been imported") {
			t.Errorf("show 9.9: %d %s", r.code, r.stderr)
		}
	})
}

package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// sharpHoundFixture is BloodHound CE's SharpHound v6 test domain in the
// shared data beside the checkout.
func sharpHoundFixture(t *testing.T) string {
	dir := filepath.Join("..", "..", "..", "shared", "data", "identity", "sharphound-v6")
	if _, err := os.Stat(filepath.Join(dir, "users.json")); err != nil {
		t.Skipf("the SharpHound fixture is not here (%v): it lives in ../shared/data beside the checkout", err)
	}
	return dir
}

func TestIdentityCommands(t *testing.T) {
	fixture := sharpHoundFixture(t)
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		r := ward(db, "", "import", "sharphound", "--org", "ashcombe", fixture)
		if r.code != 0 || !strings.Contains(r.stdout, "domain TESTLAB.LOCAL") || !strings.Contains(r.stdout, "9 of ") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "identity", "paths", "--org", "ashcombe", "--format", "json")
		var paths struct {
			Reaching   int `json:"reaching"`
			Principals []struct {
				Name string `json:"name"`
				Hops int    `json:"hops"`
				Path []struct {
					Name string `json:"name"`
					Edge string `json:"edge"`
				} `json:"path"`
			} `json:"principals"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &paths); err != nil || r.code != 0 {
			t.Fatalf("paths: %v %s %s", err, r.stdout, r.stderr)
		}
		var dfm []string
		for _, p := range paths.Principals {
			if p.Name == "DFM@TESTLAB.LOCAL" {
				for _, st := range p.Path {
					dfm = append(dfm, st.Name, st.Edge)
				}
			}
		}
		if paths.Reaching != 9 || strings.Join(dfm, " ") != "DFM@TESTLAB.LOCAL AdminTo WIN10.TESTLAB.LOCAL HasSession ADMINISTRATOR@TESTLAB.LOCAL " {
			t.Errorf("paths: %d reaching, DFM's path %q", paths.Reaching, dfm)
		}
		if r := ward(db, "", "identity", "score", "--org", "ashcombe"); r.code != 0 || !strings.Contains(r.stdout, "identity score") || !strings.Contains(r.stdout, "Attack paths to Tier Zero") {
			t.Errorf("score: %d %s %s", r.code, r.stdout, r.stderr)
		}
		// WIN10 into Tier Zero: DFM's path ends there, one step.
		r = ward(db, "", "identity", "tier-zero", "--org", "ashcombe", "add", "S-1-5-21-3130019616-2776909439-2417379446-1104", "--note", "jump box")
		if r.code != 0 {
			t.Fatalf("tier-zero add: %s %s", r.stdout, r.stderr)
		}
		r = ward(db, "", "identity", "show", "--org", "ashcombe", "S-1-5-21-3130019616-2776909439-2417379446-1105")
		if r.code != 0 || !strings.Contains(r.stdout, "path to Tier Zero: DFM@TESTLAB.LOCAL —AdminTo→ WIN10.TESTLAB.LOCAL\n") {
			t.Errorf("show DFM after WIN10 joined Tier Zero: %s %s", r.stdout, r.stderr)
		}
		bad := filepath.Join(t.TempDir(), "users.json")
		os.WriteFile(bad, []byte(`{"data":[{"ObjectIdentifier":"S-1-5-21-1-2-3-4","Properties":{"enabled":1}}],"meta":{"type":"users","version":6}}`), 0o600)
		r = ward(db, "", "import", "sharphound", "--org", "ashcombe", bad)
		if r.code != 1 || !strings.Contains(r.stderr, "users.json") || !strings.Contains(r.stderr, "$.data[0].Properties.enabled") {
			t.Errorf("a malformed file: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "identity", "paths", "--org", "ashcombe"); !strings.Contains(r.stdout, "DCSYNCDIRECT") {
			t.Errorf("a refused import changed the paths: %s", r.stdout)
		}
	})
}

package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestPeopleCommands: an HR file imported, listed, shown, a person added
// and edited, the summary, and a bad file refused naming line and column
// with nothing changed.
func TestPeopleCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if _, err := s.CreateOrg(context.Background(), store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil}); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "hr.csv")
		os.WriteFile(file, []byte("hr_id,name,email,kind,team,manager_hr_id,end_on\n"+
			"E1,Ada Lovelace,ada@ashcombe.example,staff,ICT,,\n"+
			"E2,Bob Smith,bob@ashcombe.example,contractor,ICT,E1,2099-01-01\n"), 0o600)
		r := ward(db, "", "people", "import", "--org", "ashcombe", file)
		if r.code != 0 || !strings.Contains(r.stdout, "hr.csv: 2 rows: 2 added, 0 updated, 0 unchanged, 0 ended") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte("hr_id,name,kind\nE3,Cat,wizard\n"), 0o600)
		if r := ward(db, "", "people", "import", "--org", "ashcombe", bad); r.code != 1 || !strings.Contains(r.stderr, "bad.csv: line 2: column kind:") {
			t.Errorf("bad file: %d %s", r.code, r.stderr)
		}
		r = ward(db, "", "people", "list", "--org", "ashcombe", "--kind", "contractor", "--format", "json")
		var listed []store.Person
		if err := json.Unmarshal([]byte(r.stdout), &listed); err != nil || len(listed) != 1 || listed[0].HRID != "E2" {
			t.Errorf("list: %v %s %s", err, r.stdout, r.stderr)
		}
		r = ward(db, "", "people", "show", "--org", "ashcombe", "ADA@ashcombe.example")
		if r.code != 0 || !strings.Contains(r.stdout, "Ada Lovelace") || !strings.Contains(r.stdout, "Bob Smith") {
			t.Errorf("show: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "people", "show", "--org", "ashcombe", "E9"); r.code != 1 || !strings.Contains(r.stderr, "person E9 not found in ashcombe") {
			t.Errorf("show nobody: %d %s", r.code, r.stderr)
		}
		r = ward(db, "", "people", "add", "--org", "ashcombe", "--name", "Cllr Cole", "--kind", "councillor", "--hr-id", "C1")
		if r.code != 0 || !strings.Contains(r.stdout, "added Cllr Cole") {
			t.Errorf("add: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "people", "edit", "--org", "ashcombe", "--team", "Members", "--manager", "E1", "C1")
		if r.code != 0 {
			t.Errorf("edit: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "people", "show", "--org", "ashcombe", "--format", "json", "C1")
		var shown struct {
			Kind, Team string
			Manager    *store.Person
		}
		if err := json.Unmarshal([]byte(r.stdout), &shown); err != nil || shown.Kind != "councillor" || shown.Team != "Members" ||
			shown.Manager == nil || shown.Manager.HRID != "E1" {
			t.Errorf("edited: %v %s", err, r.stdout)
		}
		if r := ward(db, "", "people", "edit", "--org", "ashcombe", "--email", "nope", "--kind", "wizard", "C1"); r.code != 1 ||
			!strings.Contains(r.stderr, "e-mail") || !strings.Contains(r.stderr, "staff, councillor") {
			t.Errorf("every mistake: %d %s", r.code, r.stderr)
		}
		r = ward(db, "", "people", "summary", "--all", "--format", "json")
		var sum []struct {
			Org   string
			Kinds []struct {
				Kind    string
				Current int
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &sum); err != nil || len(sum) != 1 || sum[0].Kinds[0].Current != 1 || sum[0].Kinds[1].Current != 1 {
			t.Errorf("summary: %v %s %s", err, r.stdout, r.stderr)
		}
		if r := ward(db, "", "people", "list", "--org", "ashcombe", "--state", "gone"); r.code != 2 {
			t.Errorf("bad state: %d %s", r.code, r.stderr)
		}
	})
}

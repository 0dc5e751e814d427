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

// TestTrainingCommands: a course added, completions imported (a bad file
// refused by line and column, nothing written), a briefing attended, and
// the status and overdue lists read back as JSON.
func TestTrainingCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx := context.Background()
		sys := tenancy.ForSystem(tenancy.JobTest)
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []store.Person{{Name: "Ann Lee", Email: "ann@ashcombe.gov.uk", Kind: "staff"}, {Name: "Cllr Dee", Email: "dee@ashcombe.gov.uk", Kind: "councillor"}} {
			p.OrgID = org.ID
			if _, err := s.CreatePerson(ctx, sys, p); err != nil {
				t.Fatal(err)
			}
		}
		run := func(code int, args ...string) string {
			t.Helper()
			r := ward(db, "", args...)
			if r.code != code {
				t.Fatalf("ward %s: exit %d, want %d\n%s%s", strings.Join(args, " "), r.code, code, r.stdout, r.stderr)
			}
			return r.stdout + r.stderr
		}
		run(0, "training", "course-add", "--org", "ashcombe", "--code", "CYB-101", "--title", "Cyber security essentials", "--kinds", "staff")
		run(0, "training", "course-add", "--org", "ashcombe", "--code", "BRF", "--title", "Members' briefing", "--kind", "briefing", "--kinds", "councillor")
		dir := t.TempDir()
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte("email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2099-01-01\nann@ashcombe.gov.uk,CYB-101,1/13/2026\n"), 0o600)
		if out := run(1, "training", "import", "--org", "ashcombe", bad); !strings.Contains(out, "bad.csv: line 3: column completed_on") {
			t.Errorf("bad file: %s", out)
		}
		good := filepath.Join(dir, "lms.csv")
		os.WriteFile(good, []byte("email,course_code,completed_on\nann@ashcombe.gov.uk,CYB-101,2000-01-01\n"), 0o600)
		if out := run(0, "training", "import", "--org", "ashcombe", good); !strings.Contains(out, "1 completions added") {
			t.Errorf("import: %s", out)
		}
		run(0, "training", "attend", "--org", "ashcombe", "--course", "BRF", "--day", "2000-01-02", "--person", "dee@ashcombe.gov.uk")
		var st struct {
			Kinds []struct {
				Kind    string  `json:"kind"`
				InScope int     `json:"in_scope"`
				Current int     `json:"current"`
				Percent float64 `json:"percent"`
			} `json:"kinds"`
			Courses []struct {
				InScope int `json:"in_scope"`
			} `json:"courses"`
		}
		if err := json.Unmarshal([]byte(run(0, "training", "status", "--org", "ashcombe", "--format", "json")), &st); err != nil {
			t.Fatal(err)
		}
		// Both completions are long past their year: nobody is current.
		if len(st.Kinds) != 4 || st.Kinds[0].Kind != "staff" || st.Kinds[0].InScope != 1 || st.Kinds[0].Current != 0 || st.Kinds[1].InScope != 1 || len(st.Courses) != 2 {
			t.Errorf("status %+v", st)
		}
		if out := run(0, "training", "overdue", "--org", "ashcombe"); !strings.Contains(out, "Ann Lee") || !strings.Contains(out, "CYB-101 (2000-12-31)") {
			t.Errorf("overdue: %s", out)
		}
		if out := run(0, "training", "check"); !strings.Contains(out, "ashcombe") {
			t.Errorf("check: %s", out)
		}
		if out := run(0, "training", "history", "--org", "ashcombe", "ann@ashcombe.gov.uk"); !strings.Contains(out, "2000-01-01") {
			t.Errorf("history: %s", out)
		}
	})
}

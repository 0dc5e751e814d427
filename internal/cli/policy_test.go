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

// TestPolicyCommands publishes a document from a Markdown file, reads the
// status as JSON in the documented shape, records a paper acceptance from
// a PNG scan (a text file named .pdf is refused by its content), and
// lists and shows the document.
func TestPolicyCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx := context.Background()
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		sys := tenancy.ForSystem(tenancy.JobTest)
		for _, p := range []store.Person{{Name: "Ann", Email: "ann@ashcombe.example"}, {Name: "Bob", Email: "bob@ashcombe.example"},
			{Name: "Cllr Cox", Email: "cox@ashcombe.example", Kind: "councillor"}} {
			p.OrgID = org.ID
			if _, err := s.CreatePerson(ctx, sys, p); err != nil {
				t.Fatal(err)
			}
		}
		dir := t.TempDir()
		md := filepath.Join(dir, "aup.md")
		os.WriteFile(md, []byte("# Acceptable use\n\nBe careful.\n"), 0o600)
		r := ward(db, "", "policy", "publish", "--org", "ashcombe", "--document", "acceptable-use", "--title", "Acceptable Use Statement",
			"--file", md, "--kinds", "staff", "--owner", "Head of ICT", "--review-on", "2027-06-01")
		if r.code != 0 || !strings.Contains(r.stdout, "version 1") || !strings.Contains(r.stdout, "2 people asked") {
			t.Fatalf("publish: %d %s %s", r.code, r.stdout, r.stderr)
		}
		status := func() []map[string]any {
			t.Helper()
			r := ward(db, "", "policy", "status", "--org", "ashcombe", "--format", "json")
			var out []map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
				t.Fatalf("status: %d %s %v", r.code, r.stdout, err)
			}
			return out
		}
		got := status()
		if len(got) != 1 || got[0]["document"] != "acceptable-use" || got[0]["version"] != 1.0 || got[0]["material"] != true ||
			got[0]["in_scope"] != 2.0 || got[0]["accepted"] != 0.0 || got[0]["percent"] != 0.0 || len(got[0]) != 6 {
			t.Fatalf("status %v", got)
		}
		png := filepath.Join(dir, "ann.png")
		os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o600)
		fake := filepath.Join(dir, "bob.pdf")
		os.WriteFile(fake, []byte("just words"), 0o600)
		if r := ward(db, "", "policy", "accept-paper", "--org", "ashcombe", "--document", "acceptable-use", "--person", "bob@ashcombe.example", "--scan", fake); r.code == 0 ||
			!strings.Contains(r.stderr, "PDF, PNG or JPEG") {
			t.Fatalf("a text scan was taken: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "policy", "accept-paper", "--org", "ashcombe", "--document", "acceptable-use", "--person", "ann@ashcombe.example", "--scan", png); r.code != 0 ||
			!strings.Contains(r.stdout, "image/png") {
			t.Fatalf("paper: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if got := status(); got[0]["accepted"] != 1.0 || got[0]["percent"] != 50.0 {
			t.Fatalf("after paper: %v", got)
		}
		r = ward(db, "", "policy", "list", "--org", "ashcombe")
		if r.code != 0 || !strings.Contains(r.stdout, "Acceptable Use Statement") || !strings.Contains(r.stdout, "50.0%") {
			t.Fatalf("list: %s %s", r.stdout, r.stderr)
		}
		r = ward(db, "", "policy", "show", "--org", "ashcombe", "--document", "acceptable-use")
		if r.code != 0 || !strings.Contains(r.stdout, "Be careful.") || !strings.Contains(r.stdout, "material") {
			t.Fatalf("show: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "policy", "link", "--org", "ashcombe", "--document", "acceptable-use", "--person", "bob@ashcombe.example"); r.code != 0 || !strings.Contains(r.stdout, "/accept/") {
			t.Fatalf("link: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "policy", "overdue", "--org", "ashcombe", "--format", "json"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
			t.Fatalf("nobody is past a deadline yet: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "policy", "remind", "--all"); r.code != 0 || !strings.Contains(r.stdout, "0 reminders") {
			t.Fatalf("remind: %s %s", r.stdout, r.stderr)
		}
	})
}

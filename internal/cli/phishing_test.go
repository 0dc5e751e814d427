package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestPhishingCommands: a Gophish export imported with `ward phishing
// import`, refused the second time without --replace, then read back by
// list, show, person and teams, as tables and JSON.
func TestPhishingCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx := context.Background()
		sys := tenancy.ForSystem(tenancy.JobTest)
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []store.Person{{Name: "Cara Jones", Email: "cara.jones@ashcombe.gov.uk", Team: "Housing"},
			{Name: "Dev Patel", Email: "dev.patel@ashcombe.gov.uk", Kind: "contractor", Team: "Housing"}} {
			p.OrgID = org.ID
			if _, err := s.CreatePerson(ctx, sys, p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreateCourse(ctx, sys, store.Course{OrgID: org.ID, Code: "PHISH-FOLLOWUP", Title: "Spotting a phish", Kind: "phishing"}); err != nil {
			t.Fatal(err)
		}
		file := "../service/phishingsvc/testdata/march-invoice.csv"
		r := ward(db, "", "phishing", "import", "--org", "ashcombe", "--campaign", "March invoice lure", "--enrol", "PHISH-FOLLOWUP", file)
		if r.code != 0 || !strings.Contains(r.stdout, "10 results, 2 not sent, 8 addresses matched nobody") || !strings.Contains(r.stdout, "enrolled 2 people") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "phishing", "import", "--org", "ashcombe", "--campaign", "March invoice lure", file); r.code != 1 || !strings.Contains(r.stderr, "replace") {
			t.Errorf("a second import without --replace: %d %s", r.code, r.stderr)
		}
		r = ward(db, "", "phishing", "list", "--org", "ashcombe", "--format", "json")
		var list []struct {
			ID     int64
			Name   string
			Funnel struct {
				Sent, Clicked int
				ClickedRate   float64 `json:"clicked_rate"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) != 1 || list[0].Funnel.Sent != 10 || list[0].Funnel.ClickedRate != 40 {
			t.Fatalf("list: %v %s %s", err, r.stdout, r.stderr)
		}
		id := strings.TrimSpace(strings.Split(strings.Split(ward(db, "", "phishing", "list", "--org", "ashcombe").stdout, "\n")[1], " ")[0])
		if r := ward(db, "", "phishing", "show", "--org", "ashcombe", id); r.code != 0 || !strings.Contains(r.stdout, "Housing") || !strings.Contains(r.stdout, "2 (100.0%)") {
			t.Errorf("show: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "phishing", "show", "--org", "ashcombe", "999"); r.code != 1 || !strings.Contains(r.stderr, "phishing campaign 999 not found") {
			t.Errorf("show of no campaign: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "phishing", "person", "--org", "ashcombe", "Cara.Jones@ashcombe.gov.uk"); r.code != 0 || !strings.Contains(r.stdout, "March invoice lure") || !strings.Contains(r.stdout, "clicked") {
			t.Errorf("person: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "phishing", "teams", "--org", "ashcombe"); r.code != 0 || !strings.Contains(r.stdout, "Housing") || !strings.Contains(r.stdout, "100.0% (2 of 2)") {
			t.Errorf("teams: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "phishing", "import", "--org", "ashcombe", file); r.code != 2 {
			t.Errorf("no --campaign: %d %s", r.code, r.stderr)
		}
	})
}

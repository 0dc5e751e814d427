package cli_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The SharpHound fixture's users carry no mail, so they match people by
// their sign-in names: DFM@TESTLAB.LOCAL is Dana's, who has left.
func TestPeopleAccountsCommand(t *testing.T) {
	fixture := sharpHoundFixture(t)
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		sys := tenancy.ForSystem(tenancy.JobTest)
		org, err := s.OrgBySlug(context.Background(), sys, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []store.Person{
			{OrgID: org.ID, Name: "Dana Field", Email: "dana.field@ashcombe.gov.uk", UPN: "DFM@testlab.local", LeftOn: "2026-01-05"},
			{OrgID: org.ID, Name: "Ann Other", Email: "ann.other@ashcombe.gov.uk"},
		} {
			if _, err := s.CreatePerson(context.Background(), sys, p); err != nil {
				t.Fatal(err)
			}
		}
		if r := ward(db, "", "import", "sharphound", "--org", "ashcombe", fixture); r.code != 0 {
			t.Fatalf("import: %s %s", r.stdout, r.stderr)
		}
		r := ward(db, "", "people", "accounts", "--org", "ashcombe", "--leavers", "--format", "json")
		var out struct {
			View     string `json:"view"`
			Accounts []struct {
				PersonName  string `json:"person_name"`
				AccountName string `json:"account_name"`
				MatchedBy   string `json:"matched_by"`
				LeftOn      string `json:"left_on"`
			} `json:"accounts"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || r.code != 0 {
			t.Fatalf("leavers: %v %d %s %s", err, r.code, r.stdout, r.stderr)
		}
		if len(out.Accounts) != 1 || out.Accounts[0].AccountName != "DFM@TESTLAB.LOCAL" || out.Accounts[0].PersonName != "Dana Field" ||
			out.Accounts[0].MatchedBy != "upn" || out.Accounts[0].LeftOn != "2026-01-05" {
			t.Errorf("leavers with enabled accounts: %+v", out.Accounts)
		}
		r = ward(db, "", "people", "accounts", "--org", "ashcombe", "--unmatched")
		if r.code != 0 || !strings.Contains(r.stdout, "1 current people have no account") || !strings.Contains(r.stdout, "Ann Other") ||
			strings.Contains(r.stdout, "Dana Field") {
			t.Errorf("unmatched: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "findings", "--org", "ashcombe", "--format", "json")
		if r.code != 0 || !strings.Contains(r.stdout, `"leaver-account-enabled"`) || !strings.Contains(r.stdout, `"person-no-account"`) {
			t.Errorf("findings after the import: %d %.400s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "people", "accounts", "--org", "ashcombe", "--leavers", "--unmatched"); r.code != 2 {
			t.Errorf("both views at once: exit %d, want 2 (%s)", r.code, r.stderr)
		}
	})
}

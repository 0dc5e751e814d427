package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// An export with the quirks real ServiceNow exports carry: a state of the
// instance's own (line 3), an update count written twice (lines 5 and 6)
// and an update stamped before the incident was opened (line 7).
const quirkyDesk = `number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at,contact_type
INC7,New,0,4/3/2024 09:00,4/3/2024 09:00,3 - Moderate,?,Phone
INC7,-100,1,4/3/2024 09:00,4/3/2024 10:00,3 - Moderate,?,Phone
INC8,New,0,4/3/2024 09:00,4/3/2024 09:05,3 - Moderate,?,Phone
INC8,Active,1,4/3/2024 09:00,4/3/2024 09:40,3 - Moderate,?,Phone
INC8,Resolved,1,4/3/2024 09:00,4/3/2024 11:00,3 - Moderate,4/3/2024 11:00,Phone
INC9,Active,0,4/3/2024 09:00,4/3/2024 08:30,4 - Low,?,Email
`

func TestImportServiceNowMendsQuirksUnlessStrict(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		file := filepath.Join(t.TempDir(), "quirky.csv")
		os.WriteFile(file, []byte(quirkyDesk), 0o600)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}

		r := ward(db, "", "import", "servicenow", "--org", "ashcombe", "--strict", file)
		want := `quirky.csv: line 3: column "incident_state": "-100" is not an incident state ward knows`
		if r.code != 1 || !strings.Contains(r.stderr, want) || !strings.Contains(r.stderr, "nothing was imported") {
			t.Fatalf("--strict: exit %d %q; want 1 naming file, line and column", r.code, r.stderr)
		}
		if list := ward(db, "", "ticket", "list", "--org", "ashcombe", "--format", "json"); strings.Contains(list.stdout, "INC") {
			t.Fatalf("a refused import left tickets: %s", list.stdout)
		}

		r = ward(db, "", "import", "servicenow", "--org", "ashcombe", file)
		if r.code != 0 || !strings.Contains(r.stdout, "3 tickets: 3 new") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		for _, line := range []string{
			"repaired 3 tickets (3 repairs; --strict refuses them instead):",
			`  line 3: ticket INC7: column "incident_state": "-100" is not a state ward knows: kept as written, and the SLA clocks run through it`,
			`  line 6: ticket INC8: column "sys_mod_count": 1 is also the count on line 5: the rows are put in order by sys_updated_at, then as they stand in the file`,
			`  line 7: ticket INC9: column "sys_updated_at": 4/3/2024 08:30 is before opened_at (4/3/2024 09:00): taken as 4/3/2024 09:00`,
		} {
			if !strings.Contains(r.stdout, line+"\n") {
				t.Errorf("the summary lacks %q:\n%s", line, r.stdout)
			}
		}
		if show := ward(db, "", "ticket", "show", "--org", "ashcombe", "INC7"); !strings.Contains(show.stdout, "INC7  P3  -100") {
			t.Errorf("INC7 is not shown in state -100 as written: %s %s", show.stdout, show.stderr)
		}

		r = ward(db, "", "import", "servicenow", "--org", "ashcombe", "--format", "json", file)
		var res struct {
			Unchanged       int `json:"unchanged"`
			RepairedTickets int `json:"repaired_tickets"`
			Repairs         []struct {
				Line   int    `json:"line"`
				Ticket string `json:"ticket"`
				Column string `json:"column"`
				What   string `json:"what"`
			} `json:"repairs"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatal(err, r.stdout)
		}
		if res.Unchanged != 3 || res.RepairedTickets != 3 || len(res.Repairs) != 3 ||
			res.Repairs[2].Line != 7 || res.Repairs[2].Ticket != "INC9" || res.Repairs[2].Column != "sys_updated_at" ||
			!strings.Contains(res.Repairs[2].What, "taken as 4/3/2024 09:00") {
			t.Errorf("json summary: %+v", res)
		}
	})
}

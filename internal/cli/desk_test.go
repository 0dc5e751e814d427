package cli_test

import (
	"encoding/json"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// A council's old desk export, two tickets: INC1 resolved in two working
// hours, INC2 (a Friday-afternoon P2) resolved on Monday morning.
const oldDesk = `number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at,contact_type,category
INC1,New,0,4/3/2024 09:00,4/3/2024 09:00,3 - Moderate,?,Phone,Printing
INC1,Active,1,4/3/2024 09:00,4/3/2024 09:30,3 - Moderate,?,Phone,Printing
INC1,Resolved,2,4/3/2024 09:00,4/3/2024 11:00,3 - Moderate,4/3/2024 11:00,Phone,Printing
INC2,New,0,8/3/2024 16:00,8/3/2024 16:00,2 - High,?,Email,Network
INC2,Resolved,1,8/3/2024 16:00,11/3/2024 10:00,2 - High,11/3/2024 10:00,Email,Network
`

func TestDeskCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "old-desk.csv")
		os.WriteFile(file, []byte(oldDesk), 0o600)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "", "import", "servicenow", file); r.code != 2 || !strings.Contains(r.stderr, "--org is required") {
			t.Errorf("import without --org: %d %q", r.code, r.stderr)
		}
		r := ward(db, "", "import", "servicenow", "--org", "ashcombe", file)
		if r.code != 0 || !strings.Contains(r.stdout, "2 tickets: 2 new") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "import", "servicenow", "--org", "ashcombe", file); !strings.Contains(r.stdout, "2 unchanged") {
			t.Errorf("second import: %s %s", r.stdout, r.stderr)
		}

		r = ward(db, "", "report", "sla", "--org", "ashcombe", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "json")
		if r.code != 0 {
			t.Fatalf("report: %s", r.stderr)
		}
		// A named period instead of the dates; not both, and only a known one.
		first, last, _ := desksvc.NamedPeriod("last-year", time.Now(), "Europe/London")
		if r := ward(db, "", "report", "sla", "--org", "ashcombe", "--period", "last-year", "--format", "json"); r.code != 0 ||
			!strings.Contains(r.stdout, `"from": "`+first.String()+`"`) || !strings.Contains(r.stdout, `"to": "`+last.String()+`"`) {
			t.Errorf("report for last year: %d %.200s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--org", "ashcombe", "--from", "2001-01-01", "--to", "2001-01-31"); r.code != 0 ||
			!strings.Contains(r.stdout, "No tickets were opened from 2001-01-01 to 2001-01-31") || strings.Contains(r.stdout, "P1") {
			t.Errorf("an empty period's table: %d %q", r.code, r.stdout)
		}
		if r := ward(db, "", "report", "sla", "--org", "ashcombe", "--period", "soon"); r.code != 2 || !strings.Contains(r.stderr, "last-quarter") {
			t.Errorf("an unknown period: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--org", "ashcombe", "--period", "last-year", "--from", "2024-03-01"); r.code != 2 {
			t.Errorf("a period and dates together: %d %s", r.code, r.stderr)
		}
		// Every council side by side: Ashcombe's two incidents beside a
		// second council that opened nothing.
		if r := ward(db, "", "org", "add", "brent", "--name", "Brent", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--all", "--from", "2024-03-01", "--to", "2024-03-31"); r.code != 0 ||
			!strings.Contains(r.stdout, "ASHCOMBE OPENED") || !strings.Contains(r.stdout, "BRENT OPENED") {
			t.Errorf("side by side: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--all", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "csv"); r.code != 0 ||
			!strings.HasPrefix(r.stdout, "type,priority,ashcombe_opened,ashcombe_percent_response_within_target,ashcombe_percent_resolved_within_target,brent_opened") ||
			!strings.Contains(r.stdout, "\nincident,P2,1,") || !strings.Contains(r.stdout, "\nincident,P3,1,") {
			t.Errorf("side by side as CSV: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--all", "--org", "ashcombe", "--period", "last-year"); r.code != 2 {
			t.Errorf("--all and --org together: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "report", "sla", "--org", "ashcombe"); r.code != 2 || !strings.Contains(r.stderr, "--period") {
			t.Errorf("no period at all: %d %s", r.code, r.stderr)
		}
		var rep struct {
			Priorities []struct {
				Priority         string  `json:"priority"`
				Opened           int     `json:"opened"`
				Resolved         int     `json:"resolved"`
				WithinTarget     int     `json:"within_target"`
				Percent          float64 `json:"percent_within_target"`
				MedianWorkingHrs float64 `json:"median_resolution_working_hours"`
			} `json:"priorities"`
			Channels []struct {
				Name  string `json:"name"`
				Count int    `json:"count"`
			} `json:"channels"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatal(err, r.stdout)
		}
		p2, p3 := rep.Priorities[1], rep.Priorities[2]
		// INC2: Friday 16:00–17:00 and Monday 09:00–10:00 is two working hours.
		if p2.Priority != "P2" || p2.Opened != 1 || p2.WithinTarget != 1 || p2.MedianWorkingHrs != 2 {
			t.Errorf("P2 row = %+v", p2)
		}
		if p3.Opened != 1 || p3.Resolved != 1 || p3.Percent != 100 || p3.MedianWorkingHrs != 2 {
			t.Errorf("P3 row = %+v", p3)
		}
		if len(rep.Channels) != 2 {
			t.Errorf("channels = %+v", rep.Channels)
		}
		for _, format := range []string{"csv", "html", "table"} {
			r := ward(db, "", "report", "sla", "--org", "ashcombe", "--from", "2024-03-01", "--to", "2024-03-31", "--format", format)
			if r.code != 0 || !strings.Contains(r.stdout, "P3") {
				t.Errorf("--format %s: %d %s", format, r.code, r.stderr)
			}
		}

		// A stricter P2 policy dated back: recompute names the ticket it turns.
		if r := ward(db, "", "sla", "policy", "set", "--org", "ashcombe", "--type", "incident", "--from", "2024-01-01", "--resolution", "P2=1h"); r.code != 0 {
			t.Fatalf("policy set: %s", r.stderr)
		}
		r = ward(db, "", "sla", "recompute", "--org", "ashcombe", "--from", "2024-03-01", "--to", "2024-03-31")
		if r.code != 0 || !strings.Contains(r.stdout, "2 tickets") || !strings.Contains(r.stdout, "INC2") || !strings.Contains(r.stdout, "breached") {
			t.Errorf("recompute: %d %s %s", r.code, r.stdout, r.stderr)
		}
		// An imported ticket keeps its source's number and is shown by its
		// reference, with or without the org's prefix.
		for _, ref := range []string{"INC2", "ASH-INC2", "ash-inc2"} {
			if r := ward(db, "", "ticket", "show", "--org", "ashcombe", ref); r.code != 0 || !strings.Contains(r.stdout, "breached") ||
				!strings.HasPrefix(r.stdout, "ASH-INC2 ") {
				t.Errorf("ticket show %s: %s %s", ref, r.stdout, r.stderr)
			}
		}
		if r := ward(db, "", "ticket", "update", "--org", "ashcombe", "ASH-INC2", "--priority", "P9"); r.code != 2 {
			t.Errorf("update with a bad priority: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "ticket", "update", "--org", "ashcombe", "INC2", "--reopen", "--note", "Back again"); r.code != 0 ||
			!strings.HasPrefix(r.stdout, "ASH-INC2 ") || !strings.Contains(r.stdout, "In progress") || !strings.Contains(r.stdout, "Back again") {
			t.Errorf("ticket update --reopen: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "org", "add", "brentmere", "--name", "Brentmere", "--kind", "council", "--ref-prefix", "BRM"); r.code != 0 ||
			!strings.Contains(r.stdout, "references BRM-") {
			t.Fatalf("org add --ref-prefix: %s %s", r.stdout, r.stderr)
		}
		if r := ward(db, "", "org", "add", "brentford", "--name", "Brentford", "--kind", "council", "--ref-prefix", "BRM"); r.code != 1 ||
			!strings.Contains(r.stderr, "BRM") {
			t.Errorf("a taken prefix: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "ticket", "show", "--org", "brentmere", "ASH-INC2"); r.code != 1 || !strings.Contains(r.stderr, "not found") && !strings.Contains(r.stderr, "no ticket") {
			t.Errorf("ashcombe's reference inside brentmere: %d %s %s", r.code, r.stdout, r.stderr)
		}

		// A bad row: nothing written, the line and column named, exit 1.
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte(oldDesk+"INC3,New,0,31/2/2024 16:00,1/3/2024 16:00,4 - Low,?,Phone,Email\n"+
			"INC3,Resolved,1,1/3/2024 16:00,4/3/2024 16:00,4 - Low,4/3/2024 16:00,Phone,Email\n"), 0o600)
		r = ward(db, "", "import", "servicenow", "--org", "ashcombe", bad)
		if r.code != 1 || !strings.Contains(r.stderr, "line 7") || !strings.Contains(r.stderr, `"opened_at"`) {
			t.Errorf("bad file: %d %q", r.code, r.stderr)
		}
		report := filepath.Join(dir, "rejected.csv")
		r = ward(db, "", "import", "servicenow", "--org", "ashcombe", "--skip-invalid", report, bad)
		if r.code != 0 || !strings.Contains(r.stdout, "skipped 1 tickets (2 rows)") {
			t.Errorf("skip-invalid: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if body, _ := os.ReadFile(report); !strings.Contains(string(body), "INC3") {
			t.Errorf("rejected rows report: %s", body)
		}
	})
}

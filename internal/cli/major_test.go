package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// One open P1 incident on payroll, brought over from a council's old desk.
const openPayroll = `number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at,contact_type,category
INC9,New,0,4/3/2024 09:00,4/3/2024 09:00,1 - Critical,?,Phone,Payroll
`

// TestMajorIncidentCommands runs a major incident from the command line:
// raised across two councils, updated, resolved, reviewed; and a
// maintenance window planned and listed.
func TestMajorIncidentCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		file := filepath.Join(t.TempDir(), "open.csv")
		os.WriteFile(file, []byte(openPayroll), 0o600)
		for _, org := range []string{"ashcombe", "brentmere"} {
			if r := ward(db, "", "org", "add", org, "--name", org, "--kind", "council"); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}
		if r := ward(db, "", "import", "servicenow", "--org", "ashcombe", file); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "", "major", "raise", "--org", "ashcombe", "--ticket", "INC9", "--every", "staff=soon"); r.code != 2 || !strings.Contains(r.stderr, "--every") {
			t.Errorf("a wrong --every: %d %s", r.code, r.stderr)
		}
		r := ward(db, "", "major", "raise", "--org", "ashcombe", "--ticket", "INC9", "--service", "Payroll", "--affects", "brentmere:Payroll:Civic Centre", "--every", "staff=30m")
		if r.code != 0 || !strings.Contains(r.stdout, "MI-1 open") || !strings.Contains(r.stdout, "brentmere: Payroll at Civic Centre") {
			t.Fatalf("raise: %d %s %s", r.code, r.stdout, r.stderr)
		}
		steps := [][]string{
			{"major", "update", "--audience", "public", "--phase", "identified", "--text", "We know the cause", "MI-1"},
			{"major", "resolve", "--note", "Payroll is back", "MI-1"},
			{"major", "review", "--cause", "A failed disk", "--lessons", "Alert on disks", "--action", "Add disk alerts|Infrastructure lead|2027-01-31", "MI-1"},
			{"maintenance", "add", "--org", "brentmere", "--service", "Email", "--site", "Civic Centre", "--from", "2030-01-01 19:00", "--to", "2030-01-01 21:00", "--description", "Patching"},
		}
		for _, args := range steps {
			if r := ward(db, "", args...); r.code != 0 {
				t.Fatalf("%v: %d %s %s", args, r.code, r.stdout, r.stderr)
			}
		}
		r = ward(db, "", "major", "show", "--format", "json", "MI-1")
		for _, want := range []string{`"state": "resolved"`, `"cause": "A failed disk"`, `"owner": "Infrastructure lead"`, `"body": "We know the cause"`} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("show lacks %s:\n%s", want, r.stdout)
			}
		}
		if r := ward(db, "", "major", "list", "--org", "ashcombe"); r.code != 0 || !strings.Contains(r.stdout, "MI-1") {
			t.Errorf("list: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "maintenance", "list", "--format", "json"); r.code != 0 || !strings.Contains(r.stdout, `"service": "Email"`) {
			t.Errorf("maintenance list: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "major", "show", "MI-99"); r.code != 1 {
			t.Errorf("an unknown major incident: %d %s", r.code, r.stderr)
		}
	})
}

// TestMajorSettingsJSONMatchesAPI: the CLI prints settings in the API's
// shape, durations in minutes, so one's output feeds the other.
func TestMajorSettingsJSONMatchesAPI(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		r := ward(db, "", "major", "settings", "--org", "ashcombe", "--gap", "45m", "--burst", "3", "--window", "1h", "--format", "json")
		if r.code != 0 {
			t.Fatalf("settings: %d %s", r.code, r.stderr)
		}
		for _, want := range []string{`"notice_gap_minutes": 45`, `"burst_window_minutes": 60`, `"burst_tickets": 3`, `"critical_services": []`} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("settings JSON lacks %s:\n%s", want, r.stdout)
			}
		}
		if strings.Contains(r.stdout, "2700000000000") {
			t.Errorf("settings JSON still has nanoseconds:\n%s", r.stdout)
		}
	})
}

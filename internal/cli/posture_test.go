package cli_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// twoLaptops is a device file seen yesterday, whenever the test runs (the
// command runs on the real clock); the OS version is left out so that no
// vendor's end of support dates the test.
func twoLaptops() string {
	day := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	return strings.ReplaceAll(`serial,name,device_id,type,ownership,os,os_version,model,primary_user,last_seen,managed,malware_protection,signatures_updated,firewall,encrypted
SN-1,ASH-LT-1,,laptop,council,windows,,Latitude 7450,a@ashcombe.gov.uk,DAY,yes,yes,DAY,no,yes
SN-2,ASH-LT-2,,laptop,council,windows,,Latitude 7450,b@ashcombe.gov.uk,DAY,yes,yes,DAY,yes,no
`, "DAY", day)
}

func TestPostureCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		file := filepath.Join(t.TempDir(), "devices.csv")
		os.WriteFile(file, []byte(twoLaptops()), 0o600)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := ward(db, "", "posture", "domains", "--org", "ashcombe", "set", "ashcombe.gov.uk"); r.code != 0 || !strings.Contains(r.stdout, "ashcombe.gov.uk") {
			t.Fatalf("domains: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r := ward(db, "", "import", "devices", "--org", "ashcombe", file)
		if r.code != 0 || !strings.Contains(r.stdout, "2 devices read, 2 new") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "import", "devices", "--org", "ashcombe", "--source", "get-mailbox", file); r.code != 2 {
			t.Errorf("a mailbox source for devices: %d %s", r.code, r.stderr)
		}

		r = ward(db, "", "findings", "--org", "ashcombe", "--state", "open", "--format", "json")
		var found []struct {
			ID      int64  `json:"id"`
			Control string `json:"control"`
			Subject struct {
				Name string `json:"name"`
			} `json:"subject"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &found); err != nil {
			t.Fatalf("findings json: %v\n%s%s", err, r.stdout, r.stderr)
		}
		byName := map[string]int64{}
		for _, f := range found {
			byName[f.Subject.Name+" "+f.Control] = f.ID
		}
		if byName["ASH-LT-1 firewall"] == 0 || byName["ASH-LT-2 disk-encryption"] == 0 {
			t.Errorf("findings = %+v; want LT-1's firewall and LT-2's encryption", found)
		}

		r = ward(db, "", "findings", "--org", "ashcombe", "--control", "firewall", "--format", "csv")
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || len(rows) != 2 || rows[1][5] != "ASH-LT-1" {
			t.Errorf("findings csv = %q (%v)", r.stdout, err)
		}
		for _, bad := range [][]string{{"--state", "lost"}, {"--control", "no-such-control"}, {"--kind", "robot"}} {
			if r := ward(db, "", "findings", "--org", "ashcombe", bad[0], bad[1]); r.code != 2 || !strings.Contains(r.stderr, bad[0]+" must be") {
				t.Errorf("findings %s %s: %d %s; want a usage error naming the flag", bad[0], bad[1], r.code, r.stderr)
			}
		}
		if r := ward(db, "", "ticket", "list", "--org", "ashcombe", "--priority", "P9"); r.code != 2 || !strings.Contains(r.stderr, "--priority must be") {
			t.Errorf("ticket list --priority P9: %d %s; want a usage error naming the flag", r.code, r.stderr)
		}
		if r := ward(db, "", "ticket", "list", "--org", "ashcombe", "--sort", "sideways"); r.code != 2 || !strings.Contains(r.stderr, "--sort must be") {
			t.Errorf("ticket list --sort sideways: %d %s; want a usage error naming the flag", r.code, r.stderr)
		}
		if r := ward(db, "", "ticket", "list", "--org", "ashcombe", "--sort", "priority"); r.code != 0 {
			t.Errorf("ticket list --sort priority: %d %s", r.code, r.stderr)
		}

		id := byName["ASH-LT-1 firewall"]
		if r := ward(db, "", "finding", "accept", "--reason", "lab", "--owner", "Head of ICT", "--until", "2099-01-01", strconv.FormatInt(id, 10)); r.code != 1 || !strings.Contains(r.stderr, "expires") {
			t.Errorf("accept for 70 years: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "finding", "ticket", strconv.FormatInt(byName["ASH-LT-2 disk-encryption"], 10)); r.code != 0 || !strings.Contains(r.stdout, "remediation due") {
			t.Errorf("ticket: %d %s %s", r.code, r.stdout, r.stderr)
		}
		// The remediation ticket is nobody's yet: the unassigned list, as CSV, holds it.
		r = ward(db, "", "ticket", "list", "--org", "ashcombe", "--assigned", "unassigned", "--format", "csv")
		if rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll(); r.code != 0 || err != nil || len(rows) != 2 || rows[0][0] != "reference" || rows[1][10] != "" {
			t.Errorf("ticket list --assigned unassigned --format csv: %d %q %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "ticket", "list", "--org", "ashcombe", "--assigned", "mine"); r.code != 2 || !strings.Contains(r.stderr, "--assigned must be unassigned") {
			t.Errorf("ticket list --assigned mine at the command line: %d %s; want a usage error (the operator has no queue)", r.code, r.stderr)
		}
		r = ward(db, "", "posture", "show", "--org", "ashcombe")
		if r.code != 0 || !strings.Contains(r.stdout, "2 findings open") {
			t.Errorf("show: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "posture", "set", "--org", "ashcombe", "screen-lock", "max_idle_minutes=abc"); r.code != 1 || !strings.Contains(r.stderr, "max_idle_minutes") {
			t.Errorf("bad parameter: %d %s", r.code, r.stderr)
		}
	})
}

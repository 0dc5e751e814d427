package cli_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// Cells from an imported file go out of ward as text: the SLA report's
// CSV and the --skip-invalid reject file put a single quote before a cell
// a spreadsheet would run as a formula.
func TestCSVFromTheCommandNeutralisesFormulas(t *testing.T) {
	const (
		hyperlink = `=HYPERLINK("http://x","y")`
		dde       = `+cmd|' /C calc'!A0`
	)
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		dir := t.TempDir()
		file := filepath.Join(dir, "desk.csv")
		head := "number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at,contact_type,category\n"
		os.WriteFile(file, []byte(head+
			`INC1,New,0,4/3/2024 09:00,4/3/2024 09:00,3 - Moderate,?,Phone,"=HYPERLINK(""http://x"",""y"")"`+"\n"+
			`INC2,New,0,31/2/2024 16:00,1/3/2024 16:00,4 - Low,?,Phone,`+dde+"\n"), 0o600)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		rejects := filepath.Join(dir, "rejected.csv")
		r := ward(db, "", "import", "servicenow", "--org", "ashcombe", "--skip-invalid", rejects, file)
		if r.code != 0 || !strings.Contains(r.stdout, "1 new") || !strings.Contains(r.stdout, "skipped 1 tickets (1 rows)") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		body, err := os.ReadFile(rejects)
		if err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, string(body))
		if len(rows) != 2 || rows[1][1] != "INC2" || rows[1][len(rows[1])-1] != "'"+dde {
			t.Errorf("reject file:\n%s", body)
		}
		noFormulas(t, "reject file", rows)

		r = ward(db, "", "report", "sla", "--org", "ashcombe", "--from", "2024-03-01", "--to", "2024-03-31", "--format", "csv")
		if r.code != 0 {
			t.Fatalf("report: %d %s", r.code, r.stderr)
		}
		rows = readCSV(t, r.stdout)
		if !slices.ContainsFunc(rows, func(row []string) bool { return slices.Equal(row, []string{"'" + hyperlink, "1"}) }) {
			t.Errorf("no category row %q in\n%s", "'"+hyperlink, r.stdout)
		}
		noFormulas(t, "SLA report", rows)
	})
}

func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%v in\n%s", err, s)
	}
	return rows
}

// noFormulas fails on a cell a spreadsheet would run: one starting with
// =, + or @, or with - and not a number.
func noFormulas(t *testing.T, what string, rows [][]string) {
	t.Helper()
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+@\t\r", rune(cell[0])) {
				t.Errorf("%s: cell %q would run as a formula", what, cell)
			}
		}
	}
}

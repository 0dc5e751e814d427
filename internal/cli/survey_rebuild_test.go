package cli_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestSurveyRebuildDaysKeepsTheReport counts the demo's survey day counts
// again from the command line: it says how many days it wrote, the report
// reads the same afterwards, and the rebuild is in the audit log.
func TestSurveyRebuildDaysKeepsTheReport(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "demo"); r.code != 0 {
			t.Fatalf("demo: %d %s", r.code, r.stderr)
		}
		report := func() string {
			t.Helper()
			// Up to yesterday: the report reads the kept day counts for
			// every day before today.
			now := time.Now()
			r := ward(db, "", "report", "satisfaction", "--org", "ashcombe",
				"--from", now.AddDate(0, 0, -70).Format(time.DateOnly), "--to", now.AddDate(0, 0, -1).Format(time.DateOnly))
			if r.code != 0 {
				t.Fatalf("report: %d %s", r.code, r.stderr)
			}
			return r.stdout
		}
		before := report()
		if !strings.Contains(before, "ANSWERED") {
			t.Fatalf("the demo's report has no surveys: %s", before)
		}
		r := ward(db, "", "survey", "rebuild-days", "--org", "ashcombe")
		m := regexp.MustCompile(`survey counts rewritten for (\d+) days`).FindStringSubmatch(r.stdout)
		if r.code != 0 || m == nil {
			t.Fatalf("rebuild-days: %d %q %q", r.code, r.stdout, r.stderr)
		}
		if days, _ := strconv.Atoi(m[1]); days == 0 {
			t.Errorf("the demo's surveys fill no days: %s", r.stdout)
		}
		if after := report(); after != before {
			t.Errorf("the report changed with the rebuild:\nbefore %s\nafter  %s", before, after)
		}
		if r := ward(db, "", "audit", "list", "--action", "survey.rebuild-days"); r.code != 0 || !strings.Contains(r.stdout, "satisfaction surveys") {
			t.Errorf("the rebuild is not in the audit log: %d %q %q", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "survey", "rebuild-days", "--org", "nowhere"); r.code == 0 || !strings.Contains(r.stderr, "nowhere") {
			t.Errorf("an unknown org: %d %q", r.code, r.stderr)
		}
	})
}

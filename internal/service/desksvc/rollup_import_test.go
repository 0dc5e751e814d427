package desksvc_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// serviceNowRows writes a ServiceNow event log of incidents numbered from
// first, opened on the given day of 2024 an hour apart; every third is still
// open, the others are resolved after 1 to 30 hours.
func serviceNowRows(first, n int, day string) string {
	var b strings.Builder
	opened, _ := time.Parse("2006-01-02 15:04", day+" 08:00")
	for i := range n {
		num, at := first+i, opened.Add(time.Duration(i)*time.Hour)
		pri := []string{"1 - Critical", "2 - High", "3 - Moderate", "4 - Low"}[num%4]
		stamp := func(t time.Time) string { return t.Format("2/1/2006 15:04") }
		fmt.Fprintf(&b, "INC%d,New,0,%s,%s,%s,?\n", num, stamp(at), stamp(at), pri)
		if num%3 != 0 {
			done := at.Add(time.Duration(1+num%30) * time.Hour)
			fmt.Fprintf(&b, "INC%d,Resolved,1,%s,%s,%s,%s\n", num, stamp(at), stamp(done), pri, stamp(done))
		}
	}
	return b.String()
}

// rollupRows is every rollup of an org as stored, and the months of its
// tickets whose rollup is missing or stale.
func rollupRows(t *testing.T, s *store.Store, orgID int64) (rows []string, notCurrent []int) {
	t.Helper()
	list, err := s.DB().QueryContext(ctx, `SELECT month, version, built_version, data FROM ticket_rollups
		WHERE org_id = $1 ORDER BY month`, orgID)
	if err != nil {
		t.Fatal(err)
	}
	defer list.Close()
	current := map[int]bool{}
	for list.Next() {
		var month int
		var version, built int64
		var data string
		if err := list.Scan(&month, &version, &built, &data); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, fmt.Sprintf("%d v%d b%d %s", month, version, built, data))
		current[month] = version == built && data != ""
	}
	opened, err := s.DB().QueryContext(ctx, `SELECT opened_at FROM tickets WHERE org_id = $1`, orgID)
	if err != nil {
		t.Fatal(err)
	}
	defer opened.Close()
	seen := map[int]bool{}
	for opened.Next() {
		var at time.Time
		if err := opened.Scan(&at); err != nil {
			t.Fatal(err)
		}
		m := at.UTC().Year()*100 + int(at.UTC().Month())
		if !current[m] && !seen[m] {
			notCurrent = append(notCurrent, m)
		}
		seen[m] = true
	}
	return rows, notCurrent
}

// An import (new tickets, and later rows for tickets already held) and a
// recompute bring the rollups of the months they touched up to date in their
// own transaction: no month is left for the report to count, and the report
// read from the rollups equals one counted afresh from every ticket. A
// refused import leaves the rollups exactly as they were.
func TestImportsAndRecomputesLeaveTheRollupsCurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-20 12:00") // March is the live month
		first, _ := calendar.ParseDate("2024-01-01")
		last, _ := calendar.ParseDate("2024-03-31")
		path := filepath.Join(t.TempDir(), "log.csv")
		head := "number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at\n"
		// Each step must leave every month current and a report that a
		// recount of every month agrees with.
		check := func(step string) {
			t.Helper()
			rows, notCurrent := rollupRows(t, s, org.ID)
			if len(rows) == 0 || len(notCurrent) > 0 {
				t.Fatalf("%s: months %v of the tickets have no current rollup (rollups: %d)", step, notCurrent, len(rows))
			}
			fromRollups, err := svc.SLAReport(ctx, operator, org, first, last)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.DB().ExecContext(ctx, `UPDATE ticket_rollups SET version = version + 1 WHERE org_id = $1`, org.ID); err != nil {
				t.Fatal(err)
			}
			recounted, err := svc.SLAReport(ctx, operator, org, first, last)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := json.Marshal(fromRollups)
			b, _ := json.Marshal(recounted)
			if string(a) != string(b) {
				t.Errorf("%s: the report from the rollups\n%s\ndiffers from a recount\n%s", step, a, b)
			}
		}

		jan, mar := serviceNowRows(100, 30, "2024-01-10"), serviceNowRows(200, 30, "2024-03-04")
		os.WriteFile(path, []byte(head+jan+mar), 0o600)
		if res, err := importFile(t, s, org.ID, path, false); err != nil || res.Created != 60 {
			t.Fatalf("first import: %+v, %v", res, err)
		}
		check("the first import")

		// The desk raises a ticket in the live month; then a later export
		// resolves a January ticket, adds January and March tickets, and
		// leaves the rest as they were.
		if _, err := svc.Open(ctx, agentOf(org.ID), desksvc.NewTicket{OrgID: org.ID, Title: "Printer jam", Priority: desk.P2}); err != nil {
			t.Fatal(err)
		}
		open102 := "INC102,New,0,10/1/2024 10:00,10/1/2024 10:00,3 - Moderate,?\n"
		if !strings.Contains(jan, open102) {
			t.Fatalf("INC102 is not open in\n%s", jan)
		}
		resolved := strings.Replace(jan, open102, open102+"INC102,Resolved,1,10/1/2024 10:00,12/1/2024 15:00,3 - Moderate,12/1/2024 15:00\n", 1)
		later := serviceNowRows(130, 5, "2024-01-20") + serviceNowRows(230, 12, "2024-03-18")
		os.WriteFile(path, []byte(head+resolved+mar+later), 0o600)
		res, err := importFile(t, s, org.ID, path, false)
		if err != nil || res.Created != 17 || res.Updated != 1 {
			t.Fatalf("second import: %+v, %v", res, err)
		}
		check("an import into a past month and the live month")

		// A refused import changes no rollup, though it had resolved a
		// January ticket and stored a first batch of new February and March
		// tickets when it met its bad last row.
		before, _ := rollupRows(t, s, org.ID)
		open105 := "INC105,New,0,10/1/2024 13:00,10/1/2024 13:00,2 - High,?\n"
		if !strings.Contains(jan, open105) {
			t.Fatalf("INC105 is not open in\n%s", jan)
		}
		bad := open105 + "INC105,Resolved,1,10/1/2024 13:00,11/1/2024 09:00,2 - High,11/1/2024 09:00\n" +
			serviceNowRows(2000, 1010, "2024-02-05") + "INC3999,New,0,31/02/2024 09:00,1/3/2024 09:00,3 - Moderate,?\n"
		os.WriteFile(path, []byte(head+bad), 0o600)
		if _, err := importFile(t, s, org.ID, path, false); err == nil || !strings.Contains(err.Error(), "opened_at") {
			t.Fatalf("the bad import: %v; want it refused at opened_at", err)
		}
		if after, _ := rollupRows(t, s, org.ID); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("a refused import changed the rollups:\nbefore %v\nafter  %v", before, after)
		}

		// A stricter policy, re-measured on purpose, moves January's verdicts.
		pol := desk.DefaultPolicy(desk.Incident)
		pol.EffectiveFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, london)
		pol.Targets[desk.P3] = desk.Target{Response: desk.Span{Amount: 1, Unit: desk.Hours}, Resolution: desk.Span{Amount: 2, Unit: desk.Hours}}
		if _, err := svc.SavePolicy(ctx, operator, org.ID, pol); err != nil {
			t.Fatal(err)
		}
		rc, err := svc.Recompute(ctx, operator, org.ID, time.Date(2024, 1, 1, 0, 0, 0, 0, london), time.Date(2024, 2, 1, 0, 0, 0, 0, london), false)
		if err != nil || rc.Changed == 0 {
			t.Fatalf("recompute: %+v, %v", rc, err)
		}
		check("a recompute of January")
	})
}

package desksvc_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/reader/callcsv"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestReimportedResolutionMakesACallAFirstTimeFix: a call answered at
// 09:00 on a ticket the old desk tool still showed open is not a fix; the
// next export shows the ticket resolved at 09:20, fifteen minutes after
// the call ended, by nobody else, and re-importing it must make the call a
// first-time fix without the call itself being written again.
func TestReimportedResolutionMakesACallAFirstTimeFix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		clockAt(s, "2024-03-04 12:00")
		path := filepath.Join(t.TempDir(), "incidents.csv")
		head := "number,incident_state,sys_mod_count,opened_at,sys_updated_at,priority,resolved_at\n"
		opened := "INC1,New,0,4/3/2024 09:00,4/3/2024 09:00,3 - Moderate,?\n"
		os.WriteFile(path, []byte(head+opened), 0o600)
		if _, err := importFile(t, s, org.ID, path, false); err != nil {
			t.Fatal(err)
		}
		at := func(hhmmss string) time.Time {
			v, err := time.ParseInLocation("2006-01-02 15:04:05", "2024-03-04 "+hhmmss, london)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		if _, err := svc.ImportCalls(ctx, operator, org, "calls.csv", []callcsv.Call{{Line: 2, CallID: "c1", Queued: at("09:00:00"),
			Answered: at("09:00:10"), Ended: at("09:05:00"), Outcome: callcsv.Answered, Agent: "Ann", Queue: "Service desk",
			TicketRef: "INC1"}}); err != nil {
			t.Fatal(err)
		}
		day, _ := calendar.ParseDate("2024-03-04")
		fix := func() (fixed, withTicket int) {
			t.Helper()
			r, err := svc.TelephonyReport(ctx, operator, org, day, day)
			if err != nil {
				t.Fatal(err)
			}
			return r.FirstTimeFix.Fixed, r.FirstTimeFix.WithTicket
		}
		if fixed, with := fix(); fixed != 0 || with != 1 {
			t.Fatalf("before the ticket was resolved: %d fixed of %d with a ticket, want 0 of 1", fixed, with)
		}
		resolved := "INC1,Resolved,1,4/3/2024 09:00,4/3/2024 09:20,3 - Moderate,4/3/2024 09:20\n"
		os.WriteFile(path, []byte(head+opened+resolved), 0o600)
		if res, err := importFile(t, s, org.ID, path, false); err != nil || res.Updated != 1 {
			t.Fatalf("re-import: %+v %v", res, err)
		}
		if fixed, with := fix(); fixed != 1 || with != 1 {
			t.Errorf("after the re-import resolved it: %d fixed of %d with a ticket, want 1 of 1", fixed, with)
		}
	})
}

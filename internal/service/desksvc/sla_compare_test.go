package desksvc_test

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestSLAReportShowsResponseAndRequests drives four P2 tickets through a
// working Monday under the default policies (response 1 working hour,
// resolution 8, target 90%) and reads the report a committee reads:
//
//	incident A  answered 09:30 (met)     resolved 11:00 (within)
//	incident B  answered 10:30 (missed)  resolved Tue 16:00 (15 working h: missed)
//	incident C  never answered: within its hour when last written, but
//	            read on Tuesday it has missed it, and counts as missed
//	request D   answered 09:10 (met)     resolved 10:00 (within)
//
// so incidents P2: 3 opened, response 1 of 3 (33.33%), resolved 1 of 2
// within (50%); requests P2: 1 opened, 1 of 1 and 1 of 1. Brent opened
// nothing, and its column in the comparison says so.
func TestSLAReportShowsResponseAndRequests(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash, brent := council(t, s, "ashcombe"), council(t, s, "brent")
		svc := desksvc.New(s)
		agent := agentOf(ash.ID)
		clockAt(s, "2024-03-04 09:00")
		open := func(title string, typ desk.Type) int64 {
			tk, err := svc.Open(ctx, agent, desksvc.NewTicket{OrgID: ash.ID, Title: title, Type: typ, Priority: desk.P2})
			if err != nil {
				t.Fatal(err)
			}
			return tk.ID
		}
		a, b, _, d := open("VPN down", desk.Incident), open("No email", desk.Incident), open("Slow PC", desk.Incident), open("New starter", desk.Request)
		step := func(when string, id int64, c desksvc.Change) {
			t.Helper()
			clockAt(s, when)
			if _, err := svc.Update(ctx, agent, id, c); err != nil {
				t.Fatal(err)
			}
		}
		step("2024-03-04 09:10", d, desksvc.Change{Note: "Account ordered", Respond: true})
		step("2024-03-04 09:30", a, desksvc.Change{Note: "Looking now", Respond: true})
		step("2024-03-04 10:00", d, desksvc.Change{State: desk.Resolved, Note: "Done"})
		step("2024-03-04 10:30", b, desksvc.Change{Note: "Looking now", Respond: true})
		step("2024-03-04 11:00", a, desksvc.Change{State: desk.Resolved, Note: "Router restarted"})
		step("2024-03-05 16:00", b, desksvc.Change{State: desk.Resolved, Note: "Mailbox repaired"})

		day, _ := calendar.ParseDate("2024-03-04")
		r, err := svc.SLAReport(ctx, operator, ash, day, day)
		if err != nil {
			t.Fatal(err)
		}
		type fig struct{ opened, respMeasured, respWithin, resolved, within int }
		get := func(rows []report.PriorityRow, p string) (fig, report.PriorityRow) {
			for _, row := range rows {
				if row.Priority == p {
					return fig{row.Opened, row.ResponseMeasured, row.ResponseWithinTarget, row.Resolved, row.WithinTarget}, row
				}
			}
			t.Fatalf("no %s row", p)
			return fig{}, report.PriorityRow{}
		}
		inc, incRow := get(r.Priorities, "P2")
		if want := (fig{3, 3, 1, 2, 1}); inc != want || incRow.Type != "incident" || incRow.PercentResponseWithinTarget != 33.33 ||
			incRow.ResponseTargetMet || incRow.ResponseTargetHours != 1 {
			t.Errorf("incidents P2: %+v %+v, want %+v, 33.33%% responded within the 1 working hour, missed", inc, incRow, want)
		}
		req, reqRow := get(r.Requests, "P2")
		if want := (fig{1, 1, 1, 1, 1}); req != want || reqRow.Type != "request" || !reqRow.ResponseTargetMet || !reqRow.TargetMet {
			t.Errorf("requests P2: %+v %+v, want %+v, both met", req, reqRow, want)
		}

		// The whole month is read from its rollup, which must keep the same.
		first, last := calendar.Date{Year: 2024, Month: 3, Day: 1}, calendar.Date{Year: 2024, Month: 3, Day: 31}
		month, err := svc.SLAReport(ctx, operator, ash, first, last)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := get(month.Priorities, "P2"); m != inc {
			t.Errorf("incidents P2 over March: %+v, over the day %+v", m, inc)
		}
		if m, _ := get(month.Requests, "P2"); m != req {
			t.Errorf("requests P2 over March: %+v, over the day %+v", m, req)
		}

		cmp, err := svc.SLAComparison(ctx, operator, []store.Org{ash, brent}, day, day)
		if err != nil {
			t.Fatal(err)
		}
		if len(cmp.Councils) != 2 || cmp.Councils[0].Opened != 4 || cmp.Councils[0].Empty || !cmp.Councils[1].Empty || cmp.Empty() {
			t.Fatalf("comparison columns: %+v", cmp.Councils)
		}
		if len(cmp.Rows) != 8 || cmp.Rows[1].Type != "incident" || cmp.Rows[1].Priority != "P2" || cmp.Rows[5].Type != "request" {
			t.Fatalf("comparison rows: %+v", cmp.Rows)
		}
		if c := cmp.Rows[1].Councils; c[0].Opened != 3 || c[0].PercentWithinTarget != 50 || c[1].Opened != 0 {
			t.Errorf("incident P2 side by side: %+v", c)
		}
		if got := report.Percent(cmp.Rows[5].Councils[0].PercentResponseWithinTarget, 1, true); got != "100.0% met" {
			t.Errorf("request P2 response as shown: %q", got)
		}
	})
}

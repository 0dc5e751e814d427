package desksvc_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestListClocksAgreeWithTheHistories drives tickets through updates,
// pauses, a resolve and a reopen, a priority change and a recompute under
// a stricter policy, and after each step, and hours and days later, holds
// the clocks a list shows (kept with the tickets, brought forward) to the
// clocks measured from the histories. A write that forgot to keep its
// ticket's clock, or kept a stale one, fails here.
func TestListClocksAgreeWithTheHistories(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		agent := agentOf(org.ID)
		clockAt(s, "2024-03-04 09:00") // Monday
		var ids []int64
		for _, pr := range []desk.Priority{desk.P1, desk.P2, desk.P3, desk.P4} {
			tk, err := svc.Open(ctx, agent, desksvc.NewTicket{OrgID: org.ID, Title: "VPN drops " + pr.String(), Priority: pr})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, tk.ID)
		}
		check := func(step string) {
			t.Helper()
			for _, later := range []time.Duration{0, 90 * time.Minute, 26 * time.Hour, 9 * 24 * time.Hour} {
				now := s.Now()
				s.SetClock(func() time.Time { return now.Add(later) })
				var tickets []store.Ticket
				for _, id := range ids {
					tk, err := s.Ticket(ctx, tenancy.ScopeOf(org.ID), id)
					if err != nil {
						t.Fatal(err)
					}
					tickets = append(tickets, tk)
				}
				got, err := svc.ListClocks(ctx, agent, tickets)
				if err != nil {
					t.Fatal(err)
				}
				want, err := svc.MeasureAll(ctx, agent, tickets)
				if err != nil {
					t.Fatal(err)
				}
				for i := range tickets {
					g, w := got[i].Resolution, want[i].Resolution
					if g.Status != w.Status || g.Used != w.Used || g.Left != w.Left || g.Paused != w.Paused ||
						!g.Deadline.Equal(w.Deadline) || g.Warning != w.Warning {
						t.Errorf("%s, %v later, %s: the list shows\n %+v\nthe history says\n %+v", step, later, tickets[i].Ref, g, w)
					}
				}
				s.SetClock(func() time.Time { return now })
			}
		}
		check("opened")
		steps := []struct {
			when string
			id   int
			c    desksvc.Change
		}{
			{"2024-03-04 10:30", 0, desksvc.Change{State: desk.InProgress}},
			{"2024-03-04 11:00", 1, desksvc.Change{State: desk.AwaitingUser}},
			{"2024-03-04 15:00", 2, desksvc.Change{Priority: desk.P1}},
			{"2024-03-05 09:30", 1, desksvc.Change{State: desk.InProgress}},
			{"2024-03-05 10:00", 3, desksvc.Change{State: desk.Resolved}},
			{"2024-03-05 12:00", 0, desksvc.Change{State: desk.AwaitingSupplier}},
			{"2024-03-06 09:00", 3, desksvc.Change{Reopen: true}},
			{"2024-03-07 16:00", 1, desksvc.Change{State: desk.Resolved}},
		}
		for _, st := range steps {
			clockAt(s, st.when)
			if _, err := svc.Update(ctx, agent, ids[st.id], st.c); err != nil {
				t.Fatalf("%s: %v", st.when, err)
			}
			check(st.when)
		}
		// A stricter policy dated back: the list follows it at once, as the
		// ticket's page does, and after the recompute from the kept clocks.
		pol := desk.DefaultPolicy(desk.Incident)
		pol.EffectiveFrom = time.Date(2024, 3, 1, 0, 0, 0, 0, london)
		pol.Targets[desk.P4] = desk.Target{Response: desk.Span{Amount: 1, Unit: desk.Hours}, Resolution: desk.Span{Amount: 3, Unit: desk.Hours}}
		if _, err := svc.SavePolicy(ctx, operator, org.ID, pol); err != nil {
			t.Fatal(err)
		}
		check("policy saved")
		if _, err := svc.Recompute(ctx, operator, org.ID, pol.EffectiveFrom, pol.EffectiveFrom.AddDate(0, 1, 0), false); err != nil {
			t.Fatal(err)
		}
		check("recomputed")

		// The list reads the kept clocks, so the checks above could fail: a
		// kept clock an hour out shows an hour out.
		tk, err := s.Ticket(ctx, tenancy.ScopeOf(org.ID), ids[2])
		if err != nil {
			t.Fatal(err)
		}
		tk.SLA.Resolution.Used += time.Hour
		if err := s.SetMeasurement(ctx, tenancy.ScopeOf(org.ID), &tk); err != nil {
			t.Fatal(err)
		}
		tk, _ = s.Ticket(ctx, tenancy.ScopeOf(org.ID), ids[2])
		got, err := svc.ListClocks(ctx, agent, []store.Ticket{tk})
		if err != nil {
			t.Fatal(err)
		}
		want, err := svc.MeasureAll(ctx, agent, []store.Ticket{tk})
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Resolution.Used != want[0].Resolution.Used+time.Hour {
			t.Errorf("a tampered kept clock: the list shows %v used, the history %v", got[0].Resolution.Used, want[0].Resolution.Used)
		}
	})
}

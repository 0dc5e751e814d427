package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// naiveCounts is what SLACounts must say, counted ticket by ticket.
type naiveCounts struct {
	// by type (0 incident, 1 request) and priority
	opened, resolved, within, responded, respondedWithin [2][5]int

	categories map[string]int
	minutes    map[int64]int // P3 incidents only
}

func typeIndex(t desk.Type) int {
	if t == desk.Request {
		return 1
	}
	return 0
}

func countByHand(tickets []*store.Ticket, from, to time.Time) naiveCounts {
	n := naiveCounts{categories: map[string]int{}, minutes: map[int64]int{}}
	for _, t := range tickets {
		if t.OpenedAt.Before(from) || !t.OpenedAt.Before(to) {
			continue
		}
		ty := typeIndex(t.Type)
		n.opened[ty][t.Priority]++
		n.categories[t.Category]++
		if s := t.SLA.Response.Status; s == desk.Met || s == desk.Breached {
			n.responded[ty][t.Priority]++
			if s == desk.Met {
				n.respondedWithin[ty][t.Priority]++
			}
		}
		if !t.ResolvedAt.IsZero() {
			n.resolved[ty][t.Priority]++
			if t.SLA.Resolution.Used <= t.SLA.Resolution.Target {
				n.within[ty][t.Priority]++
			}
			if t.Priority == desk.P3 && ty == 0 {
				n.minutes[int64(t.SLA.Resolution.Used/time.Minute)]++
			}
		}
	}
	return n
}

func checkAgainstHand(t *testing.T, s *store.Store, orgID int64, tickets []*store.Ticket, from, to time.Time) {
	t.Helper()
	c, err := s.SLACounts(ctx, tenancy.ForSystem(tenancy.JobTest), orgID, from, to, []store.MonthBound{{Name: "all", From: from, To: to}})
	if err != nil {
		t.Fatal(err)
	}
	want := countByHand(tickets, from, to)
	total := 0
	for ty, counted := range []map[desk.Priority]*report.PriorityCounts{c.Priorities, c.Requests} {
		for _, p := range desk.Priorities {
			got := counted[p]
			g := [5]int{got.Opened, got.Resolved, got.WithinTarget, got.ResponseMeasured, got.ResponseWithinTarget}
			w := [5]int{want.opened[ty][p], want.resolved[ty][p], want.within[ty][p], want.responded[ty][p], want.respondedWithin[ty][p]}
			if g != w {
				t.Errorf("%s to %s: %s of type %d = %v (opened, resolved, within, responded, responded within), counted by hand %v",
					from, to, p, ty, g, w)
			}
			total += w[0]
		}
	}
	for _, nc := range c.Categories {
		if want.categories[nc.Name] != nc.Count {
			t.Errorf("%s to %s: category %s = %d, counted by hand %d", from, to, nc.Name, nc.Count, want.categories[nc.Name])
		}
	}
	hist := map[int64]int{}
	for _, mc := range c.Priorities[desk.P3].Minutes {
		hist[mc.Minutes] = mc.Count
	}
	if len(hist) != len(want.minutes) {
		t.Errorf("%s to %s: P3 histogram has %d bars, counted by hand %d", from, to, len(hist), len(want.minutes))
	}
	for m, n := range want.minutes {
		if hist[m] != n {
			t.Errorf("%s to %s: P3 tickets resolved in %d min = %d, counted by hand %d", from, to, m, hist[m], n)
		}
	}
	if len(c.Months) != 1 || c.Months[0].Count != total {
		t.Errorf("%s to %s: month count %v, counted by hand %d", from, to, c.Months, total)
	}
}

// The report reads whole months from rollups and the edges from tickets;
// whatever the period, and after tickets change, it must agree with a count
// made ticket by ticket.
func TestSLARollupsAgreeWithTheTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		rng := rand.New(rand.NewPCG(7, 11))
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		categories := []string{"Hardware", "Software", "Network", "Access"}
		var tickets []*store.Ticket
		for i := range 400 {
			tk := newTicket(a.ID, start.Add(time.Duration(rng.Int64N(int64(120*24*time.Hour)))).Truncate(time.Second))
			tk.Ref = ""
			tk.Priority = desk.Priority(1 + i%4)
			tk.Category = categories[rng.IntN(len(categories))]
			tk.SLA.Resolution = desk.Clock{Target: 16 * time.Hour}
			if i%3 == 0 {
				tk.Type = desk.Request
			}
			tk.SLA.Response.Status = []desk.Status{desk.Running, desk.Met, desk.Breached, desk.Met}[rng.IntN(4)]
			if rng.IntN(5) > 0 {
				tk.SLA.Resolution.Used = time.Duration(rng.IntN(40*60)) * time.Minute
				tk.ResolvedAt, tk.State = tk.OpenedAt.Add(tk.SLA.Resolution.Used), desk.Resolved
			}
			if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, nil); err != nil {
				t.Fatal(err)
			}
			tickets = append(tickets, tk)
		}
		// Another council's tickets in the same months must not count.
		for i := range 20 {
			if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), newTicket(b.ID, start.AddDate(0, 0, i*5)), nil); err != nil {
				t.Fatal(err)
			}
		}
		london, _ := time.LoadLocation("Europe/London")
		periods := [][2]time.Time{
			{start, start.AddDate(0, 4, 0)}, // whole UTC months: rollups only
			{time.Date(2026, 1, 1, 0, 0, 0, 0, london), time.Date(2026, 5, 1, 0, 0, 0, 0, london)}, // BST edge
			{start.Add(37 * time.Hour), start.AddDate(0, 2, 11).Add(5 * time.Minute)},              // ragged both ends
			{start.AddDate(0, 1, 3), start.AddDate(0, 1, 9)},                                       // inside one month
		}
		for _, p := range periods {
			checkAgainstHand(t, s, a.ID, tickets, p[0], p[1])
		}
		// Rollups now exist; change tickets and the report must follow.
		for _, tk := range tickets[:60] {
			if tk.ResolvedAt.IsZero() {
				tk.SLA.Resolution.Used = 3 * time.Hour
				tk.ResolvedAt, tk.State = tk.OpenedAt.Add(3*time.Hour), desk.Resolved
				if err := s.UpdateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, nil); err != nil {
					t.Fatal(err)
				}
				continue
			}
			tk.SLA.Resolution.Used += 17 * time.Hour
			tk.SLA.Priority = tk.Priority
			if err := s.SetMeasurement(ctx, tenancy.ForSystem(tenancy.JobTest), tk); err != nil {
				t.Fatal(err)
			}
		}
		moved := tickets[70] // an import may correct when a ticket was opened
		moved.OpenedAt = moved.OpenedAt.AddDate(0, 1, 0)
		if err := s.UpdateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), moved, nil); err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			checkAgainstHand(t, s, a.ID, tickets, p[0], p[1])
		}
		if err := s.RefreshTicketRollups(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID); err != nil {
			t.Fatal(err)
		}
		checkAgainstHand(t, s, a.ID, tickets, periods[0][0], periods[0][1])

		// Tickets measured before the report key held type and response
		// get them from migration 032, and the rollups are rebuilt.
		if err := s.RerunReportKeyMigration(ctx); err != nil {
			t.Fatal(err)
		}
		for _, p := range periods {
			checkAgainstHand(t, s, a.ID, tickets, p[0], p[1])
		}
	})
}

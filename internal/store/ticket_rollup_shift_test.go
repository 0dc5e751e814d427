package store_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The desk's own writes (raising, resolving, reopening, recategorising,
// reprioritising a ticket) shift the month's rollup in place: the rollups
// stay current, so the report reads no tickets, and they must still agree
// with a count made ticket by ticket.
func TestDeskWritesKeepTheRollupsCurrentAndRight(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		rng := rand.New(rand.NewPCG(23, 5))
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		whole := [2]time.Time{start, start.AddDate(0, 3, 0)}
		categories := []string{"Hardware", "Software", "Network"}
		newOne := func() *store.Ticket {
			tk := newTicket(a.ID, start.Add(time.Duration(rng.Int64N(int64(89*24*time.Hour)))).Truncate(time.Second))
			tk.Ref = ""
			tk.Priority = desk.Priority(1 + rng.IntN(4))
			tk.Category = categories[rng.IntN(len(categories))]
			tk.SLA.Resolution = desk.Clock{Target: 16 * time.Hour}
			return tk
		}
		var tickets []*store.Ticket
		for range 120 {
			tk := newOne()
			if err := s.CreateTicket(ctx, sys, tk, nil); err != nil {
				t.Fatal(err)
			}
			tickets = append(tickets, tk)
		}
		checkAgainstHand(t, s, a.ID, tickets, whole[0], whole[1]) // builds every month's rollup
		for i := range 200 {
			switch i % 5 {
			case 0: // raised at the desk
				tk := newOne()
				if err := s.CreateTicket(ctx, sys, tk, nil); err != nil {
					t.Fatal(err)
				}
				tickets = append(tickets, tk)
				continue
			}
			tk := tickets[rng.IntN(len(tickets))]
			switch {
			case tk.ResolvedAt.IsZero(): // resolved
				tk.SLA.Resolution.Used = time.Duration(rng.IntN(30*60)) * time.Minute
				tk.ResolvedAt, tk.State = tk.OpenedAt.Add(tk.SLA.Resolution.Used), desk.Resolved
			case i%5 == 1: // reopened
				tk.ResolvedAt, tk.State = time.Time{}, desk.InProgress
			case i%5 == 2:
				tk.Category = categories[rng.IntN(len(categories))]
			default:
				tk.Priority = desk.Priority(1 + rng.IntN(4))
			}
			tk.SLA.Priority = tk.Priority
			if err := s.UpdateTicket(ctx, sys, tk, nil); err != nil {
				t.Fatal(err)
			}
		}
		var stale int
		if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM ticket_rollups WHERE org_id = $1 AND built_version <> version`,
			a.ID).Scan(&stale); err != nil {
			t.Fatal(err)
		}
		if stale != 0 {
			t.Errorf("%d months went stale after the desk's writes", stale)
		}
		checkAgainstHand(t, s, a.ID, tickets, whole[0], whole[1])
		checkAgainstHand(t, s, a.ID, tickets, start.AddDate(0, 1, 0), start.AddDate(0, 2, 0))
	})
}

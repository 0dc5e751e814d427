package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Imports running side by side with the desk and with reports settle the
// same months' rollups at commit; on PostgreSQL they take the rollup's row
// lock in turn. Whatever the interleaving, every month ends current and
// agrees with a count made ticket by ticket.
func TestConcurrentWritersLeaveTheRollupsRight(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		whole := [2]time.Time{start, start.AddDate(0, 3, 0)}
		var mu sync.Mutex
		var tickets []*store.Ticket
		for i := range 40 { // January and February, with rollups built
			tk := newTicket(a.ID, start.Add(time.Duration(i)*31*time.Hour))
			if err := s.CreateTicket(ctx, sys, tk, nil); err != nil {
				t.Fatal(err)
			}
			tickets = append(tickets, tk)
		}
		checkAgainstHand(t, s, a.ID, tickets, whole[0], whole[1])
		desk0 := append([]*store.Ticket(nil), tickets...)

		var wg sync.WaitGroup
		errs := make(chan error, 100)
		for g := range 3 { // imports into January, February and March (no rollup yet)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for round := range 6 {
					var batch []*store.Ticket
					for j := range 30 {
						tk := newTicket(a.ID, start.Add(time.Duration(g*211+round*97+j*53)*time.Hour))
						tk.Ref, tk.Source = fmt.Sprintf("IMP-%d-%d-%d", g, round, j), "test"
						tk.Priority = desk.Priority(1 + j%4)
						if j%3 > 0 {
							tk.SLA.Resolution = desk.Clock{Used: time.Duration(j) * time.Hour, Target: 16 * time.Hour}
							tk.ResolvedAt, tk.State = tk.OpenedAt.Add(tk.SLA.Resolution.Used), desk.Resolved
						}
						batch = append(batch, tk)
					}
					err := s.InTx(ctx, func(ctx context.Context) error {
						return s.InsertTickets(ctx, sys, batch, make([][]desk.Event, len(batch)))
					})
					if err != nil {
						errs <- err
						return
					}
					mu.Lock()
					tickets = append(tickets, batch...)
					mu.Unlock()
				}
			}()
		}
		wg.Add(2)
		go func() { // the desk recategorises and resolves its own tickets
			defer wg.Done()
			for i, tk := range desk0 {
				tk.Category = []string{"Software", "Network"}[i%2]
				tk.SLA.Resolution = desk.Clock{Used: 2 * time.Hour, Target: 16 * time.Hour}
				tk.ResolvedAt, tk.State = tk.OpenedAt.Add(2*time.Hour), desk.Resolved
				if err := s.UpdateTicket(ctx, sys, tk, nil); err != nil {
					errs <- err
					return
				}
			}
		}()
		go func() { // reports meanwhile, which build any month not current
			defer wg.Done()
			for range 8 {
				if _, err := s.SLACounts(ctx, sys, a.ID, whole[0], whole[1], nil); err != nil {
					errs <- err
					return
				}
			}
		}()
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		var notCurrent int
		if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM ticket_rollups WHERE org_id = $1 AND built_version <> version`,
			a.ID).Scan(&notCurrent); err != nil {
			t.Fatal(err)
		}
		if notCurrent != 0 {
			t.Errorf("%d months were left stale", notCurrent)
		}
		checkAgainstHand(t, s, a.ID, tickets, whole[0], whole[1])
		for m := range 3 {
			checkAgainstHand(t, s, a.ID, tickets, start.AddDate(0, m, 0), start.AddDate(0, m+1, 0))
		}
	})
}

package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The list's count is kept between pages, so it must follow every way a
// ticket is written: created alone, added in bulk, updated to another
// state, inside a transaction that commits, and not one that rolls back.
func TestTicketCountFollowsEveryWrite(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		open := store.TicketFilter{OpenOnly: true}
		want := func(step string, n int) {
			t.Helper()
			for range 2 { // the second read is the kept one
				got, _, err := s.CountTickets(ctx, sys, open, 10000)
				if err != nil {
					t.Fatal(err)
				}
				if got != n {
					t.Fatalf("%s: the list counts %d open tickets, want %d", step, got, n)
				}
			}
		}
		want("empty", 0)
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		first := newTicket(a.ID, opened)
		first.Ref = "INC-90001" // apart from the bulk tickets' numbers
		if err := s.CreateTicket(ctx, sys, first, nil); err != nil {
			t.Fatal(err)
		}
		want("after one ticket is raised", 1)
		tiedTickets(t, s, 5, a.ID, b.ID)
		want("after ten are added in bulk", 11)
		first.State = desk.Resolved
		first.ResolvedAt = opened.Add(time.Hour)
		if err := s.UpdateTicket(ctx, sys, first, nil); err != nil {
			t.Fatal(err)
		}
		want("after one is resolved", 10)
		refused := errors.New("refused")
		err := s.InTx(ctx, func(ctx context.Context) error {
			if err := s.CreateTicket(ctx, sys, numbered(b.ID, opened, "INC-90002"), nil); err != nil {
				return err
			}
			if n, _, err := s.CountTickets(ctx, sys, open, 10000); err != nil || n != 11 {
				t.Errorf("inside the transaction the count is %d (%v), want its own write seen: 11", n, err)
			}
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatal(err)
		}
		want("after a rolled-back raise", 10)
		if err := s.InTx(ctx, func(ctx context.Context) error {
			return s.CreateTicket(ctx, sys, numbered(b.ID, opened, "INC-90003"), nil)
		}); err != nil {
			t.Fatal(err)
		}
		want("after a committed raise in a transaction", 11)
		one := store.TicketFilter{OrgID: b.ID, OpenOnly: true}
		if n, _, err := s.CountTickets(ctx, sys, one, 10000); err != nil || n != 6 {
			t.Errorf("one council's count is %d (%v), want 6: counts are kept per filter", n, err)
		}
	})
}

func numbered(org int64, opened time.Time, ref string) *store.Ticket {
	tk := newTicket(org, opened)
	tk.Ref = ref
	return tk
}

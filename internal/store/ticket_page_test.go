package store_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// tiedTickets stores n tickets in each org whose sort keys repeat: opened in
// groups of five at the same instant, four priorities, a deadline on two in
// three, one update time for all, and the same references in both orgs (a
// reference is unique only within its org).
func tiedTickets(t *testing.T, s *store.Store, n int, orgs ...int64) {
	t.Helper()
	start := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	var tickets []*store.Ticket
	var histories [][]desk.Event
	for _, org := range orgs {
		for i := range n {
			tk := newTicket(org, start.Add(time.Duration(i/5)*time.Hour))
			tk.Ref = fmt.Sprintf("INC-%05d", 10000+i)
			tk.ExternalID = fmt.Sprintf("ext-%d", i)
			tk.Source = "test"
			tk.Priority = desk.Priority(1 + i%4)
			if i%3 != 0 {
				tk.SLA.Resolution.Deadline = start.Add(time.Duration(i%7) * 24 * time.Hour)
			}
			tickets = append(tickets, tk)
			histories = append(histories, []desk.Event{{At: tk.OpenedAt, Kind: desk.Opened, State: desk.New, Priority: tk.Priority}})
		}
	}
	if err := s.InsertTickets(ctx, tenancy.ForSystem(tenancy.JobTest), tickets, histories); err != nil {
		t.Fatal(err)
	}
}

// walk pages through the list from the first page to the last and back,
// returning the ids in the order shown each way.
func walk(t *testing.T, s *store.Store, scope tenancy.Scope, f store.TicketFilter) (forward, back []int64) {
	t.Helper()
	var last *store.TicketCursor
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatal("paging forward never ends")
		}
		p, err := s.TicketPage(ctx, scope, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range p.Tickets {
			forward = append(forward, tk.ID)
		}
		if p.Next == nil {
			break
		}
		last, f.Cursor = p.Next, p.Next
	}
	if last == nil {
		return forward, nil
	}
	// From the last page, step back: the cursor before its first row.
	before := *last
	before.Before = true
	f.Cursor = &before
	var pagesBack [][]int64
	for pages := 0; f.Cursor != nil; pages++ {
		if pages > 100 {
			t.Fatal("paging back never ends")
		}
		p, err := s.TicketPage(ctx, scope, f)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, tk := range p.Tickets {
			ids = append(ids, tk.ID)
		}
		pagesBack = append(pagesBack, ids)
		f.Cursor = p.Prev
	}
	for i := len(pagesBack) - 1; i >= 0; i-- {
		back = append(back, pagesBack[i]...)
	}
	return forward, back
}

func TestTicketPagesShowEveryRowOnceInEachOrderBothWays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 37, a.ID, b.ID)
		scope := tenancy.ScopeOf(a.ID, b.ID)
		for _, sort := range store.TicketSorts {
			t.Run(string(sort), func(t *testing.T) {
				forward, back := walk(t, s, scope, store.TicketFilter{Sort: sort, Limit: 6})
				seen := map[int64]bool{}
				for _, id := range forward {
					if seen[id] {
						t.Fatalf("ticket %d shown twice paging forward: %v", id, forward)
					}
					seen[id] = true
				}
				if len(seen) != 74 {
					t.Errorf("paging forward showed %d tickets, want all 74", len(seen))
				}
				// Back from the end repeats the pages before the last.
				if want := forward[:len(back)]; !slices.Equal(back, want) {
					t.Errorf("paging back shows\n%v\nwant the same order as forward\n%v", back, want)
				}
				all, err := s.Tickets(ctx, scope, store.TicketFilter{Sort: sort, Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				var one []int64
				for _, tk := range all {
					one = append(one, tk.ID)
				}
				if !slices.Equal(one, forward) {
					t.Errorf("pages joined differ from one long page")
				}
			})
		}
		// The order itself: priority ascending, the newest first.
		p, err := s.TicketPage(ctx, scope, store.TicketFilter{Sort: store.SortPriority, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if first, last := p.Tickets[0], p.Tickets[len(p.Tickets)-1]; first.Priority != desk.P1 || last.Priority != desk.P4 {
			t.Errorf("priority order runs %v to %v, want P1 to P4", first.Priority, last.Priority)
		}
		n, more, err := s.CountTickets(ctx, scope, store.TicketFilter{Priority: desk.P2}, 10000)
		if err != nil || n != 18 || more {
			t.Errorf("count of P2 = %d (more %v, %v), want 18", n, more, err)
		}
		if n, more, _ := s.CountTickets(ctx, scope, store.TicketFilter{}, 50); n != 50 || !more {
			t.Errorf("count past a ceiling of 50 = %d (more %v), want 50 and more", n, more)
		}
	})
}

// A cursor is only a place in the list: one taken from a wider scope, or
// naming another org's ticket, still reads only the caller's tickets.
func TestTicketCursorFromAnotherScopeShowsOnlyOwnTickets(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 20, a.ID, b.ID)
		wide, err := s.TicketPage(ctx, tenancy.ScopeOf(a.ID, b.ID), store.TicketFilter{Limit: 3})
		if err != nil || wide.Next == nil {
			t.Fatalf("first page: %v", err)
		}
		encoded := wide.Next.Encode()
		cur, err := store.DecodeTicketCursor(encoded, store.SortOpened)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []store.TicketFilter{{Cursor: &cur}, {Cursor: &cur, OrgID: b.ID}} {
			for _, c := range []bool{false, true} {
				cur.Before = c
				got, err := s.Tickets(ctx, tenancy.ScopeOf(a.ID), f)
				if err != nil {
					t.Fatal(err)
				}
				for _, tk := range got {
					if tk.OrgID != a.ID {
						t.Errorf("a cursor showed %s of another org to a caller scoped to one", tk.Ref)
					}
				}
			}
		}
		if _, err := store.DecodeTicketCursor(encoded, store.SortRef); err == nil {
			t.Error("a cursor of the newest-first order was accepted for the reference order")
		}
		if _, err := store.DecodeTicketCursor("bm90IGEgY3Vyc29y", store.SortOpened); err == nil {
			t.Error("a made-up cursor was accepted")
		}
	})
}

// A filter that matches few tickets is sorted by the list itself on SQLite
// (ticketRunQuery's few): its pages, forwards and back, must still show
// exactly the matching tickets in the order the whole list has them.
func TestFewMatchingTicketsPageInEachOrderBothWays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 37, a.ID, b.ID)
		if _, err := s.DB().ExecContext(ctx, s.Rebind(`UPDATE tickets SET state = CASE WHEN id % 4 = 0
			THEN 'assigned' ELSE 'closed' END`)); err != nil {
			t.Fatal(err)
		}
		scope := tenancy.ScopeOf(a.ID, b.ID)
		for _, sort := range store.TicketSorts {
			t.Run(string(sort), func(t *testing.T) {
				all, err := s.Tickets(ctx, scope, store.TicketFilter{Sort: sort, Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, tk := range all {
					if tk.State == desk.Assigned {
						want = append(want, tk.ID)
					}
				}
				forward, back := walk(t, s, scope, store.TicketFilter{State: desk.Assigned, Sort: sort, Limit: 4})
				if !slices.Equal(forward, want) {
					t.Errorf("the assigned tickets page as\n%v\nwant the whole list's order\n%v", forward, want)
				}
				if !slices.Equal(back, forward[:len(back)]) {
					t.Errorf("paging back shows\n%v\nwant the same order as forward\n%v", back, forward)
				}
			})
		}
	})
}

package store_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkTicketList reads one page of 50 tickets for an agent whose scope
// is three councils holding a million tickets between them: the first page,
// a page deep in the list by cursor, each sort, and common filters; and the
// count the page shows. The target is 20 ms a page.
//
// The tickets are WARD_BENCH_TICKETS (default 1,000,000) fresh ones a
// run, or the demo councils of a database made by
// `ward demo --tickets 1000000`, named by WARD_BENCH_LIST_SQLITE (a file)
// or WARD_BENCH_LIST_POSTGRES (a URL).
func BenchmarkTicketList(b *testing.B) {
	for _, eng := range storetest.Engines() {
		b.Run(eng.Name, func(b *testing.B) {
			s, orgs := listBenchStore(b, eng)
			scope := tenancy.ScopeOf(orgs...)
			mid := time.Now().UTC().AddDate(0, -6, 0)
			deep := &store.TicketCursor{Sort: store.SortOpened, Time: mid, ID: 1 << 40}
			deepPriority := &store.TicketCursor{Sort: store.SortPriority, Int: 3, ID: 500_000}
			for _, c := range []struct {
				name string
				f    store.TicketFilter
			}{
				{"first", store.TicketFilter{}},
				{"deep", store.TicketFilter{Cursor: deep}},
				{"back", store.TicketFilter{Cursor: &store.TicketCursor{Sort: store.SortOpened, Before: true, Time: mid, ID: 1 << 40}}},
				{"sort=priority", store.TicketFilter{Sort: store.SortPriority}},
				{"sort=priority/deep", store.TicketFilter{Sort: store.SortPriority, Cursor: deepPriority}},
				{"sort=due", store.TicketFilter{Sort: store.SortDue}},
				{"sort=updated", store.TicketFilter{Sort: store.SortUpdated}},
				{"sort=ref", store.TicketFilter{Sort: store.SortRef}},
				{"state=open", store.TicketFilter{OpenOnly: true}},
				{"priority=P1", store.TicketFilter{Priority: desk.P1}},
				{"q=printer", store.TicketFilter{Search: "printer"}},
				{"state=new", store.TicketFilter{State: desk.New}},
				{"unassigned", store.TicketFilter{Unassigned: true}},
				{"state=assigned&sort=priority", store.TicketFilter{State: desk.Assigned, Sort: store.SortPriority}},
				{"state=open&sort=due", store.TicketFilter{OpenOnly: true, Sort: store.SortDue}},
			} {
				b.Run(c.name, func(b *testing.B) {
					c.f.Limit = 50
					for b.Loop() {
						p, err := s.TicketPage(ctx, scope, c.f)
						if err != nil {
							b.Fatal(err)
						}
						if len(p.Tickets) == 0 {
							b.Fatal("an empty page")
						}
					}
				})
			}
			b.Run("count", func(b *testing.B) {
				for b.Loop() {
					if _, more, err := s.CountTickets(ctx, scope, store.TicketFilter{}, 10000); err != nil || !more {
						b.Fatalf("count: more %v, %v", more, err)
					}
				}
			})
		})
	}
}

func listBenchStore(b *testing.B, eng storetest.Engine) (*store.Store, []int64) {
	b.Helper()
	env := map[string]string{"sqlite": "WARD_BENCH_LIST_SQLITE", "postgres": "WARD_BENCH_LIST_POSTGRES"}[eng.Name]
	if loc := os.Getenv(env); loc != "" {
		s, err := store.Open(ctx, loc)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		var ids []int64
		for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
			o, err := s.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
			if err != nil {
				b.Fatalf("%s: %v (make it with ward demo --tickets N)", loc, err)
			}
			ids = append(ids, o.ID)
		}
		return s, ids
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("WARD_BENCH_TICKETS")); err == nil && v > 0 {
		n = v
	}
	s, _ := eng.Open(b)
	var orgs []int64
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		o, err := s.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: slug + " council", Kind: tenancy.KindCouncil})
		if err != nil {
			b.Fatal(err)
		}
		orgs = append(orgs, o.ID)
	}
	seedListTickets(b, s, orgs, n)
	if s.Dialect() == store.Postgres {
		if _, err := s.DB().ExecContext(ctx, "VACUUM ANALYZE tickets"); err != nil {
			b.Fatal(err)
		}
	}
	return s, orgs
}

// seedListTickets writes n tickets over the last year across the orgs, with
// the spread of priorities, states and deadlines a desk has.
func seedListTickets(b testing.TB, s *store.Store, orgs []int64, n int) {
	rng := rand.New(rand.NewPCG(3, 4))
	now := time.Now().UTC()
	titles := []string{"Printer on floor 2 jams", "Laptop will not start", "Locked out after password change", "Wi-Fi drops in the chamber"}
	const batch = 5000
	for done := 0; done < n; {
		var tickets []*store.Ticket
		var histories [][]desk.Event
		for i := 0; i < batch && done < n; i++ {
			done++
			opened := now.Add(-time.Duration(rng.Float64() * float64(365*24*time.Hour))).Truncate(time.Second)
			t := &store.Ticket{OrgID: orgs[rng.IntN(len(orgs))], Ticket: desk.Ticket{Type: desk.Incident,
				Priority: desk.Priority(1 + rng.IntN(4)), Category: "Hardware", Channel: desk.Portal,
				Title: titles[rng.IntN(len(titles))], Caller: "Pat Jones", State: desk.Closed, OpenedAt: opened, ResolvedAt: opened.Add(time.Hour)}}
			t.SLA.Resolution = desk.Clock{Target: 16 * time.Hour, Used: time.Hour, Status: desk.Met}
			if rng.IntN(100) == 0 {
				t.State, t.ResolvedAt = desk.InProgress, time.Time{}
				t.SLA.Resolution = desk.Clock{Target: 16 * time.Hour, Status: desk.Running, Deadline: opened.Add(48 * time.Hour)}
			}
			tickets, histories = append(tickets, t), append(histories, nil)
		}
		if err := s.AddTickets(context.Background(), tenancy.ForSystem(tenancy.JobTest), tickets, histories); err != nil {
			b.Fatal(err)
		}
	}
}

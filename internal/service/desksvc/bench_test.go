package desksvc_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"

	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkImportServiceNow imports the 120k-row sample into a fresh SQLite
// database, the figure the issue compares with the sqlite3 shell's .import.
func BenchmarkImportServiceNow(b *testing.B) {
	path := sample(b)
	for b.Loop() {
		b.StopTimer()
		s, _ := storetest.OpenSQLite(b)
		org := council(b, s, "sample")
		b.StartTimer()
		if _, err := importFile(b, s, org.ID, path, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSLAReport builds the SLA report over a year of one council's
// tickets — a million by default (WARD_BENCH_TICKETS) — on each engine. The
// issue's target is under a second.
func BenchmarkSLAReport(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("WARD_BENCH_TICKETS")); err == nil && v > 0 {
		n = v
	}
	for _, eng := range storetest.Engines() {
		b.Run(eng.Name, func(b *testing.B) {
			s, _ := eng.Open(b)
			org := council(b, s, "big")
			seedTickets(b, s, org.ID, n)
			if s.Dialect() == store.Postgres {
				// What autovacuum does soon after a bulk load: statistics for
				// the planner, and the visibility map that lets index-only
				// scans skip the table.
				if _, err := s.DB().ExecContext(ctx, "VACUUM ANALYZE tickets"); err != nil {
					b.Fatal(err)
				}
			}
			first, _ := calendar.ParseDate("2025-01-01")
			last, _ := calendar.ParseDate("2025-12-31")
			svc := desksvc.New(s)
			held := n // the tickets the report must count
			report := func(b *testing.B) {
				r, err := svc.SLAReport(ctx, operator, org, first, last)
				if err != nil {
					b.Fatal(err)
				}
				total := 0
				for _, row := range r.Rows() { // incidents and requests
					total += row.Opened
				}
				if total != held {
					b.Fatalf("report counted %d tickets, want %d", total, held)
				}
			}
			// As after an import or a re-measure: every month's rollup is current.
			b.Run("rollups", func(b *testing.B) {
				if err := s.RefreshTicketRollups(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID); err != nil {
					b.Fatal(err)
				}
				for b.Loop() {
					report(b)
				}
			})
			// The live month: a ticket of the last month changed since the
			// last report, so that month is counted again from the tickets.
			b.Run("month-stale", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					if _, err := s.DB().ExecContext(ctx, "UPDATE ticket_rollups SET version = version + 1 WHERE month = 202512"); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					report(b)
				}
			})
			// The desk changed a ticket of the live month since the last
			// report: the write shifted that month's rollup, which stays current.
			b.Run("desk-write", func(b *testing.B) {
				var id int64
				if err := s.DB().QueryRowContext(ctx, `SELECT MAX(id) FROM tickets WHERE org_id = $1`, org.ID).Scan(&id); err != nil {
					b.Fatal(err)
				}
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					tk, err := s.Ticket(ctx, tenancy.ScopeOf(org.ID), id)
					if err != nil {
						b.Fatal(err)
					}
					tk.Category = []string{"Hardware", "Software"}[i%2]
					if err := s.UpdateTicket(ctx, tenancy.ScopeOf(org.ID), &tk, nil); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					report(b)
				}
			})
			// An import brought 100 tickets into the live month and 100 into
			// March since the last report: its transaction brought both
			// months' rollups up to date, so the report counts no tickets.
			b.Run("import", func(b *testing.B) {
				for i := 0; b.Loop(); i++ {
					b.StopTimer()
					var tickets []*store.Ticket
					for j := range 200 {
						opened := time.Date(2025, time.Month(3+9*(j%2)), 10, 9, j, 0, 0, time.UTC)
						t := &store.Ticket{OrgID: org.ID, Ticket: desk.Ticket{Ref: "IMP" + strconv.Itoa(i*1000+j), Source: "bench-import",
							Type: desk.Incident, Priority: desk.P3, Category: "Email", Channel: desk.Email, Title: "Imported ticket",
							State: desk.Closed, OpenedAt: opened, ResolvedAt: opened.Add(2 * time.Hour)}}
						t.SLA.Resolution = desk.Clock{Used: 2 * time.Hour, Target: 16 * time.Hour}
						tickets = append(tickets, t)
					}
					err := s.InTx(ctx, func(ctx context.Context) error {
						return s.InsertTickets(ctx, tenancy.ForSystem(tenancy.JobTest), tickets, make([][]desk.Event, len(tickets)))
					})
					if err != nil {
						b.Fatal(err)
					}
					held += len(tickets)
					b.StartTimer()
					report(b)
				}
			})
			// The worst case: a ticket changed in every month since the last
			// report, so each month is counted again from the tickets.
			b.Run("stale", func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					if _, err := s.DB().ExecContext(ctx, "UPDATE ticket_rollups SET version = version + 1"); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					report(b)
				}
			})
		})
	}
}

// seedTickets writes n measured tickets spread over 2025, one in a thousand
// still open with a short history.
func seedTickets(b testing.TB, s *store.Store, orgID int64, n int) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, london)
	year := time.Date(2026, 1, 1, 0, 0, 0, 0, london).Sub(start)
	categories := []string{"Hardware", "Software", "Account access", "Email", "Network", "Printing", "Telephony", "Security"}
	channels := []desk.Channel{desk.Portal, desk.Email, desk.Phone, desk.WalkUp, desk.Monitoring}
	targets := map[desk.Priority]time.Duration{desk.P1: 4 * time.Hour, desk.P2: 8 * time.Hour, desk.P3: 16 * time.Hour, desk.P4: 40 * time.Hour}
	const batch = 5000
	for done := 0; done < n; {
		err := s.InTx(ctx, func(ctx context.Context) error {
			var tickets []*store.Ticket
			var histories [][]desk.Event
			for i := 0; i < batch && done < n; i++ {
				done++
				opened := start.Add(time.Duration(float64(year) * float64(done-1) / float64(n))).UTC().Truncate(time.Second)
				pri := desk.Priority(1 + rng.IntN(4))
				used := time.Duration(rng.ExpFloat64() * float64(targets[pri]) / 2).Truncate(time.Minute)
				t := &store.Ticket{OrgID: orgID, Ticket: desk.Ticket{Ref: "B" + strconv.Itoa(done), Source: "bench", Type: desk.Incident,
					Priority: pri, Category: categories[rng.IntN(len(categories))], Channel: channels[rng.IntN(len(channels))],
					Title: "Benchmark ticket", State: desk.Closed, OpenedAt: opened, ResolvedAt: opened.Add(used)}}
				t.SLA.Resolution = desk.Clock{Used: used, Target: targets[pri]}
				var history []desk.Event
				if done%1000 == 0 {
					t.State, t.ResolvedAt = desk.InProgress, time.Time{}
					history = []desk.Event{{At: opened, Kind: desk.Opened, State: desk.New}, {At: opened.Add(time.Minute), Kind: desk.Moved, State: desk.InProgress}}
				}
				tickets, histories = append(tickets, t), append(histories, history)
			}
			return s.InsertTickets(ctx, tenancy.ForSystem(tenancy.JobTest), tickets, histories)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

package desksvc_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkTelephonyReport builds the telephony report over a year of one
// council's calls — a million by default (WARD_BENCH_CALLS) — beside 300,000
// tickets, one in three answered calls linked to one of them, on each
// engine. The target is under a second.
func BenchmarkTelephonyReport(b *testing.B) {
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("WARD_BENCH_CALLS")); err == nil && v > 0 {
		n = v
	}
	tickets := n * 3 / 10
	for _, eng := range storetest.Engines() {
		b.Run(eng.Name, func(b *testing.B) {
			s, _ := eng.Open(b)
			org := council(b, s, "big")
			seedTickets(b, s, org.ID, tickets)
			seedCalls(b, s, org.ID, n)
			if s.Dialect() == store.Postgres {
				// What autovacuum does soon after a bulk load.
				for _, table := range []string{"tickets", "calls", "ticket_events"} {
					if _, err := s.DB().ExecContext(ctx, "VACUUM ANALYZE "+table); err != nil {
						b.Fatal(err)
					}
				}
			}
			first, _ := calendar.ParseDate("2025-01-01")
			last, _ := calendar.ParseDate("2025-12-31")
			svc := desksvc.New(s)
			// The two reads apart, for BENCHMARKS.md.
			from, to := time.Date(2025, 1, 1, 0, 0, 0, 0, london), time.Date(2026, 1, 1, 0, 0, 0, 0, london)
			t0 := time.Now()
			_ = s.CallFigures(ctx, operator.Scope, org.ID, from, to, report.NewTelephonyTally(london))
			t1 := time.Now()
			_ = s.CallAgents(ctx, operator.Scope, org.ID, from, to, func(string, int, int) {})
			b.Logf("figures %v, first-time fix %v", t1.Sub(t0), time.Since(t1))
			// CPU time too: on a machine shared with other work, wall time
			// says more about the neighbours than the report (for PostgreSQL
			// it leaves out the server's share).
			cpu0 := cpuTime()
			runs := 0
			for b.Loop() {
				runs++
				r, err := svc.TelephonyReport(ctx, operator, org, first, last)
				if err != nil {
					b.Fatal(err)
				}
				if r.Calls.Offered != n || r.FirstTimeFix.WithTicket == 0 {
					b.Fatalf("report counted %d calls, %d with tickets; want %d", r.Calls.Offered, r.FirstTimeFix.WithTicket, n)
				}
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(runs), "cpu-ms/op")
		})
	}
}

// seedCalls writes n calls spread over 2025 in batches: about 7% abandoned,
// 3% transferred, queue times of about 25 s on average, and one answered
// call in three linked, in order, to the org's tickets.
func seedCalls(b testing.TB, s *store.Store, orgID int64, n int) {
	b.Helper()
	ids, err := ticketIDs(s, orgID)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, london)
	year := time.Date(2026, 1, 1, 0, 0, 0, 0, london).Sub(start)
	agents := []string{"Ann Lee", "Bob Khan", "Carys Jones", "Dev Patel", "Eve Stone", "Femi Ade"}
	const batch = 20000
	linked := 0
	for done := 0; done < n; {
		calls := make([]store.PhoneCall, 0, batch)
		for i := 0; i < batch && done < n; i++ {
			done++
			queued := start.Add(time.Duration(float64(year) * float64(done-1) / float64(n))).UTC().Truncate(time.Second)
			wait := time.Duration(rng.ExpFloat64()*25) * time.Second
			c := store.PhoneCall{CallID: "b-" + strconv.Itoa(done), Queue: "Service desk", QueuedAt: queued, State: store.CallEnded}
			if rng.IntN(100) < 7 {
				c.AbandonedAt, c.EndedAt, c.State = queued.Add(wait), queued.Add(wait), store.CallAbandoned
			} else {
				c.Agent = agents[rng.IntN(len(agents))]
				c.AnsweredAt = queued.Add(wait)
				c.EndedAt = c.AnsweredAt.Add(time.Duration(60+rng.IntN(600)) * time.Second)
				if rng.IntN(100) < 3 {
					c.TransferredAt = c.AnsweredAt.Add(time.Minute)
				}
				if done%3 == 0 && linked < len(ids) {
					c.TicketID = ids[linked]
					linked++
				}
			}
			calls = append(calls, c)
		}
		err := s.InTx(ctx, func(ctx context.Context) error {
			_, err := s.ImportCalls(ctx, tenancy.ForSystem(tenancy.JobTest), orgID, calls)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func ticketIDs(s *store.Store, orgID int64) ([]int64, error) {
	rows, err := s.DB().QueryContext(ctx, s.Rebind(`SELECT id FROM tickets WHERE org_id = ? ORDER BY id`), orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

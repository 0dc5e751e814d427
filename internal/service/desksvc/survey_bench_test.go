package desksvc_test

import (
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkSatisfactionReport is a year of one council's satisfaction
// figures: 300,000 tickets (WARD_BENCH_TICKETS to change it), each resolved
// one surveyed, two in five answered, across 6 teams, 40 agents and 5,000
// callers. The days before today are added up by the database from the
// day counts kept with each survey (survey_days), a few tens of thousands
// of rows for a year.
func BenchmarkSatisfactionReport(b *testing.B) {
	n := 300_000
	if v, err := strconv.Atoi(os.Getenv("WARD_BENCH_TICKETS")); err == nil && v > 0 {
		n = v
	}
	for _, eng := range storetest.Engines() {
		b.Run(eng.Name, func(b *testing.B) {
			s, _ := eng.Open(b)
			org := council(b, s, "big")
			seedTickets(b, s, org.ID, n)
			// Every resolved ticket's survey, written in one statement.
			if _, err := s.DB().ExecContext(ctx, `INSERT INTO surveys (org_id, ticket_id, token_hash, caller_email, channel, priority,
				category, team, agent, send_at, expires_at, score, answered_at, comment)
				SELECT org_id, id, 'h' || CAST(id AS TEXT), 'caller' || CAST(id % 5000 AS TEXT) || '@big.example', channel, priority,
				category, 'Team ' || CAST(id % 6 AS TEXT), 'Agent ' || CAST(id % 40 AS TEXT), resolved_at, resolved_at,
				CASE WHEN id % 5 >= 2 THEN 0 WHEN id % 11 = 0 THEN 3 WHEN id % 3 = 0 THEN 4 ELSE 5 END,
				CASE WHEN id % 5 < 2 THEN resolved_at END, CASE WHEN id % 50 = 0 THEN 'Thanks' ELSE '' END
				FROM tickets WHERE resolved_at IS NOT NULL`); err != nil {
				b.Fatal(err)
			}
			// Loaded around the service, so its day counts are counted afresh.
			if _, err := s.RebuildSurveyDays(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID); err != nil {
				b.Fatal(err)
			}
			analyse := "ANALYZE"
			if s.Dialect() == store.Postgres {
				analyse = "VACUUM ANALYZE surveys" // as autovacuum does soon after a bulk load
			}
			if _, err := s.DB().ExecContext(ctx, analyse); err != nil {
				b.Fatal(err)
			}
			first, _ := calendar.ParseDate("2025-01-01")
			last, _ := calendar.ParseDate("2025-12-31")
			svc := desksvc.New(s)
			var want int // resolved in 2025: not the open few, nor those resolved after new year
			if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM surveys WHERE send_at >= $1 AND send_at < $2`,
				time.Date(2025, 1, 1, 0, 0, 0, 0, london).UTC(), time.Date(2026, 1, 1, 0, 0, 0, 0, london).UTC()).Scan(&want); err != nil || want < n*99/100 {
				b.Fatalf("%d surveys in 2025: %v", want, err)
			}
			for b.Loop() {
				r, err := svc.SatisfactionReport(ctx, operator, []store.Org{org}, first, last)
				if err != nil {
					b.Fatal(err)
				}
				if r.Overall.Sent != want || len(r.Agent) != 40 || r.Overall.Average < 4 {
					b.Fatalf("sent %d (want %d), %d agents, average %.2f", r.Overall.Sent, want, len(r.Agent), r.Overall.Average)
				}
			}
		})
	}
}

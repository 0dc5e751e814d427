package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// The home's figures count through migration 023's indexes, so they stay
// cheap at a million tickets: near breach reads the open tickets by
// deadline, resolved today the tickets by resolution time. SQLite's plan
// names the index; PostgreSQL chooses by its statistics, which a few
// hundred test rows do not make like a real desk's.
func TestTheHomesTicketCountsReadTheirIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != store.SQLite {
			t.Skip("PostgreSQL plans by statistics; see the comment")
		}
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		now := time.Now()
		for _, c := range []struct {
			name, index string
			f           store.TicketFilter
		}{
			{"near breach", "tickets_open_by_deadline", store.TicketFilter{BreachWithin: time.Hour,
				BreachBy: func(int64) (time.Time, error) { return now, nil }}},
			{"resolved today", "tickets_by_resolved", store.TicketFilter{ResolvedFrom: now.Add(-time.Hour), ResolvedTo: now}},
		} {
			where, args, err := store.TicketCountConditions(c.f, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			q := `SELECT COUNT(*) FROM (SELECT 1 FROM tickets WHERE org_id = ? AND ` + strings.Join(where, " AND ") + ` LIMIT ?) AS capped`
			if plan := explain(t, s, q, append(append([]any{a.ID}, args...), 10001)...); !strings.Contains(plan, c.index) {
				t.Errorf("%s: the count does not read %s\n%s", c.name, c.index, plan)
			}
		}
	})
}

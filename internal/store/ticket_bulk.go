package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// AddTickets stores many new desk tickets at once, each numbered in its
// org's sequence: one block of numbers an org, then the batched inserts of
// InsertTickets, all in one transaction. It is for bulk loads such as the
// demo's --tickets, which pass a system scope.
func (s *Store) AddTickets(ctx context.Context, scope tenancy.Scope, tickets []*Ticket, histories [][]desk.Event) error {
	perOrg := map[int64]int64{}
	for _, t := range tickets {
		if err := orgInScope(scope, t.OrgID); err != nil {
			return err
		}
		perOrg[t.OrgID]++
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		next := map[int64]int64{}
		for org, n := range perOrg {
			if _, err := s.exec(ctx, `INSERT INTO ticket_counters (org_id, next_number) VALUES (?, 10000)
				ON CONFLICT (org_id) DO NOTHING`, org); err != nil {
				return err
			}
			var last int64
			if err := s.queryRow(ctx, `UPDATE ticket_counters SET next_number = next_number + ? WHERE org_id = ?
				RETURNING next_number`, n, org).Scan(&last); err != nil {
				return err
			}
			next[org] = last - n + 1
		}
		for _, t := range tickets {
			t.Ref = ticketRef(t.Type, next[t.OrgID])
			next[t.OrgID]++
			if t.Source == "" {
				t.Source = "ward"
			}
		}
		return s.InsertTickets(ctx, scope, tickets, histories)
	})
}

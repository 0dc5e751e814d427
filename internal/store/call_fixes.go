package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RefreshCallFixes works out again whether the calls on a ticket are
// first-time fixes, after the ticket has changed (resolved, reassigned,
// reopened): the answer is kept in each call's figure key, so that the
// telephony report reads it with the call rather than joining a million
// calls to their tickets.
func (s *Store) RefreshCallFixes(ctx context.Context, scope tenancy.Scope, orgID int64, ticketIDs ...int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	return s.refreshFixes(ctx, orgID, ticketIDs)
}

// refreshFixes recomputes the figure keys of the calls on the tickets
// given (zeros and repeats ignored), 500 tickets a statement, writing only
// the keys that changed.
func (s *Store) refreshFixes(ctx context.Context, orgID int64, tickets []int64) error {
	ids := slices.DeleteFunc(slices.Clone(tickets), func(id int64) bool { return id == 0 })
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for len(ids) > 0 {
		n := min(len(ids), 500)
		if err := s.refreshFixBatch(ctx, orgID, ids[:n]); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func (s *Store) refreshFixBatch(ctx context.Context, orgID int64, ids []int64) error {
	args := []any{orgID}
	for _, id := range ids {
		args = append(args, id)
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	rows, err := s.query(ctx, `SELECT c.id, c.figure_key, c.agent, c.queued_at, c.answered_at, c.transferred_at, c.abandoned_at, c.ended_at,
		t.resolved_at, t.assignee,
		EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'reopen'),
		(SELECT COUNT(*) FROM calls o WHERE o.ticket_id = t.id)
		FROM calls c JOIN tickets t ON t.id = c.ticket_id AND t.org_id = c.org_id
		WHERE c.org_id = ? AND c.ticket_id IN (`+in+`)`, args...)
	if err != nil {
		return err
	}
	type change struct{ id, key int64 }
	var changes []change
	for rows.Next() {
		var id, key int64
		var f report.CallFix
		var queued time.Time
		var answered, transferred, abandoned, ended, resolved sql.NullTime
		if err := rows.Scan(&id, &key, &f.Agent, &queued, &answered, &transferred, &abandoned, &ended, &resolved,
			&f.TicketAssignee, &f.TicketReopened, &f.TicketCalls); err != nil {
			rows.Close()
			return err
		}
		f.Answered, f.Ended, f.TicketResolved, f.Transferred = nullTime(answered), nullTime(ended), nullTime(resolved), transferred.Valid
		times := report.CallTimes{Queued: queued, Answered: f.Answered, Transferred: nullTime(transferred), Abandoned: nullTime(abandoned),
			Ticketed: answered.Valid}
		times.Fixed = times.Ticketed && f.Fixed()
		if fresh := report.CallKey(times); fresh != key {
			changes = append(changes, change{id, fresh})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, c := range changes {
		if _, err := s.exec(ctx, `UPDATE calls SET figure_key = ? WHERE id = ?`, c.key, c.id); err != nil {
			return err
		}
	}
	return nil
}

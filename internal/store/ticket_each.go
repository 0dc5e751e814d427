package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// EachTicket streams an org's tickets opened in [from, to) with their
// histories, oldest first, for re-measuring. Zero bounds are open-ended.
// Histories are read a few hundred tickets at a time, by id, rather than one
// query a ticket.
func (s *Store) EachTicket(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, openOnly bool,
	fn func(t Ticket, events []desk.Event) error) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	tickets, err := s.orgTickets(ctx, orgID, from, to, openOnly)
	if err != nil {
		return err
	}
	const perQuery = 500
	for start := 0; start < len(tickets); start += perQuery {
		chunk := tickets[start:min(start+perQuery, len(tickets))]
		ids := make([]int64, len(chunk))
		for i, t := range chunk {
			ids[i] = t.ID
		}
		histories, err := s.TicketHistories(ctx, tenancy.ScopeOf(orgID), ids)
		if err != nil {
			return err
		}
		for _, t := range chunk {
			if err := fn(t, histories[t.ID]); err != nil {
				return err
			}
		}
	}
	return nil
}

// OpenTickets is an org's open tickets as stored, with the clocks kept at
// their last write and no histories: what the desk's dashboard counts and
// brings forward to now.
func (s *Store) OpenTickets(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Ticket, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	return s.orgTickets(ctx, orgID, time.Time{}, time.Time{}, true)
}

// orgTickets reads an org's tickets opened in [from, to), or its open ones
// then checked against the period, by id.
func (s *Store) orgTickets(ctx context.Context, orgID int64, from, to time.Time, openOnly bool) ([]Ticket, error) {
	where := "org_id = ?"
	args := []any{orgID}
	if openOnly {
		// Named states, not NOT IN, so the (org_id, state) index finds the
		// few open tickets among a million closed ones; the period is then
		// checked here rather than tempting the planner to scan it.
		where += " AND " + openStates
	} else {
		if !from.IsZero() {
			where += " AND opened_at >= ?"
			args = append(args, from.UTC())
		}
		if !to.IsZero() {
			where += " AND opened_at < ?"
			args = append(args, to.UTC())
		}
	}
	order := " ORDER BY id"
	if openOnly {
		// sorted below: asked to order by id, SQLite walked the whole
		// table in id order to pick out the open few
		order = ""
	}
	rows, err := s.query(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tickets []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		if openOnly && (!from.IsZero() && t.OpenedAt.Before(from) || !to.IsZero() && !t.OpenedAt.Before(to)) {
			continue
		}
		tickets = append(tickets, t)
	}
	slices.SortFunc(tickets, func(a, b Ticket) int { return cmp.Compare(a.ID, b.ID) })
	return tickets, rows.Err()
}

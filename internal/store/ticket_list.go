package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketFilter narrows a ticket list. Zero values do not filter.
type TicketFilter struct {
	OrgID    int64
	OpenOnly bool
	State    desk.State
	Priority desk.Priority
	Channel  desk.Channel
	Type     desk.Type
	Assignee string
	// AssigneeID keeps the tickets assigned to one user ("mine");
	// Unassigned those assigned to nobody.
	AssigneeID int64
	Unassigned bool
	// Search matches the reference, title, caller or category.
	Search string
	// OpenedFrom and OpenedTo bound the opening time, [from, to).
	OpenedFrom, OpenedTo time.Time
	Limit, Offset        int
	// NearestBreach orders by resolution deadline instead of newest first.
	NearestBreach bool
}

// Tickets lists tickets within the scope, newest first.
func (s *Store) Tickets(ctx context.Context, scope tenancy.Scope, f TicketFilter) ([]Ticket, error) {
	where, args, err := ticketConditions(scope, f)
	if err != nil {
		return nil, err
	}
	order := "opened_at DESC, id DESC"
	if f.NearestBreach {
		order = "CASE WHEN deadline_at IS NULL THEN 1 ELSE 0 END, deadline_at, opened_at"
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	q := `SELECT ` + ticketColumns + ` FROM tickets WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order +
		fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, max(f.Offset, 0))
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// ticketConditions is the WHERE clause of a filtered list within the
// scope, as conditions to join with AND, and their arguments.
func ticketConditions(scope tenancy.Scope, f TicketFilter) ([]string, []any, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, nil, err
	}
	where := []string{cond}
	add := func(c string, v ...any) { where = append(where, c); args = append(args, v...) }
	if f.OrgID != 0 {
		add("org_id = ?", f.OrgID)
	}
	if f.OpenOnly {
		add("state NOT IN ('resolved', 'closed')")
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.Priority != 0 {
		add("priority = ?", int(f.Priority))
	}
	if f.Channel != "" {
		add("channel = ?", string(f.Channel))
	}
	if f.Type != "" {
		add("type = ?", string(f.Type))
	}
	if f.Assignee != "" {
		add("assignee = ?", f.Assignee)
	}
	if f.AssigneeID != 0 {
		add("assignee_id = ?", f.AssigneeID)
	}
	if f.Unassigned {
		add("assignee = ''")
	}
	if !f.OpenedFrom.IsZero() {
		add("opened_at >= ?", f.OpenedFrom.UTC())
	}
	if !f.OpenedTo.IsZero() {
		add("opened_at < ?", f.OpenedTo.UTC())
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		like := containing(strings.ToLower(q))
		add("(LOWER(ref) LIKE ?"+likeEscape+" OR LOWER(title) LIKE ?"+likeEscape+
			" OR LOWER(caller) LIKE ?"+likeEscape+" OR LOWER(category) LIKE ?"+likeEscape+")", like, like, like, like)
	}
	return where, args, nil
}

// EachTicket streams an org's tickets opened in [from, to) with their
// histories, oldest first, for re-measuring. Zero bounds are open-ended.
// Histories are read a few hundred tickets at a time, by id, rather than one
// query a ticket.
func (s *Store) EachTicket(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, openOnly bool,
	fn func(t Ticket, events []desk.Event) error) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	where := "org_id = ?"
	args := []any{orgID}
	if openOnly {
		// Named states, not NOT IN, so the (org_id, state) index finds the
		// few open tickets among a million closed ones; the period is then
		// checked here rather than tempting the planner to scan it.
		where += " AND state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change')"
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
	rows, err := s.query(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return err
	}
	var tickets []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if openOnly && (!from.IsZero() && t.OpenedAt.Before(from) || !to.IsZero() && !t.OpenedAt.Before(to)) {
			continue
		}
		tickets = append(tickets, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
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

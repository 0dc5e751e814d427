package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// LinkMajorChild makes a ticket a child of a major incident. Both must be
// in scope; a ticket already the child of another is a conflict.
func (s *Store) LinkMajorChild(ctx context.Context, scope tenancy.Scope, m MajorIncident, child Ticket, by string) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	if err := orgInScope(scope, child.OrgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO major_children (ticket_id, major_id, org_id, linked_at, linked_by) VALUES (?, ?, ?, ?, ?)`,
		child.ID, m.ID, child.OrgID, s.Now(), by)
	return classify(err)
}

// MajorChildren lists a major incident's child tickets in scope, oldest
// first.
func (s *Store) MajorChildren(ctx context.Context, scope tenancy.Scope, majorID int64) ([]Ticket, error) {
	cond, args, err := scopeFilter(scope, "c.org_id")
	if err != nil {
		return nil, err
	}
	ids, err := s.queryIDs(ctx, `SELECT c.ticket_id FROM major_children c WHERE c.major_id = ? AND `+cond+` ORDER BY c.linked_at, c.ticket_id`,
		append([]any{majorID}, args...)...)
	if err != nil {
		return nil, err
	}
	out := make([]Ticket, 0, len(ids))
	for _, id := range ids {
		t, err := s.Ticket(ctx, scope, id)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// RecentIncidents lists the org's P1 and P2 incident tickets on a service
// (the ticket's category) opened since a time, for the major incident rules.
func (s *Store) RecentIncidents(ctx context.Context, scope tenancy.Scope, orgID int64, service string, since time.Time) ([]major.Recent, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, priority, category, opened_at FROM tickets WHERE org_id = ? AND type = ?
		AND priority <= 2 AND LOWER(category) = ? AND opened_at >= ? AND state NOT IN ('resolved', 'closed')
		ORDER BY opened_at, id LIMIT 1000`, orgID, string(desk.Incident), major.ServiceKey(service), since.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []major.Recent
	for rows.Next() {
		var r major.Recent
		if err := rows.Scan(&r.TicketID, &r.Priority, &r.Service, &r.Opened); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// MajorChildCount counts every child of a major incident in scope,
// whichever council each child belongs to, so that resolving the parent
// can refuse rather than leave behind children the caller cannot see.
func (s *Store) MajorChildCount(ctx context.Context, scope tenancy.Scope, majorID int64) (int, error) {
	cond, args, err := scopeFilter(scope, "m.org_id")
	if err != nil {
		return 0, err
	}
	var n int
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM major_children c JOIN major_incidents m ON m.id = c.major_id
		WHERE c.major_id = ? AND `+cond, append([]any{majorID}, args...)...).Scan(&n)
	return n, err
}

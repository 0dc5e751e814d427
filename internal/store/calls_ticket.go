package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketCalls is the calls put on a ticket of an org, in the order they
// were queued, at most limit of them (a ticket has a handful; the limit
// keeps a ticket that a script linked thousands to from filling a page).
func (s *Store) TicketCalls(ctx context.Context, scope tenancy.Scope, orgID, ticketID int64, limit int) ([]PhoneCall, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+callColumns+` FROM calls WHERE ticket_id = ? AND org_id = ?
		ORDER BY queued_at, id LIMIT ?`, ticketID, orgID, limit)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []PhoneCall
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

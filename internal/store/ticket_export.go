package store

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// EachListedTicket streams every ticket within the scope that matches the
// filter, newest first, ignoring its limit: the whole filtered list, for an
// export, read row by row rather than held in memory.
func (s *Store) EachListedTicket(ctx context.Context, scope tenancy.Scope, f TicketFilter, fn func(Ticket) error) error {
	cond, scopeArgs, err := scopeFilter(scope, "org_id")
	if err != nil {
		return err
	}
	where, args := ticketConditions(f)
	where, args = append([]string{cond}, where...), append(scopeArgs, args...)
	if f.OrgID != 0 {
		where, args = append(where, "org_id = ?"), append(args, f.OrgID)
	}
	if f.BreachWithin > 0 {
		orgs, err := s.orgsToList(ctx, scope, f.OrgID)
		if err != nil {
			return err
		}
		if where, args, err = f.orgsConditions(orgs, where, args); err != nil {
			return err
		}
	}
	rows, err := s.query(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+strings.Join(where, " AND ")+
		` ORDER BY opened_at DESC, id DESC`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
	}
	return rows.Err()
}

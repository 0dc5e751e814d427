package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketWorkers lists the enabled users who may work an org's tickets, by
// name: administrators, and agents of the org or granted it. They are the
// choices for a ticket's assignee.
func (s *Store) TicketWorkers(ctx context.Context, scope tenancy.Scope, orgID int64) ([]User, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+userColumns+` FROM users u WHERE NOT disabled AND (role = 'admin'
		OR role = 'agent' AND (org_id = ? OR EXISTS (SELECT 1 FROM user_grants g WHERE g.user_id = u.id AND g.org_id = ?)))
		ORDER BY name, id`, orgID, orgID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

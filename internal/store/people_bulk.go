package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewPersonIDs takes n person ids for InsertPeople, so that an import can
// point new people at new managers before either is written. It must run
// inside a transaction.
func (s *Store) NewPersonIDs(ctx context.Context, scope tenancy.Scope, orgID int64, n int) ([]int64, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	return s.reserveIDs(ctx, "people", n)
}

// InsertPeople writes new people of one org whose ids NewPersonIDs gave, a
// few hundred a statement; a manager must be written before their reports
// (earlier in the list, or already held).
func (s *Store) InsertPeople(ctx context.Context, scope tenancy.Scope, orgID int64, people []Person) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	now := s.Now()
	rows := make([][]any, len(people))
	for i, p := range people {
		if p.Kind == "" {
			p.Kind = "staff"
		}
		rows[i] = []any{p.ID, orgID, p.Name, p.Email, p.Phone, PhoneKey(p.Phone), idOrNull(p.SiteID), now, p.LeftOn,
			p.Kind, p.Team, idOrNull(p.ManagerID), p.StartOn, p.EndOn, p.HRID, p.UPN}
	}
	return s.insertRows(ctx, `INSERT INTO people (id, org_id, name, email, phone, phone_key, site_id, created_at, left_on,
		kind, team, manager_id, start_on, end_on, hr_id, upn)`, "", rows)
}

package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Person is one person of an org, by id.
func (s *Store) Person(ctx context.Context, scope tenancy.Scope, orgID, id int64) (Person, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return Person{}, err
	}
	p, err := scanPerson(s.queryRow(ctx, `SELECT `+personColumns+` FROM people WHERE org_id = ? AND id = ?`, orgID, id))
	return p, classify(err)
}

// UpdatePerson saves everything about a person but their org, id and
// when they were first recorded.
func (s *Store) UpdatePerson(ctx context.Context, scope tenancy.Scope, p Person) error {
	if err := orgInScope(scope, p.OrgID); err != nil {
		return err
	}
	if p.Kind == "" {
		p.Kind = "staff"
	}
	res, err := s.exec(ctx, `UPDATE people SET name = ?, email = ?, phone = ?, phone_key = ?, left_on = ?, site_id = ?,
		kind = ?, team = ?, manager_id = ?, start_on = ?, end_on = ?, hr_id = ?, upn = ? WHERE org_id = ? AND id = ?`,
		p.Name, p.Email, p.Phone, PhoneKey(p.Phone), p.LeftOn, idOrNull(p.SiteID),
		p.Kind, p.Team, idOrNull(p.ManagerID), p.StartOn, p.EndOn, p.HRID, p.UPN, p.OrgID, p.ID)
	if err != nil {
		return classify(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return ErrNotFound
	}
	return nil
}

package servicedesk

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// People are who call the desk: the desk names them on tickets by phone
// number and name, and the identity checks read who has left.

// People lists the people of one org, or of every org in scope when orgID is 0.
func (s *Service) People(ctx context.Context, p tenancy.Principal, orgID int64) ([]store.Person, error) {
	if !p.Can(tenancy.ViewPeople) || (orgID != 0 && !p.Scope.Allows(orgID)) {
		return nil, ErrForbidden
	}
	scope := p.Scope
	if orgID != 0 {
		scope = scope.Narrow(orgID)
	}
	return s.Store.People(ctx, scope)
}

// AddPerson records a person of an org in scope.
func (s *Service) AddPerson(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManageUsers, person.OrgID); err != nil {
		return store.Person{}, err
	}
	if person.Name = strings.TrimSpace(person.Name); person.Name == "" {
		return store.Person{}, invalid("name", "enter the person's name")
	}
	return s.Store.CreatePerson(ctx, person)
}

// SetPersonLeft records the day (YYYY-MM-DD) a person, found by e-mail
// address, left an org; an empty day means they have not left after all.
// A person not in the org is store.ErrNotFound.
func (s *Service) SetPersonLeft(ctx context.Context, p tenancy.Principal, orgID int64, email, day string) error {
	if err := require(p, tenancy.ManageUsers, orgID); err != nil {
		return err
	}
	return s.Store.SetPersonLeft(ctx, orgID, email, day)
}

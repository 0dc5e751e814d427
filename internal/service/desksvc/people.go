package desksvc

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// People are who call the desk: the desk names them on tickets by phone
// number and name, and the identity checks read who has left.

// AddPerson records a person of an org in scope.
func (s *Service) AddPerson(ctx context.Context, p tenancy.Principal, person store.Person) (store.Person, error) {
	if err := require(p, tenancy.ManageUsers, person.OrgID); err != nil {
		return store.Person{}, err
	}
	if person.Name = strings.TrimSpace(person.Name); person.Name == "" {
		return store.Person{}, invalid("name", "enter the person's name")
	}
	return s.Store.CreatePerson(ctx, p.Scope, person)
}

// SetPersonLeft records the day (YYYY-MM-DD) a person, found by e-mail
// address, left an org; an empty day means they have not left after all.
// A person not in the org is store.ErrNotFound.
func (s *Service) SetPersonLeft(ctx context.Context, p tenancy.Principal, orgID int64, email, day string) error {
	if err := require(p, tenancy.ManageUsers, orgID); err != nil {
		return err
	}
	return s.Store.SetPersonLeft(ctx, p.Scope, orgID, email, day)
}

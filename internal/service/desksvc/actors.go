package desksvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Actors returns how to name the actor of a ticket event to a principal.
// A council officer reads the history of their own tickets, but the desk
// staff who worked them belong to the shared service, outside the
// officer's view: they are named for the part they play, not by address.
func (s *Service) Actors(ctx context.Context, p tenancy.Principal) (func(actor string) string, error) {
	users, err := s.Store.Users(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	emails := make([]string, len(users))
	for i, u := range users {
		emails[i] = u.Email
	}
	return audit.ActorNames(emails, "service desk staff", func(name string) string {
		if name == PhoneHook {
			return "phone system"
		}
		return "webhook"
	}), nil
}

// ActorPeople is Actors for pages: a user the principal may see is named
// by their name, with their e-mail address kept as the raw identifier.
func (s *Service) ActorPeople(ctx context.Context, p tenancy.Principal) (func(actor string) audit.Named, error) {
	users, err := s.Store.Users(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	people := make([]audit.Person, len(users))
	for i, u := range users {
		people[i] = audit.Person{Email: u.Email, Name: u.Name}
	}
	return audit.ActorPeople(people, "service desk staff", func(name string) string {
		if name == PhoneHook {
			return "phone system"
		}
		return "webhook"
	}), nil
}

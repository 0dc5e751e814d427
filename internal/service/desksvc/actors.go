package desksvc

import (
	"context"
	"strings"

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
	visible := make(map[string]bool, len(users))
	for _, u := range users {
		visible[strings.ToLower(u.Email)] = true
	}
	return func(actor string) string {
		kind, name, found := strings.Cut(actor, ":")
		switch {
		case !found:
			return actor // as an imported history names its own people
		case kind == "user":
			if visible[strings.ToLower(name)] {
				return name
			}
			return "service desk staff"
		case kind == "token":
			return "API client"
		case kind == "hook":
			if name == PhoneHook {
				return "phone system"
			}
			return "webhook"
		}
		return "ward" // the command line, imports, the demo
	}, nil
}

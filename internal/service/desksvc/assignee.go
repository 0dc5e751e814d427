package desksvc

import (
	"context"
	"strings"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Worker is someone a ticket may be assigned to: a user who may work the
// org's tickets.
type Worker struct {
	ID    int64
	Name  string
	Email string
}

// Workers lists the users who may work an org's tickets, by name: the
// choices for its assignee.
func (s *Service) Workers(ctx context.Context, p tenancy.Principal, orgID int64) ([]Worker, error) {
	if err := require(p, tenancy.WorkTickets, orgID); err != nil {
		return nil, err
	}
	users, err := s.Store.TicketWorkers(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]Worker, len(users))
	for i, u := range users {
		out[i] = Worker{ID: u.ID, Name: u.Name, Email: u.Email}
	}
	return out, nil
}

// assignee finds who a ticket of the org is being assigned to, by user id
// or, from the API and the command line, by e-mail address or exact name.
// Nobody (id 0 and no name) is a valid answer; anyone who may not work the
// org's tickets is refused, naming the assignee field.
func (s *Service) assignee(ctx context.Context, scope tenancy.Scope, orgID, id int64, who string) (Worker, error) {
	who = strings.TrimSpace(who)
	if id == 0 && who == "" {
		return Worker{}, nil
	}
	users, err := s.Store.TicketWorkers(ctx, scope, orgID)
	if err != nil {
		return Worker{}, err
	}
	for _, u := range users {
		if id != 0 && u.ID == id || id == 0 && (store.NormaliseEmail(who) == u.Email || strings.EqualFold(who, u.Name)) {
			return Worker{ID: u.ID, Name: u.Name, Email: u.Email}, nil
		}
	}
	if who == "" {
		return Worker{}, invalid("assignee", "choose someone who works this organisation's tickets")
	}
	return Worker{}, invalid("assignee", "%q does not work this organisation's tickets: choose a user from the list", who)
}

package servicedesk

import (
	"context"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Tickets lists the tickets the principal may see, narrowed by the filter
// (to one org when f.OrgID is set), newest first.
func (s *Service) Tickets(ctx context.Context, p tenancy.Principal, f store.TicketFilter) ([]store.Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, ErrForbidden
	}
	scope := p.Scope
	if f.OrgID != 0 {
		scope = scope.Narrow(f.OrgID)
	}
	return s.Store.Tickets(ctx, scope, f)
}

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

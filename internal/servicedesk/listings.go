package servicedesk

import (
	"context"

	"github.com/ward-shared-service/ward/internal/desk"
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

// TicketByRef finds an org's ticket by its reference, with its history and
// its clocks as they stand now.
func (s *Service) TicketByRef(ctx context.Context, p tenancy.Principal, orgID int64, ref string) (store.Ticket, []desk.Event, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return store.Ticket{}, nil, ErrForbidden
	}
	t, err := s.Store.TicketByRef(ctx, p.Scope, orgID, ref)
	if err != nil {
		return t, nil, err
	}
	events, err := s.Store.TicketEvents(ctx, p.Scope, t.ID)
	if err != nil {
		return t, nil, err
	}
	t.SLA, err = s.Measure(ctx, t, events)
	return t, events, err
}

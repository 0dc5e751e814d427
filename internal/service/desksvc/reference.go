package desksvc

import (
	"context"
	"slices"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketByReference finds a ticket by its whole reference (ASH-INC-10003) in
// whichever org of the principal's scope holds it, with its history. Another
// org's reference is ErrNotFound, as one that does not exist.
func (s *Service) TicketByReference(ctx context.Context, p tenancy.Principal, ref string) (store.Ticket, []desk.Event, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return store.Ticket{}, nil, errForbidden
	}
	t, err := s.Store.TicketByReference(ctx, p.Scope, ref)
	if err != nil {
		return t, nil, err
	}
	events, err := s.history(ctx, p, t.ID)
	return t, events, err
}

// history is a ticket's events as p may read them: every path that shows a
// ticket reads it here, so an internal note never reaches someone who does
// not work tickets, whichever way they asked for the ticket.
func (s *Service) history(ctx context.Context, p tenancy.Principal, id int64) ([]desk.Event, error) {
	events, err := s.Store.TicketEvents(ctx, p.Scope, id)
	if err == nil && !p.Can(tenancy.WorkTickets) {
		events = slices.DeleteFunc(events, func(e desk.Event) bool { return e.Kind == desk.Internal })
	}
	return events, err
}

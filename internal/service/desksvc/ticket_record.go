package desksvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketRecord finds an org's ticket by its reference, with its whole
// history and its clocks as they stand now: the ticket as `ward ticket show`
// prints it.
func (s *Service) TicketRecord(ctx context.Context, p tenancy.Principal, orgID int64, ref string) (store.Ticket, []desk.Event, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return store.Ticket{}, nil, errForbidden
	}
	t, err := s.Store.TicketByRef(ctx, p.Scope, orgID, ref)
	if err != nil {
		return t, nil, err
	}
	events, err := s.history(ctx, p, t.ID)
	if err != nil {
		return t, nil, err
	}
	t.SLA, err = s.Measure(ctx, p, t, events)
	return t, events, err
}

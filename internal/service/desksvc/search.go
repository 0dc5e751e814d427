package desksvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketsByRefPrefix finds an org's tickets whose reference starts with
// what was typed (ASH-INC-100, INC-100 or 100), in reference order.
func (s *Service) TicketsByRefPrefix(ctx context.Context, p tenancy.Principal, orgID int64, typed string, limit int) ([]Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	return s.Store.TicketsByRefPrefix(ctx, p.Scope, orgID, typed, limit)
}

// RecentTicketsContaining finds, among each org's window newest tickets,
// those whose reference, title, caller or category contain term, newest
// first.
func (s *Service) RecentTicketsContaining(ctx context.Context, p tenancy.Principal, orgIDs []int64, term string, window, limit int) ([]Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	return s.Store.RecentTicketsContaining(ctx, p.Scope, orgIDs, term, window, limit)
}

package desksvc

import (
	"context"
	"errors"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RenamedTicket finds the ticket an old reference names, one written before
// its org changed its prefix (ASH-INC-10003 once Ashcombe is ASHC), for the
// adapters to redirect to its reference now. orgID, when not 0, is the org
// the reference was asked within. The read is the principal's own scoped
// one: another org's old reference is ErrNotFound, as one that never was.
func (s *Service) RenamedTicket(ctx context.Context, p tenancy.Principal, orgID int64, ref string) (Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return Ticket{}, errForbidden
	}
	now, err := s.Store.RenamedRef(ctx, p.Scope, ref)
	if err != nil {
		return Ticket{}, err
	}
	t, err := s.Store.TicketByReference(ctx, p.Scope, now)
	if err == nil && orgID != 0 && t.OrgID != orgID {
		return Ticket{}, store.ErrNotFound
	}
	return t, err
}

// IsNotFound says whether err is a read that found nothing, as the
// adapters ask before trying an old reference.
func IsNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }

package desksvc

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BreachSoon is how near its resolution deadline an open ticket is "near
// breach" on the home page and in the list's breach=soon filter: half a
// normal working day. Working time, so a ticket due at ten on Monday is
// near breach at four on Friday.
const BreachSoon = 4 * time.Hour

// withBreachBy turns a filter's BreachWithin into each org's instant, by
// its own working calendar as it stands now: the store keeps each ticket's
// resolution deadline, and the tickets near breach are those due before it.
func (s *Service) withBreachBy(ctx context.Context, p tenancy.Principal, f TicketFilter) TicketFilter {
	if f.BreachWithin <= 0 {
		return f
	}
	now := s.Store.Now()
	within := f.BreachWithin
	f.BreachBy = func(orgID int64) (time.Time, error) {
		cal, _, err := s.calendar(ctx, p.Scope, orgID)
		if err != nil {
			return time.Time{}, err
		}
		return cal.Add(now, within), nil
	}
	return f
}

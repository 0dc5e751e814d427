package walkupsvc

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Site is one of an org's sites, as the queue pages name them.
type Site = store.Site

// Queue is a site's visitors still in the queue, first come first.
func (s *Service) Queue(ctx context.Context, p tenancy.Principal, orgID, siteID int64) (Site, []Visit, error) {
	if err := require(p, tenancy.WorkTickets, orgID); err != nil {
		return Site{}, nil, err
	}
	site, err := s.Store.SiteInOrg(ctx, p.Scope, orgID, siteID)
	if err != nil {
		return Site{}, nil, err
	}
	queue, err := s.Store.SiteQueue(ctx, p.Scope, orgID, siteID)
	return site, queue, err
}

// Visit reads one visit, for a form prefilled from it.
func (s *Service) Visit(ctx context.Context, p tenancy.Principal, id int64) (Visit, error) {
	if !p.Can(tenancy.WorkTickets) {
		return Visit{}, fault.Forbidden("your role does not allow this at the walk-up desk")
	}
	v, err := s.Store.VisitByID(ctx, p.Scope, id)
	if errors.Is(err, store.ErrNotFound) {
		return Visit{}, fault.NotFound("no such walk-up visit")
	}
	return v, err
}

// CallNext calls the longest-waiting visitor at a site to a desk.
func (s *Service) CallNext(ctx context.Context, p tenancy.Principal, orgID, siteID int64, deskName string) (Visit, error) {
	if err := require(p, tenancy.WorkTickets, orgID); err != nil {
		return Visit{}, err
	}
	deskName = strings.TrimSpace(deskName)
	if deskName == "" || utf8.RuneCountInString(deskName) > desk.MaxDeskName {
		return Visit{}, fault.Invalid("desk", "name the desk you are calling to, such as Desk 2 (up to 40 characters)")
	}
	var called Visit
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.Store.SiteInOrg(ctx, p.Scope, orgID, siteID); err != nil {
			return err
		}
		queue, err := s.Store.SiteQueue(ctx, p.Scope, orgID, siteID)
		if err != nil {
			return err
		}
		for _, v := range queue {
			if v.State == desk.VisitWaiting {
				called = v
				break
			}
		}
		if called.ID == 0 {
			return fault.Conflict("no one is waiting at this site")
		}
		return s.move(ctx, p, &called, desk.VisitCalled, func(v *Visit) { v.Desk, v.CalledBy, v.Called = deskName, p.Actor, s.Store.Now() })
	})
	return called, err
}

// move takes a visit to its next state in the caller's transaction, with
// its audit entry; a visit another desk moved first is a conflict.
func (s *Service) move(ctx context.Context, p tenancy.Principal, v *Visit, to desk.VisitState, change func(*Visit)) error {
	from := v.State
	if !desk.CanMove(from, to) {
		return fault.Conflict("this visitor is %s: they cannot be marked %s", strings.ToLower(from.Label()), strings.ToLower(to.Label()))
	}
	v.State = to
	change(v)
	if err := s.Store.MoveVisit(ctx, p.Scope, *v, from); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("another desk has just dealt with this visitor: refresh the queue")
		}
		return err
	}
	action := map[desk.VisitState]string{desk.VisitCalled: audit.WalkupCall, desk.VisitServing: audit.WalkupServe}[to]
	if action == "" {
		action = audit.WalkupFinish
	}
	detail := map[string]string{"state": string(to)}
	if v.Desk != "" {
		detail["desk"] = v.Desk
	}
	return s.visitAudit(ctx, p, action, *v, detail)
}

// change reads a visit in the caller's scope and moves it, in one transaction.
func (s *Service) change(ctx context.Context, p tenancy.Principal, id int64, to desk.VisitState, fn func(*Visit)) (Visit, error) {
	var v Visit
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if v, err = s.Visit(ctx, p, id); err != nil {
			return err
		}
		if err := require(p, tenancy.WorkTickets, v.OrgID); err != nil {
			return err
		}
		return s.move(ctx, p, &v, to, fn)
	})
	return v, err
}

// Serve marks a called visitor as at the desk being served.
func (s *Service) Serve(ctx context.Context, p tenancy.Principal, id int64) (Visit, error) {
	return s.change(ctx, p, id, desk.VisitServing, func(v *Visit) { v.Served = s.Store.Now() })
}

// NoShow finishes a called visitor who did not come to the desk.
func (s *Service) NoShow(ctx context.Context, p tenancy.Principal, id int64) (Visit, error) {
	return s.change(ctx, p, id, desk.VisitNoShow, func(v *Visit) { v.Finished = s.Store.Now() })
}

// Resolve finishes a visit dealt with on the spot, recording what was done.
func (s *Service) Resolve(ctx context.Context, p tenancy.Principal, id int64, outcome string) (Visit, error) {
	outcome = strings.TrimSpace(outcome)
	if outcome == "" || utf8.RuneCountInString(outcome) > desk.MaxVisitOutcome {
		return Visit{}, fault.Invalid("outcome", "say what was done for the visitor (up to 2000 characters)")
	}
	return s.change(ctx, p, id, desk.VisitResolved, func(v *Visit) {
		v.Outcome, v.Finished = outcome, s.Store.Now()
		if v.Served.IsZero() {
			v.Served = v.Called
		}
	})
}

// LogTicket finishes a visit by logging a walk-up ticket for it, in one
// transaction: the ticket is opened by the desk (channel walk-up, the
// visit's site) and the visit points to it.
func (s *Service) LogTicket(ctx context.Context, p tenancy.Principal, id int64, n desksvc.NewTicket) (desksvc.Ticket, error) {
	var t desksvc.Ticket
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		v, err := s.Visit(ctx, p, id)
		if err != nil {
			return err
		}
		if n.OrgID != v.OrgID {
			return fault.Invalid("org", "the ticket must be for the organisation the visitor checked in to")
		}
		if !desk.CanMove(v.State, desk.VisitTicket) {
			return fault.Conflict("this visitor is %s: a ticket cannot be logged from the visit now", strings.ToLower(v.State.Label()))
		}
		n.Channel = desk.WalkUp
		if n.Site == "" {
			n.Site = v.SiteName
		}
		if t, err = s.Desk.Open(ctx, p, n); err != nil {
			return err
		}
		return s.move(ctx, p, &v, desk.VisitTicket, func(v *Visit) {
			v.TicketID, v.Outcome, v.Finished = t.ID, "Logged "+t.Ref, s.Store.Now()
			if v.Served.IsZero() {
				v.Served = v.Called
			}
		})
	})
	return t, err
}

package desksvc

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The desk's records, named here so that adapters speak the service's
// vocabulary and never import the store.
type (
	Ticket       = store.Ticket
	TicketFilter = store.TicketFilter
	TicketPage   = store.TicketPage
	TicketCursor = store.TicketCursor
	TicketSort   = store.TicketSort
	Person       = store.Person
)

// Tickets lists the tickets in the principal's scope that match the filter,
// newest first.
func (s *Service) Tickets(ctx context.Context, p tenancy.Principal, f TicketFilter) ([]Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	f = s.withBreachBy(ctx, p, f)
	return withSearchBudget(ctx, f, func(ctx context.Context) ([]Ticket, error) { return s.Store.Tickets(ctx, p.Scope, f) })
}

// TicketPage reads one page of the tickets in the principal's scope that
// match the filter, in its order, with the cursors of the pages beside it.
func (s *Service) TicketPage(ctx context.Context, p tenancy.Principal, f TicketFilter) (TicketPage, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return TicketPage{}, errForbidden
	}
	f = s.withBreachBy(ctx, p, f)
	page, err := withSearchBudget(ctx, f, func(ctx context.Context) (TicketPage, error) { return s.Store.TicketPage(ctx, p.Scope, f) })
	if errors.Is(err, store.ErrBadCursor) {
		return page, invalid("cursor", "this page link is out of date or not one of this list's; start from the first page").Because(err)
	}
	return page, err
}

// TicketSorts are the orders the ticket list offers.
var TicketSorts = store.TicketSorts

// DecodeTicketCursor reads a page link's cursor for the order sort.
func DecodeTicketCursor(s string, sort TicketSort) (TicketCursor, error) {
	return store.DecodeTicketCursor(s, sort)
}

// CountTickets counts the tickets a filter matches, exactly up to ceiling;
// more says there are more than ceiling.
func (s *Service) CountTickets(ctx context.Context, p tenancy.Principal, f TicketFilter, ceiling int) (n int, more bool, err error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return 0, false, errForbidden
	}
	f = s.withBreachBy(ctx, p, f)
	type count struct {
		n    int
		more bool
	}
	c, err := withSearchBudget(ctx, f, func(ctx context.Context) (count, error) {
		n, more, err := s.Store.CountTickets(ctx, p.Scope, f, ceiling)
		return count{n, more}, err
	})
	return c.n, c.more, err
}

// TicketByRef finds an org's ticket by its reference; ErrNotFound outside
// the principal's scope.
func (s *Service) TicketByRef(ctx context.Context, p tenancy.Principal, orgID int64, ref string) (Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return Ticket{}, errForbidden
	}
	return s.Store.TicketByRef(ctx, p.Scope, orgID, ref)
}

// People lists the people of one org in scope, or of every org in scope for
// orgID 0: the callers the desk logs visits and calls for.
func (s *Service) People(ctx context.Context, p tenancy.Principal, orgID int64) ([]Person, error) {
	if !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	scope := p.Scope
	if orgID != 0 {
		scope = scope.Narrow(orgID)
	}
	return s.Store.People(ctx, scope)
}

// PhoneCall takes a signed call from an org's phone system: the org is the
// one its URL names, and the body must be signed with that org's phone
// webhook secret. An unknown org, an org without a secret and a bad
// signature all come back as ErrBadSignature and cost the same, so a caller
// learns nothing about which orgs exist. It returns the checked call, for
// Phone to record once.
func (s *Service) PhoneCall(ctx context.Context, slug, timestamp, signature string, body []byte) (SignedCall, error) {
	secret := ""
	var orgID int64
	// The hook acts for the org its URL names, before anyone is known: a
	// system read across every org, limited to that one slug.
	system := tenancy.ForSystem(tenancy.JobInboundWebhook)
	if org, err := s.Store.OrgBySlug(ctx, system, slug); err == nil {
		orgID = org.ID
		if secret, err = s.Store.WebhookSecret(ctx, system, org.ID, PhoneHook); err != nil {
			secret = ""
		}
	}
	if secret == "" {
		// Check against a secret nobody holds, so an unknown org costs the
		// same as a wrong signature.
		secret = decoySecret
	}
	if err := VerifySignature(secret, timestamp, signature, body, s.Store.Now()); err != nil {
		return SignedCall{}, err
	}
	sec, _ := strconv.ParseInt(timestamp, 10, 64) // VerifySignature parsed it
	return SignedCall{OrgID: orgID, Signature: signature, SignedAt: time.Unix(sec, 0).UTC()}, nil
}

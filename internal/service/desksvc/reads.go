package desksvc

import (
	"context"
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
	Person       = store.Person
)

// Tickets lists the tickets in the principal's scope that match the filter,
// newest first.
func (s *Service) Tickets(ctx context.Context, p tenancy.Principal, f TicketFilter) ([]Ticket, error) {
	if !p.Can(tenancy.RaiseTickets) && !p.Can(tenancy.WorkTickets) {
		return nil, errForbidden
	}
	return s.Store.Tickets(ctx, p.Scope, f)
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

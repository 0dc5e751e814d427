package accounts

import (
	"context"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The reads below let an adapter list and name orgs, users and tokens
// without reaching the store: each sees only the principal's scope, so an
// org outside it is not found, just as if it did not exist.

// Orgs lists the orgs in the principal's scope.
func (svc *Service) Orgs(ctx context.Context, p tenancy.Principal) ([]store.Org, error) {
	if !p.Can(tenancy.ViewOrgs) {
		return nil, ErrForbidden
	}
	return svc.Store.Orgs(ctx, p.Scope)
}

// OrgBySlug finds an org in the principal's scope by its slug.
func (svc *Service) OrgBySlug(ctx context.Context, p tenancy.Principal, slug string) (store.Org, error) {
	if !p.Can(tenancy.ViewOrgs) {
		return store.Org{}, ErrForbidden
	}
	return svc.Store.OrgBySlug(ctx, p.Scope, slug)
}

// Users lists the users of one org, or of every org in scope when orgID is 0.
func (svc *Service) Users(ctx context.Context, p tenancy.Principal, orgID int64) ([]store.User, error) {
	if err := svc.require(p, tenancy.ViewPeople, orgID); err != nil {
		return nil, err
	}
	scope := p.Scope
	if orgID != 0 {
		scope = scope.Narrow(orgID)
	}
	return svc.Store.Users(ctx, scope)
}

// Tokens lists the API tokens of the orgs in scope, revoked and expired
// ones too.
func (svc *Service) Tokens(ctx context.Context, p tenancy.Principal) ([]store.APIToken, error) {
	if !p.Can(tenancy.ManageTokens) {
		return nil, ErrForbidden
	}
	return svc.Store.APITokens(ctx, p.Scope)
}

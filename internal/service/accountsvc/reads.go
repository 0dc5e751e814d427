package accountsvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The records this service reads and writes, named here so that adapters
// speak the service's vocabulary and never import the store.
type (
	Org        = store.Org
	Site       = store.Site
	Team       = store.Team
	User       = store.User
	APIToken   = store.APIToken
	AuditQuery = store.AuditQuery
)

// ErrNotFound means there is no such record in the caller's scope: pages
// and the API answer it as a 404, so a record outside the scope and one
// that does not exist look the same.
var ErrNotFound = store.ErrNotFound

// The reads of org records (orgs, sites, teams, users) are bounded by the
// caller's scope, never wider; which roles reach them is the route's
// permission, since every role's home page counts an org's sites, teams and
// people. Reads that belong to one right (the audit log, tokens, a user to
// manage) check it here as well.

// within is the scope of a read: the principal's whole scope for orgID 0,
// else only that org, and nothing when it is outside the principal's scope.
func within(p tenancy.Principal, orgID int64) tenancy.Scope {
	if orgID == 0 {
		return p.Scope
	}
	return p.Scope.Narrow(orgID)
}

// Orgs lists the orgs in the principal's scope.
func (svc *Service) Orgs(ctx context.Context, p tenancy.Principal) ([]Org, error) {
	return svc.Store.Orgs(ctx, p.Scope)
}

// OrgBySlug finds an org in the principal's scope; ErrNotFound outside it.
func (svc *Service) OrgBySlug(ctx context.Context, p tenancy.Principal, slug string) (Org, error) {
	return svc.Store.OrgBySlug(ctx, p.Scope, slug)
}

// OrgByID finds an org in the principal's scope; ErrNotFound outside it.
func (svc *Service) OrgByID(ctx context.Context, p tenancy.Principal, id int64) (Org, error) {
	return svc.Store.OrgByID(ctx, p.Scope, id)
}

// OrgCounts counts the sites, teams and people of each org in scope.
func (svc *Service) OrgCounts(ctx context.Context, p tenancy.Principal) (map[int64]store.OrgCount, error) {
	return svc.Store.OrgCounts(ctx, p.Scope)
}

// Sites lists the sites of one org in scope, or of every org in scope for orgID 0.
func (svc *Service) Sites(ctx context.Context, p tenancy.Principal, orgID int64) ([]Site, error) {
	return svc.Store.Sites(ctx, within(p, orgID))
}

// Teams lists the teams of one org in scope, or of every org in scope for orgID 0.
func (svc *Service) Teams(ctx context.Context, p tenancy.Principal, orgID int64) ([]Team, error) {
	return svc.Store.Teams(ctx, within(p, orgID))
}

// Users lists the users of one org in scope, or of every org in scope for orgID 0.
func (svc *Service) Users(ctx context.Context, p tenancy.Principal, orgID int64) ([]User, error) {
	return svc.Store.Users(ctx, within(p, orgID))
}

// User is one user the principal may manage; ErrNotFound outside the scope.
func (svc *Service) User(ctx context.Context, p tenancy.Principal, id int64) (User, error) {
	return svc.userInScope(ctx, p, id)
}

// GrantedOrgs lists the orgs granted to a user the principal may manage,
// beyond the user's own.
func (svc *Service) GrantedOrgs(ctx context.Context, p tenancy.Principal, userID int64) ([]int64, error) {
	if _, err := svc.userInScope(ctx, p, userID); err != nil {
		return nil, err
	}
	return svc.Store.GrantedOrgs(ctx, userID)
}

// Tokens lists the API tokens of the orgs in scope.
func (svc *Service) Tokens(ctx context.Context, p tenancy.Principal) ([]APIToken, error) {
	if err := svc.require(p, tenancy.ManageTokens, 0); err != nil {
		return nil, err
	}
	return svc.Store.APITokens(ctx, p.Scope)
}

// AuditEntries reads the audit log of the orgs in scope, newest first.
func (svc *Service) AuditEntries(ctx context.Context, p tenancy.Principal, q AuditQuery) ([]audit.Entry, error) {
	if err := svc.require(p, tenancy.ViewAudit, q.OrgID); err != nil {
		return nil, err
	}
	return svc.Store.AuditEntries(ctx, p.Scope, q)
}

// RecordView writes the audit entry for a view of confidential data, under
// the org the caller is acting for; the data must not be shown when this
// fails.
func (svc *Service) RecordView(ctx context.Context, p tenancy.Principal, orgID int64, target string) error {
	_, err := svc.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.View, Target: target, IP: p.IP})
	return err
}

// RecordExport writes the audit entry for data leaving ward (a CSV of
// findings, say) from an org in scope, or from the whole scope for orgID 0.
func (svc *Service) RecordExport(ctx context.Context, p tenancy.Principal, orgID int64, target string, detail map[string]string) error {
	if orgID != 0 && !p.Scope.Allows(orgID) {
		return errForbidden
	}
	_, err := svc.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.Export, Target: target, Detail: detail, IP: p.IP})
	return err
}

// ActorNamer names the people in a record's history as the principal may
// see them: a user of an org in scope by their email, anyone else by their
// part (a council officer does not learn the shared service's staff list).
func (svc *Service) ActorNamer(ctx context.Context, p tenancy.Principal) (func(string) string, error) {
	users, err := svc.Store.Users(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	emails := make([]string, len(users))
	for i, u := range users {
		emails[i] = u.Email
	}
	return audit.ActorNames(emails, "shared service staff", nil), nil
}

// ActorPeople is ActorNamer for pages: a user the principal may see is
// named by their name, with their e-mail address kept as the raw
// identifier for a title or a detail row.
func (svc *Service) ActorPeople(ctx context.Context, p tenancy.Principal) (func(string) audit.Named, error) {
	users, err := svc.Store.Users(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	people := make([]audit.Person, len(users))
	for i, u := range users {
		people[i] = audit.Person{Email: u.Email, Name: u.Name}
	}
	return audit.ActorPeople(people, "shared service staff", nil), nil
}

// OwnOrg is the org the principal belongs to, which it may always see.
func (svc *Service) OwnOrg(ctx context.Context, p tenancy.Principal) (Org, error) {
	return svc.Store.OrgByID(ctx, tenancy.ScopeOf(p.OrgID), p.OrgID)
}

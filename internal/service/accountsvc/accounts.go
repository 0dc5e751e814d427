// Package accountsvc carries out the administrative changes — orgs, sites,
// teams, users — for the web pages, the JSON API and the command
// line alike: one place checks the permission and scope, makes the change and
// writes its audit entry in the same transaction.
package accountsvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// errForbidden means the principal's role or scope does not allow the change.
var errForbidden = fault.Forbidden("your role does not allow this change")

var invalid = fault.Invalid

// Require checks that a principal holds a permission in an org: the check
// every service makes before it reads or changes an org's data. It refuses
// with a forbidden fault.
func Require(p tenancy.Principal, perm tenancy.Permission, orgID int64) error {
	if !p.Can(perm) || !p.Scope.Allows(orgID) {
		return errForbidden
	}
	return nil
}

// Service makes administrative changes on a store.
type Service struct {
	Store          *store.Store
	PasswordParams auth.Params
}

// New returns a service hashing passwords with the default parameters.
func New(s *store.Store) *Service { return &Service{Store: s, PasswordParams: auth.DefaultParams} }

func (svc *Service) require(p tenancy.Principal, perm tenancy.Permission, orgID int64) error {
	if !p.Can(perm) || (orgID != 0 && !p.Scope.Allows(orgID)) {
		return errForbidden
	}
	return nil
}

// record makes a change and writes its audit entry in one transaction: both
// land, or neither does.
func (svc *Service) record(ctx context.Context, e audit.Entry, change func(ctx context.Context) error) error {
	return svc.Store.InTx(ctx, func(ctx context.Context) error {
		if err := change(ctx); err != nil {
			return err
		}
		_, err := svc.Store.Audit(ctx, e)
		return err
	})
}

func entry(p tenancy.Principal, orgID int64, action, target string, detail map[string]string) audit.Entry {
	return audit.Entry{Actor: p.Actor, OrgID: orgID, Action: action, Target: target, Detail: detail, IP: p.IP}
}

package accountsvc

import (
	"context"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RefPrefixChange is what changing an org's reference prefix did.
type RefPrefixChange struct {
	Org     store.Org
	Old     string
	Renamed int64 // tickets whose references now start with the new prefix
}

// ChangeRefPrefix gives an org a new reference prefix, checked as when the
// org was added (2 to 6 capitals, held by no other org now or before), and
// renames its tickets' references to match, in one audited transaction.
// The old prefix stays the org's, so old references are redirected to the
// new ones rather than ever naming another org's ticket. Like adding an
// org, it is for the service's administrators.
func (svc *Service) ChangeRefPrefix(ctx context.Context, p tenancy.Principal, orgID int64, prefix string) (RefPrefixChange, error) {
	if err := svc.require(p, tenancy.ManageOrgs, orgID); err != nil || !p.Scope.All() {
		return RefPrefixChange{}, errForbidden
	}
	prefix = strings.ToUpper(strings.TrimSpace(prefix))
	if err := tenancy.CheckRefPrefix(prefix); err != nil {
		return RefPrefixChange{}, invalid("ref_prefix", "%s", err.Error())
	}
	var c RefPrefixChange
	err := svc.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := svc.Store.RefPrefixHeld(ctx, prefix, orgID)
		if err != nil {
			return err
		}
		if held {
			return fault.Conflict("another organisation's references start, or started, with %s", prefix).On("ref_prefix")
		}
		if c.Old, c.Renamed, err = svc.Store.ChangeRefPrefix(ctx, p.Scope, orgID, prefix); err != nil {
			return err
		}
		if c.Org, err = svc.Store.OrgByID(ctx, p.Scope, orgID); err != nil {
			return err
		}
		if c.Old == prefix {
			return nil // nothing changed, so nothing to audit
		}
		_, err = svc.Store.Audit(ctx, entry(p, orgID, audit.OrgRefPrefix, "org:"+c.Org.Slug,
			map[string]string{"from": c.Old, "to": prefix, "tickets": strconv.FormatInt(c.Renamed, 10)}))
		return err
	})
	return c, err
}

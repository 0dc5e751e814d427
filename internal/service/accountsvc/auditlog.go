package accountsvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// VerifyAudit walks the whole hash-chained audit log and reports the first
// break. The chain spans every org, so only a principal over all of them
// (the operator, an administrator of the shared service) may walk it.
func (svc *Service) VerifyAudit(ctx context.Context, p tenancy.Principal) (int64, *audit.Break, error) {
	if !p.Can(tenancy.ViewAudit) || !p.Scope.All() {
		return 0, nil, errForbidden
	}
	return svc.Store.VerifyAudit(ctx)
}

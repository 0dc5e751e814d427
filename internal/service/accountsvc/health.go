package accountsvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// HealthTail is how many of the audit chain's last entries the health
// panel checks on every view: a few milliseconds at any length of log.
const HealthTail = 500

// ImportKinds are the imports the health panel reports, by audit action.
var ImportKinds = []string{audit.TicketImport, audit.PostureImport, audit.IdentityImport, audit.WarpImport}

// Health is how the service stands, for its administrators: the last
// import of each kind (from the audit log, where every import that
// succeeded is recorded; a refused import changes nothing and leaves no
// entry), the mail outbox, and the audit chain's end.
type Health struct {
	Imports map[string]*audit.Entry // by action; nil when none was made
	Outbox  store.OutboxStats
	// Checked is how many of the chain's last entries were checked, and
	// Break the first fault found in them or in the head, nil when none.
	Checked int64
	Break   *audit.Break
}

// Health reads the service's health. The outbox and the chain span every
// org, so only a principal over all of them may read it.
func (svc *Service) Health(ctx context.Context, p tenancy.Principal) (Health, error) {
	h := Health{Imports: map[string]*audit.Entry{}}
	if !p.Can(tenancy.ViewAudit) || !p.Scope.All() {
		return h, errForbidden
	}
	for _, action := range ImportKinds {
		list, err := svc.Store.AuditEntries(ctx, p.Scope, store.AuditQuery{Action: action, Limit: 1})
		if err != nil {
			return h, err
		}
		if len(list) > 0 {
			h.Imports[action] = &list[0]
		}
	}
	var err error
	if h.Outbox, err = svc.Store.OutboxStats(ctx); err != nil {
		return h, err
	}
	h.Checked, h.Break, err = svc.Store.VerifyAuditTail(ctx, HealthTail)
	return h, err
}

package accountsvc

import (
	"context"
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/csvout"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// AuditCSVHeader is the first row of the audit log's export.
var AuditCSVHeader = []string{"seq", "at", "actor", "actor_id", "organisation", "action", "target", "detail", "ip_address", "hash"}

// ExportAudit writes every entry the filter selects as CSV, newest first,
// over every page; the query's limit and cursor are ignored. The export is
// itself audited, with its filter (query, as the caller wrote it), before
// the first row is sent, and the rows are streamed as they are read. Cells
// go through csvout: targets and details hold text anyone could type.
func (svc *Service) ExportAudit(ctx context.Context, p tenancy.Principal, q AuditQuery, query string, w io.Writer) (int, error) {
	if err := svc.require(p, tenancy.ViewAudit, q.OrgID); err != nil {
		return 0, err
	}
	q.BeforeSeq, q.Limit = 0, 0
	orgs, err := svc.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return 0, err
	}
	orgName := map[int64]string{}
	for _, o := range orgs {
		orgName[o.ID] = o.Name
	}
	people, err := svc.ActorPeople(ctx, p)
	if err != nil {
		return 0, err
	}
	if err := svc.RecordExport(ctx, p, q.OrgID, "audit log as CSV", map[string]string{"query": query}); err != nil {
		return 0, err
	}
	return csvout.Stream(w, AuditCSVHeader, func(emit func([]string) error) error {
		return svc.Store.EachAuditEntry(ctx, p.Scope, q, func(e audit.Entry) error {
			detail := ""
			if len(e.Detail) > 0 {
				detail = e.DetailJSON()
			}
			return emit([]string{strconv.FormatInt(e.Seq, 10), e.At.UTC().Format(time.RFC3339), people(e.Actor).Name, e.Actor,
				orgName[e.OrgID], e.Action, e.Target, detail, e.IP, e.Hash})
		})
	})
}

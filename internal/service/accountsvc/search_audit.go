package accountsvc

import (
	"context"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RecordSearch writes the audit entry for a search: who, the query as
// typed, the kinds of record searched and how many were found. It is filed
// under the org searched when the scope is one org (a council officer, or
// `ward search --org`), else under the searcher's own org; the results
// must not be shown when this fails.
func (svc *Service) RecordSearch(ctx context.Context, p tenancy.Principal, query string, kinds []string, found int) error {
	org := p.OrgID
	if ids := p.Scope.OrgIDs(); !p.Scope.All() && len(ids) == 1 {
		org = ids[0]
	}
	_, err := svc.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org, Action: audit.Search, Target: "search",
		Detail: map[string]string{"query": query, "kinds": strings.Join(kinds, ","), "found": strconv.Itoa(found)}, IP: p.IP})
	return err
}

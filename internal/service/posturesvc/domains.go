package posturesvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Domains lists an org's official mail domains, the ones forwarding and
// sender checks count as the council's own.
func (s *Service) Domains(ctx context.Context, p tenancy.Principal, orgID int64) ([]string, error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return nil, err
	}
	return s.Store.OrgDomains(ctx, p.Scope, orgID)
}

package desksvc

import (
	"context"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// RebuildSurveyDays counts an org's kept survey day counts again from its
// surveys, as after its time zone changed (a survey's day is the org's
// local day), and audits the rebuild. It says how many days it wrote.
func (s *Service) RebuildSurveyDays(ctx context.Context, p tenancy.Principal, orgID int64) (int, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return 0, err
	}
	var days int
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if days, err = s.Store.RebuildSurveyDays(ctx, p.Scope, orgID); err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.SurveyDays, Target: "satisfaction surveys",
			Detail: map[string]string{"days": strconv.Itoa(days)}, IP: p.IP})
		return err
	})
	return days, err
}

package desksvc

import (
	"context"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// VerdictFlips is the tickets whose verdict (within target, breached,
// open) the recompute changed or would change: what a reader of the SLA
// report notices, beside changes of target or time used that leave the
// verdict as it was.
func (r RecomputeResult) VerdictFlips() []Remeasured {
	var out []Remeasured
	for _, c := range r.Changes {
		if c.What == "verdict" {
			out = append(out, c)
		}
	}
	return out
}

// RecomputeDays is Recompute for the tickets opened from the first day to
// the last, inclusive, written YYYY-MM-DD in the org's zone; every problem
// with the two days is reported at once.
func (s *Service) RecomputeDays(ctx context.Context, p tenancy.Principal, org store.Org, first, last string, dryRun bool) (RecomputeResult, error) {
	if err := require(p, tenancy.ManageDesk, org.ID); err != nil {
		return RecomputeResult{DryRun: dryRun}, err
	}
	var bad fault.Fields
	day := func(field, what, v string) time.Time {
		if strings.TrimSpace(v) == "" {
			bad.Add(field, "enter the %s day, for example 2026-04-01", what)
			return time.Time{}
		}
		t, err := startOfDay(strings.TrimSpace(v), org.TimeZone)
		if err != nil {
			bad.Add(field, "the %s day: %v", what, err)
		}
		return t
	}
	from, to := day("from", "first", first), day("to", "last", last)
	if len(bad) == 0 && to.Before(from) {
		bad.Add("to", "the last day is before the first")
	}
	if len(bad) > 0 {
		return RecomputeResult{DryRun: dryRun}, bad.Err()
	}
	return s.Recompute(ctx, p, org.ID, from, to.AddDate(0, 0, 1), dryRun)
}

package desksvc

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Remeasured is one ticket whose stored verdict a recompute changed.
type Remeasured struct {
	Ref    string `json:"ref"`
	What   string `json:"what"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// RecomputeResult says what a recompute found.
type RecomputeResult struct {
	Tickets int          `json:"tickets"`
	Changed int          `json:"changed"`
	Changes []Remeasured `json:"changes"`
	DryRun  bool         `json:"dry_run"`
}

// Recompute re-measures the tickets an org opened in [from, to) with the
// calendar in force now and the policy versions in force when each was
// opened, and says which verdicts changed. Stored measurements otherwise
// stay as taken, so a report re-run for a past period gives the same answer
// until someone re-measures it on purpose. With dryRun nothing is saved.
func (s *Service) Recompute(ctx context.Context, p tenancy.Principal, orgID int64, from, to time.Time, dryRun bool) (RecomputeResult, error) {
	res := RecomputeResult{DryRun: dryRun}
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return res, err
	}
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		m, err := s.measurer(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		now := s.Store.Now()
		err = s.Store.EachTicket(ctx, p.Scope, orgID, from, to, false, func(t store.Ticket, events []desk.Event) error {
			res.Tickets++
			before := t.SLA
			if err := m.measure(&t, events, now); err != nil {
				return err
			}
			changes := differences(t, before, t.SLA)
			if len(changes) > 0 {
				res.Changed++
				res.Changes = append(res.Changes, changes...)
			}
			if dryRun {
				return nil
			}
			return s.Store.SetMeasurement(ctx, p.Scope, &t)
		})
		if err != nil || dryRun {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.SLARecompute,
			Target: fmt.Sprintf("%s to %s", from.Format(time.DateOnly), to.Format(time.DateOnly)),
			Detail: map[string]string{"tickets": strconv.Itoa(res.Tickets), "changed": strconv.Itoa(res.Changed)}, IP: p.IP})
		return err
	})
	// The months re-measured had their rollups brought up to date in the
	// same transaction (see store.InTx).
	return res, err
}

// differences names the changes a reader of the SLA report would notice.
// An open ticket's time used grows by itself, so only its target, policy and
// verdict count as changes.
func differences(t store.Ticket, a, b desk.Measurement) []Remeasured {
	var out []Remeasured
	add := func(what, before, after string) {
		if before != after {
			out = append(out, Remeasured{Ref: t.Ref, What: what, Before: before, After: after})
		}
	}
	add("policy version", strconv.Itoa(a.PolicyVersion), strconv.Itoa(b.PolicyVersion))
	add("priority", a.Priority.String(), b.Priority.String())
	add("resolution target", a.Resolution.Target.String(), b.Resolution.Target.String())
	if t.State.Done() || !t.ResolvedAt.IsZero() {
		add("resolution time", a.Resolution.Used.Truncate(time.Second).String(), b.Resolution.Used.Truncate(time.Second).String())
	}
	add("verdict", verdict(t, a.Resolution), verdict(t, b.Resolution))
	return out
}

func verdict(t store.Ticket, c desk.Clock) string {
	switch {
	case c.Used > c.Target:
		return "breached"
	case t.ResolvedAt.IsZero() && !t.State.Done():
		return "open"
	default:
		return "within target"
	}
}

package walkupsvc

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Report builds an org's walk-up figures for visits checked in from the
// first to the last day given, inclusive, in the org's time zone. Who may
// read it is who may read the SLA report; reading it is audited likewise.
func (s *Service) Report(ctx context.Context, p tenancy.Principal, org store.Org, first, last calendar.Date) (report.Walkup, error) {
	if !desksvc.CanReport(p, org.ID) {
		return report.Walkup{}, fault.Forbidden("your role does not allow reading this report")
	}
	if !first.Valid() || !last.Valid() {
		return report.Walkup{}, fault.Invalid("from", "give the period as dates, such as 2026-04-01")
	}
	if last.Compare(first) < 0 {
		return report.Walkup{}, fault.Invalid("to", "the period ends before it starts")
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return report.Walkup{}, err
	}
	from := time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, loc)
	end := last.AddDays(1)
	to := time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc)
	var seen []report.WalkupSeen
	err = s.Store.EachVisit(ctx, p.Scope, org.ID, from, to, func(v Visit) error {
		x := report.WalkupSeen{Site: v.SiteName, CheckedIn: v.CheckedIn, Called: v.Called, Finished: v.Finished}
		if v.State.Finished() {
			x.Outcome = string(v.State)
		}
		seen = append(seen, x)
		return nil
	})
	if err != nil {
		return report.Walkup{}, err
	}
	r := report.WalkupFigures(seen, loc)
	r.Org, r.OrgName, r.From, r.To, r.TimeZone = org.Slug, org.Name, first.String(), last.String(), org.TimeZone
	r.Generated = s.Store.Now().In(loc)
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.View,
		Target: fmt.Sprintf("walk-up report %s to %s", r.From, r.To), IP: p.IP})
	return r, err
}

// PastVisit is a visit that has already happened, recorded with its times:
// for a site's history from before ward took the queue, the demo, and
// tests that need a known table of waits.
type PastVisit struct {
	SiteID    int64
	Name      string
	Reason    string
	State     desk.VisitState // where the visit ended (or stands, if still waiting)
	Desk      string
	Outcome   string
	CheckedIn time.Time
	Called    time.Time
	Finished  time.Time
}

// RecordVisits records an org's past visits in one transaction with one
// audit entry, each numbered in its site's day as if checked in then.
func (s *Service) RecordVisits(ctx context.Context, p tenancy.Principal, orgID int64, visits []PastVisit) (int, error) {
	if err := require(p, tenancy.ManageDesk, orgID); err != nil {
		return 0, err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, orgID)
	if err != nil {
		return 0, err
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return 0, err
	}
	var bad fault.Fields
	for i, v := range visits {
		at := "visit " + strconv.Itoa(i+1)
		for field, msg := range desk.CheckVisitor(v.Name, v.Reason) {
			bad.Add(field, "%s: %s", at, msg)
		}
		if v.CheckedIn.IsZero() || (!v.Called.IsZero() && v.Called.Before(v.CheckedIn)) ||
			(!v.Finished.IsZero() && (v.Called.IsZero() || v.Finished.Before(v.Called))) {
			bad.Add("times", "%s: the times must run check-in, called, finished", at)
		}
		// What the times say happened must match where the visit ended.
		waiting, called, finished := v.State == desk.VisitWaiting, v.State == desk.VisitCalled || v.State == desk.VisitServing, v.State.Finished()
		switch {
		case !waiting && !called && !finished:
			bad.Add("state", "%s: %q is not a visit's state", at, v.State)
		case waiting && !v.Called.IsZero(), !waiting && v.Called.IsZero(), finished != !v.Finished.IsZero():
			bad.Add("state", "%s: a visit %s has the wrong times for it", at, strings.ToLower(v.State.Label()))
		}
	}
	if err := bad.Err(); err != nil {
		return 0, err
	}
	numbered := map[string]int{}
	return len(visits), s.Store.InTx(ctx, func(ctx context.Context) error {
		for _, v := range visits {
			x := Visit{OrgID: orgID, SiteID: v.SiteID, Day: v.CheckedIn.In(loc).Format(time.DateOnly), Name: v.Name,
				Reason: v.Reason, State: v.State, Desk: v.Desk, Outcome: v.Outcome, CheckedIn: v.CheckedIn,
				Called: v.Called, Finished: v.Finished}
			if !v.Called.IsZero() {
				x.CalledBy = p.Actor
			}
			if v.State != desk.VisitWaiting && v.State != desk.VisitCalled {
				x.Served = v.Called // past visits keep no separate moment they reached the desk
			}
			// The store finds a site's day's next number once; the rest of
			// that day's visits here follow on from it.
			key := fmt.Sprint(x.SiteID, x.Day)
			if last, ok := numbered[key]; ok {
				x.Number = last + 1
			}
			added, err := s.Store.AddVisit(ctx, p.Scope, x)
			if err != nil {
				return err
			}
			numbered[key] = added.Number
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.WalkupImport,
			Target: fmt.Sprintf("%d past walk-up visits", len(visits)), IP: p.IP})
		return err
	})
}

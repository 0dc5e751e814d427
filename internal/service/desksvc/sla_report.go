package desksvc

import (
	"context"
	"fmt"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// CanReport says whether a principal may read an org's SLA report: the desk
// that is measured by it, and the committee that holds the desk to it.
func CanReport(p tenancy.Principal, orgID int64) bool {
	return (p.Can(tenancy.ViewReports) || p.Can(tenancy.WorkTickets)) && p.Scope.Allows(orgID)
}

// SLAReport builds an org's SLA report for tickets opened from the first to
// the last day given, inclusive, in the org's time zone. Reading it is
// audited: the figures go to the joint committee.
func (s *Service) SLAReport(ctx context.Context, p tenancy.Principal, org store.Org, first, last calendar.Date) (report.SLA, error) {
	return s.slaReport(ctx, p, org, first, last)
}

// SLAComparison lays the SLA reports of the orgs given side by side, for
// tickets opened from the first to the last day, each in its own zone. It
// Each org's reading is audited as its own report's is.
func (s *Service) SLAComparison(ctx context.Context, p tenancy.Principal, orgs []store.Org, first, last calendar.Date) (report.Comparison, error) {
	var reports []report.SLA
	for _, org := range orgs {
		r, err := s.slaReport(ctx, p, org, first, last)
		if err != nil {
			return report.Comparison{}, err
		}
		reports = append(reports, r)
	}
	c := report.Compare(reports, s.Store.Now())
	c.From, c.To = first.String(), last.String()
	return c, nil
}

func (s *Service) slaReport(ctx context.Context, p tenancy.Principal, org store.Org, first, last calendar.Date) (report.SLA, error) {
	if !CanReport(p, org.ID) {
		return report.SLA{}, errForbidden
	}
	if !first.Valid() || !last.Valid() {
		return report.SLA{}, invalid("from", "give the period as dates, such as 2026-04-01")
	}
	if last.Compare(first) < 0 {
		return report.SLA{}, invalid("to", "the period ends before it starts")
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return report.SLA{}, err
	}
	from := time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, loc)
	end := last.AddDays(1)
	to := time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc)
	m, err := s.measurer(ctx, p.Scope, org.ID)
	if err != nil {
		return report.SLA{}, err
	}
	counts, err := s.Store.SLACounts(ctx, p.Scope, org.ID, from, to, months(from, to, loc))
	if err != nil {
		return report.SLA{}, err
	}
	now := s.Store.Now()
	r := report.SLA{Org: org.Slug, OrgName: org.Name, From: first.String(), To: last.String(), TimeZone: org.TimeZone,
		Generated: now.In(loc), Basis: report.Basis}
	// Open tickets are measured as of now: their age and time left, and a
	// first response whose target has passed since the ticket was last
	// written, which its stored measurement still counts as awaited.
	var open []report.OpenTicket
	day := m.cal.DayLength()
	err = s.Store.EachTicket(ctx, p.Scope, org.ID, from, to, true, func(t store.Ticket, events []desk.Event) error {
		stored := t.SLA.Response.Status
		if err := m.measure(&t, events, now); err != nil {
			return err
		}
		if stored != desk.Met && stored != desk.Breached && t.SLA.Response.Status == desk.Breached {
			late := counts.Priorities
			if t.Type == desk.Request {
				late = counts.Requests
			}
			if c := late[t.Priority]; c != nil {
				c.ResponseMeasured++
			}
		}
		c := t.SLA.Resolution
		open = append(open, report.OpenTicket{Ref: t.Ref, Priority: t.Priority.String(), Title: t.Title,
			State: t.State.Label(), Status: string(c.Status), Deadline: c.Deadline, LeftHours: report.Hours(c.Left),
			UsedHours: report.Hours(c.Used), AgeDays: float64(m.cal.Between(t.OpenedAt, now)) / float64(day)})
		return nil
	})
	if err != nil {
		return report.SLA{}, err
	}
	// The targets shown are those of each type's policy in force at the end
	// of the period; each ticket was measured by its own version.
	for _, typ := range desk.Types {
		pol := desk.InForce(m.policies, typ, to.Add(-time.Nanosecond))
		counted := counts.Priorities
		if typ == desk.Request {
			counted = counts.Requests
		}
		for _, pr := range desk.Priorities {
			row := report.PriorityFigures(typ, pr, counted[pr], report.Targets{Percent: pol.TargetPercent,
				Response: pol.Targets[pr].Response.Working(m.cal), Resolution: pol.Targets[pr].Resolution.Working(m.cal)})
			if typ == desk.Request {
				r.Requests = append(r.Requests, row)
			} else {
				r.Priorities = append(r.Priorities, row)
			}
		}
	}
	r.Categories = counted(counts.Categories)
	r.Channels = counted(counts.Channels)
	r.Months = counted(counts.Months)

	r.Backlog = report.Backlog(open)
	r.NearestBreach = report.Nearest(open, 10)
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.View,
		Target: fmt.Sprintf("SLA report %s to %s", r.From, r.To), IP: p.IP})
	return r, err
}

func counted(list []store.NameCount) []report.Count {
	out := make([]report.Count, len(list))
	for i, c := range list {
		out[i] = report.Count{Name: c.Name, Count: c.Count}
	}
	return out
}

// months splits [from, to) at local month boundaries.
func months(from, to time.Time, loc *time.Location) []store.MonthBound {
	var out []store.MonthBound
	for start := from; start.Before(to); {
		next := time.Date(start.Year(), start.Month()+1, 1, 0, 0, 0, 0, loc)
		if next.After(to) {
			next = to
		}
		out = append(out, store.MonthBound{Name: start.Format("2006-01"), From: start, To: next})
		start = next
	}
	return out
}

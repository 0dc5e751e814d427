package desksvc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// dayBounds is [first 00:00, the day after last 00:00) in the org's zone.
func dayBounds(org store.Org, first, last calendar.Date) (time.Time, time.Time, error) {
	if !first.Valid() || !last.Valid() {
		return time.Time{}, time.Time{}, invalid("from", "give the period as dates, such as 2026-04-01")
	}
	if last.Compare(first) < 0 {
		return time.Time{}, time.Time{}, invalid("to", "the period ends before it starts")
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	end := last.AddDays(1)
	return time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, loc), time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc), nil
}

// SatisfactionReport is what callers of the orgs given said of the desk,
// for surveys sent from the first to the last day, inclusive, each org's
// days in its own zone. Councils are side by side in its by_council rows.
// Reading it is audited, once per org, as the SLA report is.
func (s *Service) SatisfactionReport(ctx context.Context, p tenancy.Principal, orgs []store.Org, first, last calendar.Date) (report.Satisfaction, error) {
	r := report.Satisfaction{From: first.String(), To: last.String(), Generated: s.Store.Now(), Basis: report.SatisfactionBasis}
	if len(orgs) == 0 {
		return r, invalid("org", "name an org to report on")
	}
	var tallies []report.SurveyTally
	for _, org := range orgs {
		if !CanReport(p, org.ID) {
			return r, errForbidden
		}
		t, err := s.orgTallies(ctx, p.Scope, org, first, last)
		if err != nil {
			return r, err
		}
		tallies = append(tallies, t...)
		r.Councils = append(r.Councils, org.Slug)
	}
	var by map[string][]report.SatisfactionRow
	r.Overall, by = report.BuildSatisfaction(tallies)
	r.ByCouncil, r.Channel, r.Priority, r.Category, r.Team, r.Agent = by["council"], by["channel"], by["priority"], by["category"], by["team"], by["agent"]
	// A council with nothing sent still has its row, so side by side none is missing.
	have := map[string]bool{}
	for _, c := range r.ByCouncil {
		have[c.Name] = true
	}
	for _, slug := range r.Councils {
		if !have[slug] {
			r.ByCouncil = append(r.ByCouncil, report.SatisfactionRow{Name: slug})
		}
	}
	return r, s.Store.InTx(ctx, func(ctx context.Context) error {
		for _, org := range orgs {
			if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.View,
				Target: fmt.Sprintf("satisfaction report %s to %s", r.From, r.To), IP: p.IP}); err != nil {
				return err
			}
		}
		return nil
	})
}

// orgTallies counts one org's surveys for the days given: the days before
// today from its day counts, today (if in the period) from the surveys, as
// some of today's may not be due yet; each survey once more as its council.
func (s *Service) orgTallies(ctx context.Context, scope tenancy.Scope, org store.Org, first, last calendar.Date) ([]report.SurveyTally, error) {
	from, to, err := dayBounds(org, first, last)
	if err != nil {
		return nil, err
	}
	loc := from.Location()
	now := s.Store.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	var out []report.SurveyTally
	if from.Before(today) {
		end := last.String()
		if yesterday := today.AddDate(0, 0, -1).Format(time.DateOnly); to.After(today) {
			end = yesterday
		}
		if out, err = s.Store.SurveyDayTallies(ctx, scope, org.ID, first.String(), end); err != nil {
			return nil, err
		}
	}
	if to.After(today) && from.Before(now) {
		live, err := s.Store.SurveyTallies(ctx, scope, org.ID, maxTime(from, today), to)
		if err != nil {
			return nil, err
		}
		out = append(out, live...)
	}
	council := report.SurveyTally{Dimension: "council", Name: org.Slug}
	for _, t := range out {
		if t.Dimension == "channel" { // every survey has one channel
			council.Add(t)
		}
	}
	if council.Sent > 0 {
		out = append(out, council)
	}
	return out, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// SurveyComment is a caller's comment as managers read it.
type SurveyComment = store.SurveyComment

// CommentsPerPage is how many comments a page of them shows.
const CommentsPerPage = 50

// SurveyComments is a page of what callers wrote, newest first, for those
// who read the committee's reports. Comments are the callers' own words,
// so every reading is audited.
func (s *Service) SurveyComments(ctx context.Context, p tenancy.Principal, org store.Org, first, last calendar.Date, cur *keyset.Cursor) (page []SurveyComment, prev, next *keyset.Cursor, err error) {
	if !p.Can(tenancy.ViewReports) || !p.Scope.Allows(org.ID) {
		return nil, nil, nil, errForbidden
	}
	from, to, err := dayBounds(org, first, last)
	if err != nil {
		return nil, nil, nil, err
	}
	rows, err := s.Store.SurveyComments(ctx, p.Scope, org.ID, from, to, cur, CommentsPerPage)
	if err != nil {
		return nil, nil, nil, err
	}
	page, prev, next = keyset.Trim(rows, CommentsPerPage, cur, func(c SurveyComment) keyset.Cursor {
		return keyset.Cursor{Time: c.AnsweredAt, ID: c.SurveyID}
	})
	refs := make([]string, len(page))
	for i, c := range page {
		refs[i] = c.TicketRef
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.View,
		Target: fmt.Sprintf("satisfaction comments %s to %s", first, last), Detail: map[string]string{"tickets": strings.Join(refs, " ")}, IP: p.IP})
	return page, prev, next, err
}

package posturesvc

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ControlStatus is one control's standing in an org as of its latest evaluation.
type ControlStatus struct {
	Control    string  `json:"control"`
	Title      string  `json:"title"`
	Severity   string  `json:"severity"`
	Subject    string  `json:"subject"`
	Pass       int     `json:"pass"`
	Fail       int     `json:"fail"`
	Unknown    int     `json:"unknown"`
	Compliance float64 `json:"compliance"` // percent of subjects known either way that pass; 100 when none were checked
	Accepted   int     `json:"accepted"`   // failing, with the risk accepted
	Open       int     `json:"open"`       // open findings now: the findings list filtered by this control
	// Trend is the compliance percentage each day over the last days, oldest first.
	Trend []DayCompliance `json:"trend"`
}

// DayCompliance is a control's compliance on one day.
type DayCompliance struct {
	Day        string  `json:"day"`
	Compliance float64 `json:"compliance"`
}

// WorstSubject is a device or mailbox with the most serious open findings.
type WorstSubject struct {
	Subject  finding.Subject `json:"subject"`
	Score    int             `json:"score"`
	Findings []string        `json:"findings"` // control ids
}

// AgeBand counts open findings by how long they have been failing.
type AgeBand struct {
	Label string `json:"label"`
	Count int    `json:"count"`
}

// Overview is an org's posture page: every control now and over time, the
// worst subjects, and how old the open findings are.
type Overview struct {
	Org         string          `json:"org"`
	OrgName     string          `json:"org_name"`
	EvaluatedOn string          `json:"evaluated_on"` // the day of the latest evaluation, or ""
	Compliance  float64         `json:"compliance"`   // over every control check of the day
	Open        int             `json:"open"`
	Accepted    int             `json:"accepted"`
	Overdue     int             `json:"overdue"`
	BySeverity  map[string]int  `json:"by_severity"` // open findings
	Controls    []ControlStatus `json:"controls"`
	// Identity and Other hold the rest of the open findings: the identity
	// checks' (accounts, directories, relations), and those of controls
	// switched off or retired. Controls, Identity and Other add up to Open,
	// as do ByKind and BySeverity.
	Identity     []OpenCount     `json:"identity"`
	Other        []OpenCount     `json:"other,omitempty"`
	ByKind       []OpenCount     `json:"by_kind"`
	Worst        []WorstSubject  `json:"worst"`
	Ages         []AgeBand       `json:"ages"`
	TrendDays    int             `json:"trend_days"`
	OverallTrend []DayCompliance `json:"overall_trend"`
	OSTableAsOf  string          `json:"os_table_as_of"`
	Disabled     []string        `json:"disabled,omitempty"`
	OfficialMail []string        `json:"official_domains"`
}

// severityPoints weighs open findings for the worst-subjects list.
var severityPoints = map[string]int{"critical": 10, "high": 5, "medium": 2, "low": 1}

// Overview builds an org's posture overview, with trends over the given number of days.
func (s *Service) Overview(ctx context.Context, p tenancy.Principal, org store.Org, days int) (Overview, error) {
	if err := require(p, tenancy.ViewPosture, org.ID); err != nil {
		return Overview{}, err
	}
	if days <= 0 {
		days = 30
	}
	now := s.Store.Now()
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	o := Overview{Org: org.Slug, OrgName: org.Name, TrendDays: days, BySeverity: map[string]int{},
		OSTableAsOf: posture.OSTableAsOf().Format(time.DateOnly)}
	settings, err := s.Settings(ctx, p, org.ID)
	if err != nil {
		return o, err
	}
	o.OfficialMail = settings.OfficialDomains
	for id, off := range settings.Disabled {
		if off {
			o.Disabled = append(o.Disabled, id)
		}
	}
	sort.Strings(o.Disabled)
	last := now.In(loc).Format(time.DateOnly)
	first := now.In(loc).AddDate(0, 0, -(days - 1)).Format(time.DateOnly)
	history, err := s.Store.PostureDays(ctx, p.Scope, org.ID, first, last)
	if err != nil {
		return o, err
	}
	byControl := map[string]*ControlStatus{}
	for _, c := range posture.ControlsFor(posture.DeviceSubject, posture.MailboxSubject) {
		if settings.Disabled[c.ID] {
			continue
		}
		subjects := make([]string, len(c.Subjects))
		for i, k := range c.Subjects {
			subjects[i] = string(k)
		}
		cs := &ControlStatus{Control: c.ID, Title: c.Title, Severity: string(c.Severity), Subject: strings.Join(subjects, ", "), Compliance: 100}
		byControl[c.ID] = cs
		o.Controls = append(o.Controls, *cs)
	}
	dayPass, dayFail := map[string]int{}, map[string]int{}
	var days_ []string
	for _, d := range history {
		if _, seen := dayPass[d.Day]; !seen {
			days_ = append(days_, d.Day)
		}
		dayPass[d.Day] += d.Pass
		dayFail[d.Day] += d.Fail
		cs := byControl[d.Control]
		if cs == nil {
			continue
		}
		cs.Trend = append(cs.Trend, DayCompliance{Day: d.Day, Compliance: percent(d.Pass, d.Fail)})
		cs.Pass, cs.Fail, cs.Unknown, cs.Compliance = d.Pass, d.Fail, d.Unknown, percent(d.Pass, d.Fail)
		o.EvaluatedOn = d.Day
	}
	for _, day := range days_ {
		o.OverallTrend = append(o.OverallTrend, DayCompliance{Day: day, Compliance: percent(dayPass[day], dayFail[day])})
	}
	if n := len(o.OverallTrend); n > 0 {
		o.Compliance = o.OverallTrend[n-1].Compliance
	}

	open, _, err := s.Store.Findings(ctx, p.Scope.Narrow(org.ID), store.FindingFilter{OrgID: org.ID, State: finding.Open})
	if err != nil {
		return o, err
	}
	accepted, _, err := s.Store.Findings(ctx, p.Scope.Narrow(org.ID), store.FindingFilter{OrgID: org.ID, State: finding.Accepted})
	if err != nil {
		return o, err
	}
	o.Open, o.Accepted = len(open), len(accepted)
	for _, f := range accepted {
		if cs := byControl[f.Control]; cs != nil {
			cs.Accepted++
		}
	}
	o.Ages = []AgeBand{{Label: "under a week"}, {Label: "1–4 weeks"}, {Label: "1–3 months"}, {Label: "over 3 months"}}
	worst := map[string]*WorstSubject{}
	for _, f := range open {
		o.BySeverity[f.Severity]++
		if f.Overdue(now) {
			o.Overdue++
		}
		switch age := f.Age(now); {
		case age < 7*24*time.Hour:
			o.Ages[0].Count++
		case age < 28*24*time.Hour:
			o.Ages[1].Count++
		case age < 91*24*time.Hour:
			o.Ages[2].Count++
		default:
			o.Ages[3].Count++
		}
		w := worst[f.Subject.Key]
		if w == nil {
			w = &WorstSubject{Subject: f.Subject}
			worst[f.Subject.Key] = w
		}
		w.Score += severityPoints[f.Severity]
		w.Findings = append(w.Findings, f.Control)
	}
	for _, w := range worst {
		o.Worst = append(o.Worst, *w)
	}
	sort.Slice(o.Worst, func(i, j int) bool {
		if o.Worst[i].Score != o.Worst[j].Score {
			return o.Worst[i].Score > o.Worst[j].Score
		}
		return o.Worst[i].Subject.Name < o.Worst[j].Subject.Name
	})
	if len(o.Worst) > 10 {
		o.Worst = o.Worst[:10]
	}
	for i := range o.Controls {
		o.Controls[i] = *byControl[o.Controls[i].Control]
	}
	o.openParts(open, accepted)
	return o, nil
}

func percent(pass, fail int) float64 {
	if pass+fail == 0 {
		return 100
	}
	return float64(pass) * 100 / float64(pass+fail)
}

// Compare builds the overview of every org the principal may see, side by
// side: the shared service's view of its councils.
func (s *Service) Compare(ctx context.Context, p tenancy.Principal, days int) ([]Overview, error) {
	if !p.Can(tenancy.ViewPosture) {
		return nil, errForbidden
	}
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	var out []Overview
	for _, org := range orgs {
		if org.Kind != tenancy.KindCouncil {
			continue
		}
		o, err := s.Overview(ctx, p, org, days)
		if err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, nil
}

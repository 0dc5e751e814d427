package phishingsvc

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Funnel is a group's counts with each step's rate, a percentage of those
// sent to one decimal.
type Funnel struct {
	store.PhishingFunnel
	OpenedRate    float64 `json:"opened_rate"`
	ClickedRate   float64 `json:"clicked_rate"`
	SubmittedRate float64 `json:"submitted_rate"`
	ReportedRate  float64 `json:"reported_rate"`
}

func rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n*1000/of) / 10
}

func funnelOf(f store.PhishingFunnel) Funnel {
	return Funnel{PhishingFunnel: f, OpenedRate: rate(f.Opened, f.Sent), ClickedRate: rate(f.Clicked, f.Sent),
		SubmittedRate: rate(f.Submitted, f.Sent), ReportedRate: rate(f.Reported, f.Sent)}
}

func funnels(fs []store.PhishingFunnel) []Funnel {
	out := make([]Funnel, len(fs))
	for i, f := range fs {
		out[i] = funnelOf(f)
	}
	return out
}

// CampaignRow is a campaign with its overall funnel.
type CampaignRow struct {
	store.PhishingCampaign
	Funnel Funnel `json:"funnel"`
}

// Campaigns lists an org's campaigns, newest first, with their funnels.
func (s *Service) Campaigns(ctx context.Context, p tenancy.Principal, orgID int64) ([]CampaignRow, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	rows, err := s.Store.PhishingCampaigns(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]CampaignRow, len(rows))
	for i, r := range rows {
		out[i] = CampaignRow{PhishingCampaign: r.PhishingCampaign, Funnel: funnelOf(r.Funnel)}
	}
	return out, nil
}

// CampaignView is one campaign's funnel overall, by kind of person and by
// team, and the enrolments it made.
type CampaignView struct {
	Campaign    store.PhishingCampaign `json:"campaign"`
	Overall     Funnel                 `json:"overall"`
	ByKind      []Funnel               `json:"by_kind"`
	ByTeam      []Funnel               `json:"by_team"`
	EnrolCourse string                 `json:"enrol_course,omitempty"`
	Enrolled    int                    `json:"enrolled"`
}

// Campaign finds a campaign (within the caller's scope) and its funnels.
func (s *Service) Campaign(ctx context.Context, p tenancy.Principal, id int64) (CampaignView, error) {
	c, err := s.Store.PhishingCampaign(ctx, p.Scope, id)
	if err != nil {
		return CampaignView{}, err
	}
	if err := require(p, tenancy.ViewAwareness, c.OrgID); err != nil {
		return CampaignView{}, err
	}
	v := CampaignView{Campaign: c}
	for _, part := range []struct {
		by   string
		into *[]Funnel
	}{{store.PhishingByKind, &v.ByKind}, {store.PhishingByTeam, &v.ByTeam}} {
		fs, err := s.Store.PhishingCampaignFunnel(ctx, p.Scope, c, part.by)
		if err != nil {
			return CampaignView{}, err
		}
		*part.into = funnels(fs)
	}
	all, err := s.Store.PhishingCampaignFunnel(ctx, p.Scope, c, store.PhishingByAll)
	if err != nil {
		return CampaignView{}, err
	}
	if len(all) > 0 {
		v.Overall = funnelOf(all[0])
	}
	if c.EnrolCourseID != 0 {
		if v.Enrolled, err = s.Store.PhishingEnrolments(ctx, p.Scope, c); err != nil {
			return CampaignView{}, err
		}
		courses, err := s.Store.Courses(ctx, p.Scope, c.OrgID)
		if err != nil {
			return CampaignView{}, err
		}
		for _, course := range courses {
			if course.ID == c.EnrolCourseID {
				v.EnrolCourse = course.Title
			}
		}
	}
	return v, nil
}

// ResultRow is one address's result with the person it matched.
type ResultRow = store.PhishingResultRow

// ResultsPage is a page of a campaign's per-person results.
type ResultsPage struct {
	Results    []store.PhishingResultRow `json:"results"`
	Prev, Next *keyset.Cursor            `json:"-"`
}

// ResultCursor is a result's place in the per-person table.
func ResultCursor(r store.PhishingResultRow) keyset.Cursor {
	return keyset.Cursor{Rank: store.StepRank(r.Status), ID: int64(r.Line)}
}

// Results is a page of who did what in a campaign, furthest step first.
// Who clicked is confidential: each page read is audited.
func (s *Service) Results(ctx context.Context, p tenancy.Principal, c store.PhishingCampaign, cur *keyset.Cursor, perPage int) (ResultsPage, error) {
	if err := require(p, tenancy.ViewAwareness, c.OrgID); err != nil {
		return ResultsPage{}, err
	}
	rows, err := s.Store.PhishingResults(ctx, p.Scope, c, cur, perPage)
	if err != nil {
		return ResultsPage{}, err
	}
	var page ResultsPage
	page.Results, page.Prev, page.Next = keyset.Trim(rows, perPage, cur, ResultCursor)
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: c.OrgID, Action: audit.View,
		Target: fmt.Sprintf("phishing results of campaign %q", c.Name), Detail: map[string]string{"rows": strconv.Itoa(len(page.Results))}, IP: p.IP})
	return page, err
}

// PersonHistory is a person's results in every campaign of their org,
// oldest first. It is confidential and audited.
type PersonHistory struct {
	Person  store.Person              `json:"person"`
	Results []store.PhishingResultRow `json:"results"`
}

// Person gives one person's results over time.
func (s *Service) Person(ctx context.Context, p tenancy.Principal, orgID, personID int64) (PersonHistory, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return PersonHistory{}, err
	}
	person, err := s.Store.Person(ctx, p.Scope, orgID, personID)
	if err != nil {
		return PersonHistory{}, err
	}
	rows, err := s.Store.PhishingPersonHistory(ctx, p.Scope, orgID, personID)
	if err != nil {
		return PersonHistory{}, err
	}
	_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.View,
		Target: fmt.Sprintf("phishing history of person %d", personID), IP: p.IP})
	return PersonHistory{Person: person, Results: rows}, err
}

// TeamPoint is a team's result in one campaign.
type TeamPoint struct {
	CampaignID int64  `json:"campaign_id"`
	Campaign   string `json:"campaign"`
	LaunchedOn string `json:"launched_on"`
	Funnel     Funnel `json:"funnel"`
}

// TeamTrend is a team's click rate campaign by campaign, oldest first.
type TeamTrend struct {
	Team   string      `json:"team"`
	Points []TeamPoint `json:"points"`
}

// Teams gives each team's results over an org's campaigns.
func (s *Service) Teams(ctx context.Context, p tenancy.Principal, orgID int64) ([]TeamTrend, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return nil, err
	}
	pts, err := s.Store.PhishingTeamTrend(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	var out []TeamTrend
	at := map[string]int{}
	for _, pt := range pts {
		i, ok := at[pt.Funnel.Group]
		if !ok {
			i = len(out)
			at[pt.Funnel.Group] = i
			out = append(out, TeamTrend{Team: pt.Funnel.Group})
		}
		out[i].Points = append(out[i].Points, TeamPoint{CampaignID: pt.CampaignID, Campaign: pt.Campaign, LaunchedOn: pt.LaunchedOn, Funnel: funnelOf(pt.Funnel)})
	}
	return out, nil
}

// CouncilRow is an org's latest campaign, for councils side by side.
type CouncilRow struct {
	Org      store.Org    `json:"org"`
	Campaign *CampaignRow `json:"campaign,omitempty"` // nil: no campaign yet
}

// Councils lists every council in the caller's scope they may see
// awareness of, each with its latest campaign's funnel, and any other org
// that has run an exercise.
func (s *Service) Councils(ctx context.Context, p tenancy.Principal) ([]CouncilRow, error) {
	orgs, err := s.Store.Orgs(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	var out []CouncilRow
	for _, o := range orgs {
		if require(p, tenancy.ViewAwareness, o.ID) != nil {
			continue
		}
		rows, err := s.Campaigns(ctx, p, o.ID)
		if err != nil {
			return nil, err
		}
		row := CouncilRow{Org: o}
		if len(rows) > 0 {
			row.Campaign = &rows[0]
		} else if o.Kind != tenancy.KindCouncil {
			continue // a partner or the shared service shows once it runs an exercise
		}
		out = append(out, row)
	}
	return out, nil
}

// PersonByEmail finds one of an org's people by e-mail address, in any
// case, for a lookup by address rather than id.
func (s *Service) PersonByEmail(ctx context.Context, p tenancy.Principal, orgID int64, email string) (store.Person, error) {
	if err := require(p, tenancy.ViewAwareness, orgID); err != nil {
		return store.Person{}, err
	}
	all, err := s.Store.PhishingPeople(ctx, p.Scope, orgID)
	if err != nil {
		return store.Person{}, err
	}
	for _, person := range all {
		if strings.EqualFold(strings.TrimSpace(person.Email), strings.TrimSpace(email)) {
			return person, nil
		}
	}
	return store.Person{}, store.ErrNotFound
}

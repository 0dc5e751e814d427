package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type phishingCouncil struct {
	Org, URL, Campaign, CampaignURL, Launched string
	Funnel                                    *funnelCells
}

// phishingCouncils shows each council's latest phishing exercise side by
// side, for the orgs the user may see awareness of.
func (s *Server) phishingCouncils(w http.ResponseWriter, r *http.Request, rs *requestState) {
	rows, err := s.phishing.Councils(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	var out []phishingCouncil
	for _, row := range rows {
		c := phishingCouncil{Org: row.Org.Name, URL: "/phishing/" + row.Org.Slug}
		if row.Campaign != nil {
			f := funnelCellsOf(row.Campaign.Funnel)
			c.Campaign, c.Launched, c.Funnel = row.Campaign.Name, row.Campaign.LaunchedOn, &f
			c.CampaignURL = c.URL + "/" + strconv.FormatInt(row.Campaign.ID, 10)
		}
		out = append(out, c)
	}
	s.render(w, r, rs, http.StatusOK, "phishing_councils", page{Data: out})
}

type phishingCampaignRow struct {
	Name, URL, Launched string
	Funnel              funnelCells
}

type phishingOrgData struct {
	Org       accountsvc.Org
	Links     []deskLink
	Campaigns []phishingCampaignRow
	CanImport bool
}

// phishingOrg lists an org's phishing exercises, newest first, each with
// its funnel.
func (s *Server) phishingOrg(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	list, err := s.phishing.Campaigns(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	canImport := rs.principal.Can(tenancy.ManageTraining)
	d := phishingOrgData{Org: org, Links: phishingLinks(r.URL.Path, org.Slug, canImport), CanImport: canImport}
	for _, c := range list {
		d.Campaigns = append(d.Campaigns, phishingCampaignRow{Name: c.Name, URL: "/phishing/" + org.Slug + "/" + strconv.FormatInt(c.ID, 10),
			Launched: c.LaunchedOn, Funnel: funnelCellsOf(c.Funnel)})
	}
	s.render(w, r, rs, http.StatusOK, "phishing_org", page{Data: d})
}

type teamTrendRow struct {
	Team   string
	Points []teamPointCell
}

type teamPointCell struct {
	Campaign, URL, Launched, Rate string
	Clicked, Sent                 int
}

// phishingTeams shows each team's click rate campaign by campaign, oldest
// first, so a team's improvement (or not) reads left to right.
func (s *Server) phishingTeams(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	trend, err := s.phishing.Teams(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	var rows []teamTrendRow
	for _, t := range trend {
		row := teamTrendRow{Team: t.Team}
		if row.Team == "" {
			row.Team = "(no team)"
		}
		for _, p := range t.Points {
			row.Points = append(row.Points, teamPointCell{Campaign: p.Campaign, URL: "/phishing/" + org.Slug + "/" + strconv.FormatInt(p.CampaignID, 10),
				Launched: p.LaunchedOn, Rate: strconv.FormatFloat(p.Funnel.ClickedRate, 'f', 1, 64) + "%", Clicked: p.Funnel.Clicked, Sent: p.Funnel.Sent})
		}
		rows = append(rows, row)
	}
	s.render(w, r, rs, http.StatusOK, "phishing_teams", page{Data: map[string]any{"Org": org,
		"Links": phishingLinks(r.URL.Path, org.Slug, rs.principal.Can(tenancy.ManageTraining)), "Teams": rows}})
}

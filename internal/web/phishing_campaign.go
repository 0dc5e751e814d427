package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// phishingPerPage is how many people the campaign page lists at a time.
const phishingPerPage = 50

type phishingCampaignData struct {
	Org              accountsvc.Org
	Links            []deskLink
	View             phishingsvc.CampaignView
	Overall          funnelCells
	ByKind, ByTeam   []funnelCells
	Results          []resultCells
	PrevURL, NextURL string
}

// phishingCampaign is one exercise: its funnel overall, by kind of person
// and by team, and who did what, a page at a time, furthest step first.
func (s *Server) phishingCampaign(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var v phishingsvc.CampaignView
	if err == nil {
		v, err = s.phishing.Campaign(r.Context(), rs.principal, id)
	}
	if err != nil || v.Campaign.OrgID != org.ID {
		s.errorPage(w, r, http.StatusNotFound, "There is no such phishing campaign.")
		return
	}
	cur := pageCursor(r.URL.Query())
	pg, err := s.phishing.Results(r.Context(), rs.principal, v.Campaign, cur, phishingPerPage)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	d := phishingCampaignData{Org: org, Links: phishingLinks(r.URL.Path, org.Slug, rs.principal.Can(tenancy.ManageTraining)), View: v,
		Overall: funnelCellsOf(v.Overall), ByKind: funnelRows(v.ByKind), ByTeam: funnelRows(v.ByTeam)}
	for _, res := range pg.Results {
		d.Results = append(d.Results, resultCellsOf(org.Slug, res))
	}
	d.PrevURL, d.NextURL = cursorLinks(r.URL.Path, r.URL.Query(), pg.Prev, pg.Next)
	s.render(w, r, rs, http.StatusOK, "phishing_campaign", page{Data: d})
}

// phishingPerson is one person's results over the org's campaigns.
func (s *Server) phishingPerson(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	var h phishingsvc.PersonHistory
	if err == nil {
		h, err = s.phishing.Person(r.Context(), rs.principal, org.ID, id)
	}
	if err != nil {
		s.errorPage(w, r, http.StatusNotFound, "There is no such person.")
		return
	}
	var rows []resultCells
	for _, res := range h.Results {
		rows = append(rows, resultCellsOf(org.Slug, res))
	}
	s.render(w, r, rs, http.StatusOK, "phishing_person", page{Data: map[string]any{"Org": org, "Person": h.Person, "Results": rows,
		"Links": phishingLinks(r.URL.Path, org.Slug, rs.principal.Can(tenancy.ManageTraining))}})
}

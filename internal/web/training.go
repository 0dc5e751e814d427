package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/awareness"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// trainingLinks are the org's training pages, for the line under each
// heading; the ones that change things only for those who manage training.
func trainingLinks(org accountsvc.Org, p tenancy.Principal) []deskLink {
	base := "/training/" + org.Slug
	links := []deskLink{{Label: "Status", Href: base}, {Label: "Courses", Href: base + "/courses"}}
	if p.Can(tenancy.ManageTraining) {
		links = append(links, deskLink{Label: "Import completions", Href: base + "/import"}, deskLink{Label: "Record attendance", Href: base + "/attend"})
	}
	return links
}

// trainingCouncils shows every council's training side by side.
func (s *Server) trainingCouncils(w http.ResponseWriter, r *http.Request, rs *requestState) {
	list, err := s.training.Councils(r.Context(), rs.principal)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "training", page{Data: list})
}

type trainingOrgData struct {
	Org     accountsvc.Org
	Links   []deskLink
	Status  trainingsvc.Status
	Trend   []awareness.Point
	Overdue []trainingsvc.ManagerGroup
}

// trainingOrg is an org's training: the share current by kind and by
// course, the weekly trend, and who is overdue under each manager.
func (s *Server) trainingOrg(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	d := trainingOrgData{Org: org, Links: trainingLinks(org, rs.principal)}
	var err error
	if d.Status, err = s.training.Status(r.Context(), rs.principal, org.ID); err == nil {
		if d.Trend, err = s.training.Trend(r.Context(), rs.principal, org.ID, 26); err == nil {
			d.Overdue, err = s.training.Overdue(r.Context(), rs.principal, org.ID)
		}
	}
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "training_org", page{Data: d})
}

type trainingPersonData struct {
	Org     accountsvc.Org
	Links   []deskLink
	History trainingsvc.History
}

// trainingPerson is one person's whole completion history.
func (s *Server) trainingPerson(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	h, err := s.training.History(r.Context(), rs.principal, org.ID, id)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "training_person", page{Data: trainingPersonData{Org: org, Links: trainingLinks(org, rs.principal), History: h}})
}

package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type personPageData struct {
	Org       accountsvc.Org
	Profile   peoplesvc.Profile
	State     string
	KindLabel string
	CanManage bool
	// Awareness says the reader may see the person's training and
	// phishing records, which live on pages of their own.
	Awareness bool
}

// personInOrg reads the {id} person of the {slug} org; one of another org
// is not found, like one that does not exist.
func (s *Server) personInOrg(w http.ResponseWriter, r *http.Request, rs *requestState) (accountsvc.Org, peoplesvc.Profile, bool) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return org, peoplesvc.Profile{}, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return org, peoplesvc.Profile{}, false
	}
	prof, err := s.people.Profile(r.Context(), rs.principal, org.ID, id)
	if err != nil {
		s.refused(w, r, err)
		return org, prof, false
	}
	return org, prof, true
}

// personPage shows one person: kind, team, dates, manager and direct
// reports, and how many desk tickets they called about.
func (s *Server) personPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, prof, ok := s.personInOrg(w, r, rs)
	if !ok {
		return
	}
	state := "Current"
	if !prof.Current { // left, out of contract or not yet started: which, the dates say
		state = personState(prof.Person, s.now().In(zoneOf(org)).Format("2006-01-02"))
	}
	s.render(w, r, rs, http.StatusOK, "person", page{Data: personPageData{Org: org, Profile: prof, State: state,
		KindLabel: kindLabelOf(prof.Kind), CanManage: rs.principal.Can(tenancy.ManagePeople),
		Awareness: rs.principal.Can(tenancy.ViewAwareness)}})
}

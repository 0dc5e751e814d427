package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type orgSummary struct {
	Org                  accountsvc.Org
	Sites, Teams, People int
}

type homeData struct {
	Role        tenancy.Role
	Orgs        []orgSummary
	Recent      []auditRow
	NeedsTOTP   bool
	ShowOrgs    bool
	ShowPeople  bool
	ShowAdmin   bool
	ShowReports bool
	ShowWARP    bool
	Work        homeWork // the figures and links the role works from
}

// home is each role's landing page: the figures its work starts from, each
// a link to the list behind it, then the orgs in view and, for
// administrators, the latest audit entries.
func (s *Server) home(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	p := rs.principal
	data := homeData{Role: p.Role, NeedsTOTP: !rs.user.TOTPEnabled, ShowOrgs: p.Can(tenancy.ViewOrgs), ShowPeople: p.Can(tenancy.ViewPeople),
		ShowAdmin: p.Can(tenancy.ManageUsers), ShowReports: p.Can(tenancy.ViewReports), ShowWARP: p.Can(tenancy.ShareWarnings)}
	var err error
	if data.Work, err = s.homeWorkOf(ctx, rs); err != nil {
		s.serverError(w, r, err)
		return
	}
	data.Orgs, err = s.summarise(r, p)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if p.Can(tenancy.ViewAudit) {
		recent, err := s.accounts.AuditEntries(ctx, p, accountsvc.AuditQuery{Limit: 8})
		if err == nil {
			data.Recent, err = s.auditRows(r, rs, recent)
		}
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, rs, http.StatusOK, "home", page{Data: data})
}

// summarise counts sites, teams and people per org in scope.
func (s *Server) summarise(r *http.Request, p tenancy.Principal) ([]orgSummary, error) {
	ctx := r.Context()
	orgs, err := s.accounts.Orgs(ctx, p)
	if err != nil {
		return nil, err
	}
	counts, err := s.accounts.OrgCounts(ctx, p)
	if err != nil {
		return nil, err
	}
	out := make([]orgSummary, len(orgs))
	for i, o := range orgs {
		c := counts[o.ID]
		out[i] = orgSummary{Org: o, Sites: c.Sites, Teams: c.Teams, People: c.People}
	}
	return out, nil
}

// switchOrg narrows what a user with several orgs sees to one of them, or
// widens it back to all.
func (s *Server) switchOrg(w http.ResponseWriter, r *http.Request, rs *requestState) {
	slug := r.PostFormValue("org")
	var org authsvc.Org
	name := "all your organisations"
	if slug != "" {
		found := false
		for _, o := range rs.orgs {
			if o.Slug == slug {
				org, name, found = o, o.Name, true
			}
		}
		if !found {
			s.errorPage(w, r, http.StatusNotFound, "You do not have access to that organisation.")
			return
		}
	}
	if err := s.auth.SetActingOrg(r.Context(), rs.session, rs.user, org, s.clientIP(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.flash(w, "You are now viewing "+name)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

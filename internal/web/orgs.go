package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func (s *Server) orgList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	orgs, err := s.summarise(r, rs.principal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "orgs", page{Data: map[string]any{"Orgs": orgs, "CanAdd": rs.principal.Can(tenancy.ManageOrgs) && rs.principal.Scope.All()}})
}

type orgDetailData struct {
	Org        accountsvc.Org
	Sites      []accountsvc.Site
	Teams      []accountsvc.Team
	Users      []userSummary
	ShowPeople bool
	CanManage  bool
	Form       map[string]string
}

// orgInScope finds the {slug} org, answering 404 for one outside the scope:
// a user must not learn that another council's org exists.
func (s *Server) orgInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (accountsvc.Org, bool) {
	org, err := s.accounts.OrgBySlug(r.Context(), rs.principal, r.PathValue("slug"))
	if err != nil {
		s.refused(w, r, err)
		return org, false
	}
	return org, true
}

func (s *Server) orgDetail(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showOrg(w, r, rs, org, http.StatusOK, nil, nil)
}

func (s *Server) showOrg(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, status int, errs []fieldError, form map[string]string) {
	ctx := r.Context()
	data := orgDetailData{Org: org, ShowPeople: rs.principal.Can(tenancy.ViewPeople), CanManage: rs.principal.Can(tenancy.ManageOrgs), Form: form}
	var err error
	if data.Sites, err = s.accounts.Sites(ctx, rs.principal, org.ID); err == nil {
		if data.Teams, err = s.accounts.Teams(ctx, rs.principal, org.ID); err == nil && data.ShowPeople {
			var users []accountsvc.User
			users, err = s.accounts.Users(ctx, rs.principal, org.ID)
			data.Users = summariseAll(users)
		}
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, status, "org", page{Errors: errs, Data: data})
}

func (s *Server) siteCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	site, err := s.accounts.CreateSite(r.Context(), rs.principal, org.ID, r.PostFormValue("site_name"), r.PostFormValue("site_address"))
	s.afterOrgChange(w, r, rs, org, err, "site_", "Site "+site.Name+" added")
}

func (s *Server) teamCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	team, err := s.accounts.CreateTeam(r.Context(), rs.principal, org.ID, r.PostFormValue("team_name"))
	s.afterOrgChange(w, r, rs, org, err, "team_", "Team "+team.Name+" added")
}

// refPrefixChange gives the org a new reference prefix: its tickets'
// references change with it, and links with the old ones redirect.
func (s *Server) refPrefixChange(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	c, err := s.accounts.ChangeRefPrefix(r.Context(), rs.principal, org.ID, r.PostFormValue("ref_prefix"))
	done := "Ticket references now start " + c.Org.RefPrefix + "-, and links with " + c.Old + "- lead to them"
	if c.Old == c.Org.RefPrefix {
		done = "Ticket references already start " + c.Org.RefPrefix + "-"
	}
	s.afterOrgChange(w, r, rs, org, err, "", done)
}

func (s *Server) afterOrgChange(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, err error, prefix, done string) {
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		form := map[string]string{"site_name": r.PostFormValue("site_name"), "site_address": r.PostFormValue("site_address"), "team_name": r.PostFormValue("team_name"),
			"ref_prefix": r.PostFormValue("ref_prefix")}
		s.showOrg(w, r, rs, org, http.StatusUnprocessableEntity, formErrors(err, prefix), form)
	case err != nil: // refusedForm answered it
	default:
		s.flash(w, done)
		http.Redirect(w, r, "/orgs/"+org.Slug, http.StatusSeeOther)
	}
}

func (s *Server) orgNewForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.render(w, r, rs, http.StatusOK, "org_new", page{Data: map[string]any{"Form": map[string]string{}, "Kinds": tenancy.OrgKinds}})
}

func (s *Server) orgCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, err := s.accounts.CreateOrg(r.Context(), rs.principal, r.PostFormValue("slug"), r.PostFormValue("name"), r.PostFormValue("kind"), r.PostFormValue("ref_prefix"))
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		form := map[string]string{"slug": r.PostFormValue("slug"), "name": r.PostFormValue("name"), "kind": r.PostFormValue("kind"), "ref_prefix": r.PostFormValue("ref_prefix")}
		s.render(w, r, rs, http.StatusUnprocessableEntity, "org_new", page{Errors: formErrors(err, ""), Data: map[string]any{"Form": form, "Kinds": tenancy.OrgKinds}})
	case err != nil: // refusedForm answered it
	default:
		s.flash(w, org.Name+" added")
		http.Redirect(w, r, "/orgs/"+org.Slug, http.StatusSeeOther)
	}
}

// sentence capitalises a validation message for the GOV.UK error summary.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	b := []byte(msg)
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return string(b)
}

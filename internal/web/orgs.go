package web

import (
	"errors"
	"net/http"

	"github.com/ward-shared-service/ward/internal/accounts"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func (s *Server) orgList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	orgs, err := s.summarise(r, rs.principal.Scope)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "orgs", page{Data: map[string]any{"Orgs": orgs, "CanAdd": rs.principal.Can(tenancy.ManageOrgs) && rs.principal.Scope.All()}})
}

type orgDetailData struct {
	Org        store.Org
	Sites      []store.Site
	Teams      []store.Team
	Users      []userSummary
	ShowPeople bool
	CanManage  bool
	Form       map[string]string
}

// orgInScope finds the {slug} org, answering 404 for one outside the scope:
// a user must not learn that another council's org exists.
func (s *Server) orgInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (store.Org, bool) {
	org, err := s.store.OrgBySlug(r.Context(), rs.principal.Scope, r.PathValue("slug"))
	if errors.Is(err, store.ErrNotFound) {
		s.notFound(w, r)
		return org, false
	}
	if err != nil {
		s.serverError(w, r, err)
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

func (s *Server) showOrg(w http.ResponseWriter, r *http.Request, rs *requestState, org store.Org, status int, errs []fieldError, form map[string]string) {
	ctx := r.Context()
	one := rs.principal.Scope.Narrow(org.ID)
	data := orgDetailData{Org: org, ShowPeople: rs.principal.Can(tenancy.ViewPeople), CanManage: rs.principal.Can(tenancy.ManageOrgs), Form: form}
	var err error
	if data.Sites, err = s.store.Sites(ctx, one); err == nil {
		if data.Teams, err = s.store.Teams(ctx, one); err == nil && data.ShowPeople {
			var users []store.User
			users, err = s.store.Users(ctx, one)
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

func (s *Server) afterOrgChange(w http.ResponseWriter, r *http.Request, rs *requestState, org store.Org, err error, prefix, done string) {
	var bad *accounts.InvalidError
	switch {
	case errors.As(err, &bad):
		form := map[string]string{"site_name": r.PostFormValue("site_name"), "site_address": r.PostFormValue("site_address"), "team_name": r.PostFormValue("team_name")}
		s.showOrg(w, r, rs, org, http.StatusUnprocessableEntity, []fieldError{{prefix + bad.Field, sentence(bad.Message)}}, form)
	case errors.Is(err, accounts.ErrForbidden):
		s.errorPage(w, r, http.StatusForbidden, "Your role does not allow this change.")
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.flash(w, done)
		http.Redirect(w, r, "/orgs/"+org.Slug, http.StatusSeeOther)
	}
}

func (s *Server) orgNewForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.render(w, r, rs, http.StatusOK, "org_new", page{Data: map[string]any{"Form": map[string]string{}, "Kinds": tenancy.OrgKinds}})
}

func (s *Server) orgCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, err := s.accounts.CreateOrg(r.Context(), rs.principal, r.PostFormValue("slug"), r.PostFormValue("name"), r.PostFormValue("kind"))
	var bad *accounts.InvalidError
	switch {
	case errors.As(err, &bad):
		form := map[string]string{"slug": r.PostFormValue("slug"), "name": r.PostFormValue("name"), "kind": r.PostFormValue("kind")}
		s.render(w, r, rs, http.StatusUnprocessableEntity, "org_new", page{Errors: []fieldError{{bad.Field, sentence(bad.Message)}}, Data: map[string]any{"Form": form, "Kinds": tenancy.OrgKinds}})
	case errors.Is(err, accounts.ErrForbidden):
		s.errorPage(w, r, http.StatusForbidden, "Only administrators of every organisation can add organisations.")
	case err != nil:
		s.serverError(w, r, err)
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

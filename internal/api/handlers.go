package api

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type meDoc struct {
	Actor string         `json:"actor"`
	Role  tenancy.Role   `json:"role"`
	Org   accountsvc.Org `json:"org"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, err := a.accounts.OwnOrg(r.Context(), p)
	a.reply(w, r, http.StatusOK, meDoc{Actor: p.Actor, Role: p.Role, Org: org}, err)
}

func (a *API) listOrgs(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	orgs, err := a.accounts.Orgs(r.Context(), p)
	a.reply(w, r, http.StatusOK, map[string]any{"orgs": nonNil(orgs)}, err)
}

func (a *API) getOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		writeJSON(w, http.StatusOK, org)
	}
}

func (a *API) createOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var body struct {
		Slug, Name, Kind string
		RefPrefix        string `json:"ref_prefix"`
	}
	if !decode(w, r, &body) {
		return
	}
	org, err := a.accounts.CreateOrg(r.Context(), p, body.Slug, body.Name, body.Kind, body.RefPrefix)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/orgs/"+org.Slug)
	writeJSON(w, http.StatusCreated, org)
}

func (a *API) listSites(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	sites, err := a.accounts.Sites(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, map[string]any{"sites": nonNil(sites)}, err)
}

func (a *API) createSite(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body struct{ Name, Address string }
	if !decode(w, r, &body) {
		return
	}
	site, err := a.accounts.CreateSite(r.Context(), p, org.ID, body.Name, body.Address)
	a.reply(w, r, http.StatusCreated, site, err)
}

func (a *API) listTeams(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	teams, err := a.accounts.Teams(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, map[string]any{"teams": nonNil(teams)}, err)
}

func (a *API) createTeam(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	var body struct{ Name string }
	if !decode(w, r, &body) {
		return
	}
	team, err := a.accounts.CreateTeam(r.Context(), p, org.ID, body.Name)
	a.reply(w, r, http.StatusCreated, team, err)
}

func (a *API) listOrgUsers(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	users, err := a.accounts.Users(r.Context(), p, org.ID)
	a.reply(w, r, http.StatusOK, map[string]any{"users": nonNil(users)}, err)
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	users, err := a.accounts.Users(r.Context(), p, 0)
	a.reply(w, r, http.StatusOK, map[string]any{"users": nonNil(users)}, err)
}

// createUser adds a user; the generated password is in the answer, once.
func (a *API) createUser(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var body struct {
		Org, Email, Name, Role string
		Grants                 []string
	}
	if !decode(w, r, &body) {
		return
	}
	ctx := r.Context()
	var bad fault.Fields // every mistake at once, the body's fields checked even when its org is wrong
	org, err := a.accounts.OrgBySlug(ctx, p, body.Org)
	if err != nil {
		bad.Add("org", "no organisation %s that this token can see", body.Org)
	}
	var grants []accountsvc.Org
	for _, slug := range body.Grants {
		g, err := a.accounts.OrgBySlug(ctx, p, slug)
		if err != nil {
			bad.Add("grants", "no organisation %s that this token can see", slug)
			continue
		}
		grants = append(grants, g)
	}
	if len(bad) > 0 {
		bad = append(bad, fault.All(accountsvc.NewUser{Org: org, Email: body.Email, Name: body.Name, Role: body.Role}.Check())...)
		a.fail(w, r, bad.Err())
		return
	}
	u, password, err := a.accounts.CreateUser(ctx, p, accountsvc.NewUser{Org: org, Email: body.Email, Name: body.Name, Role: body.Role, Grants: grants})
	a.reply(w, r, http.StatusCreated, map[string]any{"user": u, "password": password}, err)
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	tokens, err := a.accounts.Tokens(r.Context(), p)
	a.reply(w, r, http.StatusOK, map[string]any{"tokens": nonNil(tokens)}, err)
}

func (a *API) revokeToken(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		a.fail(w, r, fault.NotFound("no token %s that this token can see", r.PathValue("id")))
		return
	}
	t, err := a.auth.RevokeToken(r.Context(), p, id)
	a.reply(w, r, http.StatusOK, t, err)
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/accounts"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type meDoc struct {
	Actor string       `json:"actor"`
	Role  tenancy.Role `json:"role"`
	Org   store.Org    `json:"org"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, err := a.store.OrgByID(r.Context(), p.Scope.Narrow(p.OrgID), p.OrgID)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, meDoc{Actor: p.Actor, Role: p.Role, Org: org})
}

func (a *API) listOrgs(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	orgs, err := a.store.Orgs(r.Context(), p.Scope)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"orgs": nonNil(orgs)})
}

func (a *API) getOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if org, ok := a.orgInScope(w, r, p); ok {
		writeJSON(w, http.StatusOK, org)
	}
}

func (a *API) createOrg(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	var body struct{ Slug, Name, Kind string }
	if !decode(w, r, &body) {
		return
	}
	org, err := a.accounts.CreateOrg(r.Context(), p, body.Slug, body.Name, body.Kind)
	if err != nil {
		a.changeFailed(w, r, err)
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
	sites, err := a.store.Sites(r.Context(), p.Scope.Narrow(org.ID))
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"sites": nonNil(sites)})
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
	if err != nil {
		a.changeFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, site)
}

func (a *API) listTeams(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	teams, err := a.store.Teams(r.Context(), p.Scope.Narrow(org.ID))
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"teams": nonNil(teams)})
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
	if err != nil {
		a.changeFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, team)
}

func (a *API) listOrgUsers(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	org, ok := a.orgInScope(w, r, p)
	if !ok {
		return
	}
	users, err := a.store.Users(r.Context(), p.Scope.Narrow(org.ID))
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": nonNil(users)})
}

func (a *API) listUsers(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	users, err := a.store.Users(r.Context(), p.Scope)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": nonNil(users)})
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
	org, err := a.store.OrgBySlug(ctx, p.Scope, body.Org)
	if err != nil {
		problem(w, http.StatusUnprocessableEntity, "Invalid request", "no organisation "+body.Org+" that this token can see", FieldError{"org", "unknown organisation"})
		return
	}
	var grants []store.Org
	for _, slug := range body.Grants {
		g, err := a.store.OrgBySlug(ctx, p.Scope, slug)
		if err != nil {
			problem(w, http.StatusUnprocessableEntity, "Invalid request", "no organisation "+slug+" that this token can see", FieldError{"grants", "unknown organisation"})
			return
		}
		grants = append(grants, g)
	}
	u, password, err := a.accounts.CreateUser(ctx, p, accounts.NewUser{Org: org, Email: body.Email, Name: body.Name, Role: body.Role, Grants: grants})
	if err != nil {
		a.changeFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, map[string]any{"user": u, "password": password})
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	tokens, err := a.store.APITokens(r.Context(), p.Scope)
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tokens": nonNil(tokens)})
}

func (a *API) revokeToken(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		problem(w, http.StatusNotFound, "Not found", "")
		return
	}
	t, err := a.accounts.RevokeToken(r.Context(), p, id)
	if err != nil {
		a.changeFailed(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (a *API) listAudit(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	q := r.URL.Query()
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	limit, _ := strconv.Atoi(q.Get("limit"))
	entries, err := a.store.AuditEntries(r.Context(), p.Scope, store.AuditQuery{BeforeSeq: before, Limit: limit, Action: q.Get("action")})
	if err != nil {
		a.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entries": nonNil(entries), "generated_at": a.store.Now().Format(time.RFC3339)})
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

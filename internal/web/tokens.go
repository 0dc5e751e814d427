package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type tokenRow struct {
	Token   authsvc.Token
	OrgName string
	Active  bool
}

type tokensData struct {
	Tokens   []tokenRow
	Orgs     []accountsvc.Org
	Roles    []tenancy.Role
	Form     map[string]string
	NewToken string
}

func (s *Server) tokensPage(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError, form map[string]string, newToken string) {
	list, err := s.auth.Tokens(r.Context(), rs.principal)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names := orgNames(rs.orgs)
	data := tokensData{Orgs: s.orgsInScope(rs), Roles: tenancy.Roles, Form: form, NewToken: newToken}
	for _, t := range list {
		data.Tokens = append(data.Tokens, tokenRow{Token: t.Token, OrgName: names[t.OrgID], Active: t.Active})
	}
	s.render(w, r, rs, status, "tokens", page{Errors: errs, Data: data})
}

func (s *Server) tokenList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.tokensPage(w, r, rs, http.StatusOK, nil, map[string]string{"days": "90"}, "")
}

func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	form := map[string]string{"org": r.PostFormValue("org"), "role": r.PostFormValue("role"), "name": r.PostFormValue("name"), "days": r.PostFormValue("days")}
	days, err := strconv.Atoi(form["days"])
	expires := time.Duration(days) * 24 * time.Hour
	if err != nil || days < 1 || days > 730 {
		expires = -1 // refused by the service with the other mistakes, and nothing made
	}
	_, token, err := s.auth.CreateToken(r.Context(), rs.principal, authsvc.NewToken{Org: form["org"], Role: form["role"], Name: form["name"], Expires: expires})
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		var errs []fieldError
		for _, f := range fault.All(err) {
			line := fieldError{f.Field, sentence(f.Message)}
			if f.Field == "expires" { // the form asks for days; the service speaks of expiry
				line = fieldError{"days", "Enter how many days the token lasts, a whole number from 1 to 730"}
			}
			errs = append(errs, line)
		}
		s.tokensPage(w, r, rs, http.StatusUnprocessableEntity, errs, form, "")
	case err != nil: // refusedForm answered it
	default:
		s.tokensPage(w, r, rs, http.StatusOK, nil, map[string]string{"days": "90"}, token)
	}
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request, rs *requestState) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return
	}
	t, err := s.auth.RevokeToken(r.Context(), rs.principal, id)
	switch {
	case err != nil:
		s.refused(w, r, err)
	default:
		s.flash(w, "Token "+t.Prefix+"… revoked")
		http.Redirect(w, r, "/admin/tokens", http.StatusSeeOther)
	}
}

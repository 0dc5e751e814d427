package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

type userRow struct {
	User    userSummary
	OrgName string
}

func orgNames(orgs []accountsvc.Org) map[int64]string {
	m := make(map[int64]string, len(orgs))
	for _, o := range orgs {
		m[o.ID] = o.Name
	}
	return m
}

func (s *Server) userList(w http.ResponseWriter, r *http.Request, rs *requestState) {
	users, err := s.accounts.Users(r.Context(), rs.principal, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names := orgNames(rs.orgs)
	rows := make([]userRow, len(users))
	for i, u := range users {
		rows[i] = userRow{User: summarise(u), OrgName: names[u.OrgID]}
	}
	s.render(w, r, rs, http.StatusOK, "users", page{Data: rows})
}

type userFormData struct {
	Form     map[string]string
	Orgs     []accountsvc.Org
	Roles    []tenancy.Role
	Created  *userSummary
	Password string
}

func (s *Server) userNewForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.render(w, r, rs, http.StatusOK, "user_new", page{Data: userFormData{Form: map[string]string{}, Orgs: s.orgsInScope(rs), Roles: tenancy.Roles}})
}

// orgsInScope is the orgs the user may act on now, respecting the switcher.
func (s *Server) orgsInScope(rs *requestState) []accountsvc.Org {
	var out []accountsvc.Org
	for _, o := range rs.orgs {
		if rs.principal.Scope.Allows(o.ID) {
			out = append(out, o)
		}
	}
	return out
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	_ = r.ParseForm()
	form := map[string]string{"email": r.PostFormValue("email"), "name": r.PostFormValue("name"), "role": r.PostFormValue("role"), "org": r.PostFormValue("org")}
	data := userFormData{Form: form, Orgs: s.orgsInScope(rs), Roles: tenancy.Roles}
	var errs []fieldError
	org, err := s.accounts.OrgBySlug(ctx, rs.principal, form["org"])
	if err != nil {
		errs = append(errs, fieldError{"org", "Choose the organisation the user belongs to"})
	}
	var grants []accountsvc.Org
	for _, slug := range r.PostForm["grant"] {
		g, err := s.accounts.OrgBySlug(ctx, rs.principal, slug)
		if err != nil {
			errs = append(errs, fieldError{"grant", "Choose organisations you can see"})
			break
		}
		if g.ID != org.ID {
			grants = append(grants, g)
		}
	}
	n := accountsvc.NewUser{Org: org, Email: form["email"], Name: form["name"], Role: form["role"], Grants: grants}
	if len(errs) > 0 {
		// Nothing is added, but the rest of the form is checked too, so
		// every mistake is named at once.
		errs = faultLines(errs, n.Check(), "email", "name", "role", "grant")
		s.render(w, r, rs, http.StatusUnprocessableEntity, "user_new", page{Errors: errs, Data: data})
		return
	}
	u, password, err := s.accounts.CreateUser(ctx, rs.principal, n)
	switch bad := s.refusedForm(w, r, err); {
	case bad != nil:
		s.render(w, r, rs, http.StatusUnprocessableEntity, "user_new", page{Errors: formErrors(err, ""), Data: data})
	case err != nil: // refusedForm answered it
	default:
		// The password is shown on this response only: it is never stored in clear.
		created := summarise(u)
		data.Created, data.Password = &created, password
		s.render(w, r, rs, http.StatusOK, "user_new", page{Flash: "User " + u.Email + " added", Data: data})
	}
}

// userInScope loads the {id} user, 404 when outside the caller's scope.
func (s *Server) userInScope(w http.ResponseWriter, r *http.Request, rs *requestState) (accountsvc.User, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.notFound(w, r)
		return accountsvc.User{}, false
	}
	u, err := s.accounts.User(r.Context(), rs.principal, id)
	if err != nil {
		s.refused(w, r, err)
		return u, false
	}
	return u, true
}

type userDetailData struct {
	User         userSummary
	OrgName      string
	Grants       []accountsvc.Org // orgs granted beyond their own, that the viewer can see
	GrantOptions []accountsvc.Org // orgs that could be granted
	CanGrant     bool
	Password     string
	Self         bool
}

func (s *Server) userDetail(w http.ResponseWriter, r *http.Request, rs *requestState) {
	u, ok := s.userInScope(w, r, rs)
	if !ok {
		return
	}
	s.showUser(w, r, rs, u, "")
}

func (s *Server) showUser(w http.ResponseWriter, r *http.Request, rs *requestState, u accountsvc.User, password string) {
	names := orgNames(rs.orgs)
	granted, err := s.accounts.GrantedOrgs(r.Context(), rs.principal, u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := userDetailData{User: summarise(u), OrgName: names[u.OrgID], Password: password, Self: u.ID == rs.user.ID, CanGrant: u.Role.MayHoldGrants()}
	has := map[int64]bool{u.OrgID: true}
	for _, id := range granted {
		has[id] = true
	}
	for _, o := range s.orgsInScope(rs) {
		if has[o.ID] && o.ID != u.OrgID {
			data.Grants = append(data.Grants, o)
		} else if !has[o.ID] {
			data.GrantOptions = append(data.GrantOptions, o)
		}
	}
	s.render(w, r, rs, http.StatusOK, "user", page{Data: data})
}

// userAction runs one change on the {id} user and reports it.
func (s *Server) userAction(w http.ResponseWriter, r *http.Request, rs *requestState, act func(id int64) (accountsvc.User, error), done string) {
	u, ok := s.userInScope(w, r, rs)
	if !ok {
		return
	}
	u, err := act(u.ID)
	switch {
	case err != nil:
		s.refused(w, r, err)
	default:
		s.flash(w, done+": "+u.Email)
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(u.ID, 10), http.StatusSeeOther)
	}
}

func (s *Server) userDisable(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.userAction(w, r, rs, func(id int64) (accountsvc.User, error) {
		return s.accounts.SetDisabled(r.Context(), rs.principal, id, true)
	}, "Disabled and signed out")
}

func (s *Server) userEnable(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.userAction(w, r, rs, func(id int64) (accountsvc.User, error) {
		return s.accounts.SetDisabled(r.Context(), rs.principal, id, false)
	}, "Enabled")
}

func (s *Server) userReset2FA(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.userAction(w, r, rs, func(id int64) (accountsvc.User, error) {
		return s.accounts.ResetTwoFactor(r.Context(), rs.principal, id)
	}, "Two-factor sign-in reset; they will set it up at their next sign-in")
}

func (s *Server) userResetPassword(w http.ResponseWriter, r *http.Request, rs *requestState) {
	u, ok := s.userInScope(w, r, rs)
	if !ok {
		return
	}
	u, password, err := s.accounts.ResetPassword(r.Context(), rs.principal, u.ID)
	switch {
	case err != nil:
		s.refused(w, r, err)
	default:
		// Shown on this response only; the password is stored as a hash.
		s.showUser(w, r, rs, u, password)
	}
}

func (s *Server) userGrant(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.userGrantChange(w, r, rs, s.accounts.Grant, "Granted")
}

func (s *Server) userUngrant(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.userGrantChange(w, r, rs, s.accounts.Ungrant, "Removed")
}

// userGrantChange grants or takes back the org named in the form.
func (s *Server) userGrantChange(w http.ResponseWriter, r *http.Request, rs *requestState,
	change func(context.Context, tenancy.Principal, int64, accountsvc.Org) (accountsvc.User, error), done string) {
	org, err := s.accounts.OrgBySlug(r.Context(), rs.principal, r.PostFormValue("org"))
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.userAction(w, r, rs, func(id int64) (accountsvc.User, error) { return change(r.Context(), rs.principal, id, org) }, done+" "+org.Name)
}

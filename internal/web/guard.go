package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Access is how far a browser must have signed in to reach a route.
type Access int

const (
	Public  Access = iota // anyone
	Pending               // password accepted, second factor awaited
	Enrol                 // may set up a second factor (mid sign-in, or signed in)
	Full                  // signed in with every factor the role requires
)

// Route is one page route: who may reach it and what it does.
type Route struct {
	Method, Path string
	Access       Access
	Permission   tenancy.Permission // for Full routes; "" means any signed-in user
	Also         tenancy.Permission // a second permission that admits a role as well
	Confidential bool               // every view is written to the audit log
	MaxBody      int64              // the largest request body taken; 0 for a form's 64 KiB
	handle       func(w http.ResponseWriter, r *http.Request, rs *requestState)
}

// Admits reports whether a signed-in role may reach the route.
func (rt Route) Admits(role tenancy.Role) bool {
	return rt.Permission == "" || role.Can(rt.Permission) || rt.Also != "" && role.Can(rt.Also)
}

// requestState is what a guarded handler knows about its caller.
type requestState struct {
	session   authsvc.Session
	user      authsvc.User
	principal tenancy.Principal
	orgs      []authsvc.Org // every org the user may see
	active    *authsvc.Org  // the org the user chose to view, if any
}

// guard enforces a route's Access and Permission before the handler runs.
func (s *Server) guard(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// No form of ward's is anywhere near this; a bigger body is abuse.
		// File uploads say how much they take.
		limit := int64(64 << 10)
		if rt.MaxBody > 0 {
			limit = rt.MaxBody
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if rt.Access == Public {
			rt.handle(w, r, nil)
			return
		}
		sess, user, err := s.loadSession(r)
		if err != nil {
			if !errors.Is(err, errNoSession) {
				s.serverError(w, r, err)
				return
			}
			s.clearSessionCookie(w)
			s.toSignIn(w, r)
			return
		}
		switch {
		case rt.Access == Pending && sess.Stage != authsvc.StagePassword,
			rt.Access == Enrol && sess.Stage == authsvc.StagePassword,
			rt.Access == Full && sess.Stage != authsvc.StageFull:
			s.toNextStep(w, r, sess.Stage)
			return
		}
		rs := &requestState{session: sess, user: user}
		if sess.Stage == authsvc.StageFull {
			if err := s.loadScope(r, rs); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, rs))
		if !rt.Admits(user.Role) {
			s.errorPage(w, r, http.StatusForbidden, "Your role does not give you access to this page.")
			return
		}
		if rt.Confidential {
			if err := s.accounts.RecordView(r.Context(), rs.principal, rs.activeOrgID(), r.URL.Path); err != nil {
				// A confidential page nobody can account for is not shown.
				s.serverError(w, r, err)
				return
			}
		}
		rt.handle(w, r, rs)
	})
}

// stateKey carries the request state in the context, so pages rendered
// outside a handler's own flow (error pages) keep the signed-in header.
type stateKey struct{}

func stateFrom(r *http.Request) *requestState {
	rs, _ := r.Context().Value(stateKey{}).(*requestState)
	return rs
}

// loadScope works out which orgs the user sees, narrowed to the org they
// switched to, if they did.
func (s *Server) loadScope(r *http.Request, rs *requestState) error {
	c, err := s.auth.Caller(r.Context(), rs.session, rs.user, s.clientIP(r))
	rs.principal, rs.orgs, rs.active = c.Principal, c.Orgs, c.Active
	return err
}

func (rs *requestState) activeOrgID() int64 {
	if rs.active != nil {
		return rs.active.ID
	}
	return rs.user.OrgID
}

// toSignIn sends a signed-out browser to the sign-in page, remembering
// where it was going when that was a page it could read.
func (s *Server) toSignIn(w http.ResponseWriter, r *http.Request) {
	target := "/signin"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(r.URL.RequestURI())
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// toNextStep sends a part-signed-in browser to the step it must do next.
func (s *Server) toNextStep(w http.ResponseWriter, r *http.Request, stage authsvc.Stage) {
	switch stage {
	case authsvc.StagePassword:
		http.Redirect(w, r, "/signin/2fa", http.StatusSeeOther)
	case authsvc.StageEnrol:
		http.Redirect(w, r, "/account/2fa/setup", http.StatusSeeOther)
	default:
		http.Redirect(w, r, "/", http.StatusSeeOther)
	}
}

// safeNext accepts only a path on this site for a post-sign-in redirect, so
// a link cannot bounce a fresh session to another site. Control characters
// are dropped first (browsers drop tabs and newlines, so "/\t/evil" would
// read as "//evil"), then the rest is parsed as a URL and must have no
// scheme, no host and a path starting with one "/" (not "//" or "/\").
// Anything else, or anything unparsable or over 2 KiB, goes home.
func safeNext(next string) string {
	const home = "/"
	next = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return -1
		}
		return r
	}, next)
	if len(next) > 2048 || !localPath(next) {
		return home
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" || strings.ContainsFunc(u.Path, unicode.IsControl) {
		return home
	}
	u.Fragment, u.RawFragment = "", ""
	out := u.String()
	if !localPath(out) {
		return home
	}
	return out
}

// localPath reports whether s starts with a single "/" rather than "//" or "/\".
func localPath(s string) bool {
	return len(s) > 0 && s[0] == '/' && (len(s) == 1 || (s[1] != '/' && s[1] != '\\'))
}

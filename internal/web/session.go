package web

import (
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

const sessionCookie = "ward_session"

// cookieName gets the __Host- prefix over HTTPS, which stops a sibling
// subdomain from planting a session cookie.
func (s *Server) cookieName() string {
	if s.cfg.secureCookies() {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// startSession replaces whatever session the browser had with a new token at
// the given stage; signIn, when set, is the method of a sign-in it completes.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u authsvc.User, stage authsvc.Stage, signIn string) error {
	return s.newSession(w, r, authsvc.NewSession{User: u, Stage: stage, SignIn: signIn})
}

// newSession starts a session and hands its token to the browser.
func (s *Server) newSession(w http.ResponseWriter, r *http.Request, n authsvc.NewSession) error {
	if c, err := r.Cookie(s.cookieName()); err == nil {
		n.Previous = c.Value
	}
	n.IP, n.UserAgent = s.clientIP(r), r.UserAgent()
	token, sess, err := s.auth.StartSession(r.Context(), n)
	if err != nil {
		return err
	}
	if n.SignIn != "" {
		s.metrics.signins.WithLabelValues("ok").Inc()
	}
	s.setSessionCookie(w, token, sess.ExpiresAt)
	return nil
}

var errNoSession = authsvc.ErrNoSession

// loadSession finds the browser's live session and its user.
func (s *Server) loadSession(r *http.Request) (authsvc.Session, authsvc.User, error) {
	c, err := r.Cookie(s.cookieName())
	if err != nil {
		return authsvc.Session{}, authsvc.User{}, errNoSession
	}
	return s.auth.Session(r.Context(), c.Value)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

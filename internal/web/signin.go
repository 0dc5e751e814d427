package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

type signInData struct {
	Email, Next string
	SSO         bool
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request, _ *requestState) {
	if _, _, err := s.loadSession(r); err == nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, nil, http.StatusOK, "signin", page{Data: signInData{Next: safeNext(r.URL.Query().Get("next")), SSO: s.oidc != nil}})
}

// badSignIn is the one message for an unknown email, a wrong password and a
// locked account, so the page does not tell a guesser which accounts exist.
const badSignIn = "Enter a correct email address and password. After repeated wrong attempts an account is locked for a while"

func (s *Server) signIn(w http.ResponseWriter, r *http.Request, _ *requestState) {
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	data := signInData{Email: email, Next: safeNext(r.PostFormValue("next")), SSO: s.oidc != nil}
	fail := func(field, msg string) {
		s.render(w, r, nil, http.StatusUnauthorized, "signin", page{Errors: []fieldError{{field, msg}}, Data: data})
	}
	var missing []fieldError // both, when both are empty
	if email == "" {
		missing = append(missing, fieldError{"email", "Enter your email address"})
	}
	if password == "" {
		missing = append(missing, fieldError{"password", "Enter your password"})
	}
	if len(missing) > 0 {
		s.render(w, r, nil, http.StatusUnauthorized, "signin", page{Errors: missing, Data: data})
		return
	}
	u, err := s.auth.SignIn(r.Context(), email, password, s.clientIP(r))
	var (
		refused   *authsvc.Refused
		throttled *authsvc.Throttled
	)
	switch {
	case errors.As(err, &throttled):
		s.signInThrottled(w, r, nil, "signin", "email", data, throttled)
		return
	case errors.As(err, &refused):
		s.metrics.signins.WithLabelValues(refused.Outcome).Inc()
		fail("email", badSignIn) // locked too: the lock holds, but is not told apart
		return
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return // the browser gave up waiting for its turn to be checked
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	s.passwordAccepted(w, r, u, data.Next, "password", false)
}

// signInThrottled answers a password or code turned away unchecked: 429
// with Retry-After, and the same words on either step.
func (s *Server) signInThrottled(w http.ResponseWriter, r *http.Request, rs *requestState, tmpl, field string, data any, throttled *authsvc.Throttled) {
	s.metrics.signins.WithLabelValues("throttled").Inc()
	wait := max(1, int((throttled.RetryAfter+time.Second-1)/time.Second))
	w.Header().Set("Retry-After", strconv.Itoa(wait))
	s.render(w, r, rs, http.StatusTooManyRequests, tmpl, page{Data: data,
		Errors: []fieldError{{field, fmt.Sprintf("Too many sign-in attempts. Wait %d seconds and try again", wait)}}})
}

func lockedMessage(until time.Time) string {
	return "Too many failed attempts. Try again after " + until.In(london).Format("15:04:05")
}

// passwordAccepted moves a user on from their first factor: to the second
// factor, to enrolment when their role needs one they lack, or straight in —
// also straight in when an identity provider already did the second factor.
func (s *Server) passwordAccepted(w http.ResponseWriter, r *http.Request, u authsvc.User, next, method string, secondFactorDone bool) {
	stage := authsvc.StageAfterFirstFactor(u, secondFactorDone)
	target := next
	switch stage {
	case authsvc.StagePassword:
		target = "/signin/2fa?next=" + urlEscape(next)
	case authsvc.StageEnrol:
		target = "/account/2fa/setup"
	}
	signIn := ""
	if stage == authsvc.StageFull {
		signIn = method
	}
	if err := s.startSession(w, r, u, stage, signIn); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, _ *requestState) {
	if sess, u, err := s.loadSession(r); err == nil {
		s.auth.SignOut(r.Context(), sess, u, s.clientIP(r))
	}
	s.clearSessionCookie(w)
	s.flash(w, "You have signed out")
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

func urlEscape(s string) string { return url.QueryEscape(s) }

func (s *Server) twoFactorForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.render(w, r, rs, http.StatusOK, "twofactor", page{Data: map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}})
}

// twoFactor checks the second factor: a code from the authenticator app, or
// one of the user's single-use recovery codes. Wrong codes count towards
// lock-out, and are paced, like wrong passwords.
func (s *Server) twoFactor(w http.ResponseWriter, r *http.Request, rs *requestState) {
	u := rs.user
	next := safeNext(r.PostFormValue("next"))
	fail := func(msg string) {
		s.render(w, r, rs, http.StatusUnauthorized, "twofactor", page{Errors: []fieldError{{"code", msg}}, Data: map[string]string{"Next": next}})
	}
	got, err := s.auth.VerifySecondFactor(r.Context(), u, r.PostFormValue("code"), s.clientIP(r))
	var (
		refused   *authsvc.Refused
		throttled *authsvc.Throttled
	)
	switch {
	case errors.As(err, &throttled):
		s.signInThrottled(w, r, rs, "twofactor", "code", map[string]string{"Next": next}, throttled)
		return
	case errors.As(err, &refused) && refused.Locked():
		fail(lockedMessage(refused.LockedUntil))
		return
	case errors.As(err, &refused):
		s.metrics.signins.WithLabelValues(refused.Outcome).Inc()
		fail("The code is not right, or has been used already. Enter the current code from your authenticator app")
		return
	case errors.Is(err, authsvc.ErrNoCode):
		fail("Enter the 6-digit code from your authenticator app")
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if got.Method == "recovery-code" {
		s.flash(w, "You used a recovery code. You have "+itoa(got.RecoveryLeft)+" left: make new ones from your account page if you are running low")
	}
	if err := s.startSession(w, r, u, authsvc.StageFull, "password+"+got.Method); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

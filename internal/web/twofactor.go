package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

func urlEscape(s string) string { return url.QueryEscape(s) }

func (s *Server) twoFactorForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.render(w, r, rs, http.StatusOK, "twofactor", page{Data: map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}})
}

// twoFactor checks the second factor: a code from the authenticator app, or
// one of the user's single-use recovery codes. Wrong codes count towards
// lock-out like wrong passwords.
func (s *Server) twoFactor(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	u := rs.user
	next := safeNext(r.PostFormValue("next"))
	code := strings.TrimSpace(r.PostFormValue("code"))
	fail := func(msg string) {
		s.render(w, r, rs, http.StatusUnauthorized, "twofactor", page{Errors: []fieldError{{"code", msg}}, Data: map[string]string{"Next": next}})
	}
	if now := s.store.Now(); now.Before(u.LockedUntil) {
		fail("Too many failed attempts. Try again after " + u.LockedUntil.In(london).Format("15:04:05"))
		return
	}
	if code == "" {
		fail("Enter the 6-digit code from your authenticator app")
		return
	}
	method := "totp"
	accepted := false
	if len(strings.ReplaceAll(code, " ", "")) == 6 {
		if step, ok := auth.CheckTOTP(u.TOTPSecret, code, s.store.Now(), u.TOTPLastStep); ok {
			var err error
			if accepted, err = s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
	} else {
		method = "recovery-code"
		var err error
		accepted, err = s.store.UseRecoveryCode(ctx, u.ID, auth.HashSecret(auth.NormaliseRecoveryCode(code)))
		if err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if !accepted {
		if err := s.countFailure(r, u); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.metrics.signins.WithLabelValues("2fa-failed").Inc()
		s.auditQuietly(r, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.TwoFactorFailed, Target: "user:" + u.Email, IP: s.clientIP(r)})
		fail("The code is not right, or has been used already. Enter the current code from your authenticator app")
		return
	}
	if method == "recovery-code" {
		left, _ := s.store.RecoveryCodesLeft(ctx, u.ID)
		s.auditQuietly(r, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.RecoveryUsed, Target: "user:" + u.Email, Detail: map[string]string{"left": itoa(left)}, IP: s.clientIP(r)})
		s.flash(w, "You used a recovery code. You have "+itoa(left)+" left: make new ones from your account page if you are running low")
	}
	if err := s.startSession(ctx, w, r, u, store.StageFull); err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.signedIn(r, u, "password+"+method); err != nil {
		s.serverError(w, r, err)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

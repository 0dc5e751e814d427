package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
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

// badSignIn is the one message for every wrong email or password, so the page
// does not tell a guesser which accounts exist.
const badSignIn = "Enter a correct email address and password"

func (s *Server) signIn(w http.ResponseWriter, r *http.Request, _ *requestState) {
	ctx := r.Context()
	email := strings.TrimSpace(r.PostFormValue("email"))
	password := r.PostFormValue("password")
	data := signInData{Email: email, Next: safeNext(r.PostFormValue("next")), SSO: s.oidc != nil}
	fail := func(field, msg string) {
		s.render(w, r, nil, http.StatusUnauthorized, "signin", page{Errors: []fieldError{{field, msg}}, Data: data})
	}
	if email == "" {
		fail("email", "Enter your email address")
		return
	}
	if password == "" {
		fail("password", "Enter your password")
		return
	}
	ip := s.clientIP(r)
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return
	}
	u, err := s.store.UserForSignIn(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		auth.DummyVerify()
		s.metrics.signins.WithLabelValues("unknown").Inc()
		s.auditQuietly(r, audit.Entry{Actor: "anonymous", Action: audit.SignInFailed, Target: "user:" + store.NormaliseEmail(email), Detail: map[string]string{"reason": "unknown email"}, IP: ip})
		fail("email", badSignIn)
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	now := s.store.Now()
	if now.Before(u.LockedUntil) {
		s.metrics.signins.WithLabelValues("locked").Inc()
		s.auditQuietly(r, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInLocked, Target: "user:" + u.Email, IP: ip})
		fail("email", fmt.Sprintf("Too many failed attempts. Try again after %s", u.LockedUntil.In(london).Format("15:04:05")))
		return
	}
	ok, _ := auth.VerifyPassword(password, u.PasswordHash)
	if !ok || u.Disabled {
		reason := "wrong password"
		if ok {
			reason = "account disabled"
		} else if err := s.countFailure(r, u); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.metrics.signins.WithLabelValues("failed").Inc()
		s.auditQuietly(r, audit.Entry{Actor: "anonymous", OrgID: u.OrgID, Action: audit.SignInFailed, Target: "user:" + u.Email, Detail: map[string]string{"reason": reason}, IP: ip})
		fail("email", badSignIn)
		return
	}
	if auth.NeedsRehash(u.PasswordHash, s.cfg.PasswordParams) {
		if h, err := auth.HashPassword(password, s.cfg.PasswordParams); err == nil {
			_ = s.store.SetPasswordHash(ctx, u.ID, h)
		}
	}
	s.passwordAccepted(w, r, u, data.Next, "password", false)
}

// passwordAccepted moves a user on from their first factor: to the second
// factor, to enrolment when their role needs one they lack, or straight in —
// also straight in when an identity provider already did the second factor.
func (s *Server) passwordAccepted(w http.ResponseWriter, r *http.Request, u store.User, next, method string, secondFactorDone bool) {
	stage := store.StageFull
	target := next
	switch {
	case secondFactorDone:
	case u.TOTPEnabled:
		stage, target = store.StagePassword, "/signin/2fa?next="+urlEscape(next)
	case u.Role.RequiresTOTP():
		stage, target = store.StageEnrol, "/account/2fa/setup"
	}
	if err := s.startSession(r.Context(), w, r, u, stage); err != nil {
		s.serverError(w, r, err)
		return
	}
	if stage == store.StageFull {
		if err := s.signedIn(r, u, method); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// signedIn records a completed sign-in.
func (s *Server) signedIn(r *http.Request, u store.User, method string) error {
	s.metrics.signins.WithLabelValues("ok").Inc()
	if err := s.store.RecordSignInSuccess(r.Context(), u.ID); err != nil {
		return err
	}
	_, err := s.store.Audit(r.Context(), audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.SignIn, Target: "user:" + u.Email,
		Detail: map[string]string{"method": method}, IP: s.clientIP(r)})
	return err
}

// countFailure adds a failed attempt and locks the account, for longer each
// time, once the attempts pass the threshold.
func (s *Server) countFailure(r *http.Request, u store.User) error {
	n, err := s.store.RecordSignInFailure(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if until := s.cfg.Lockout.After(n, s.store.Now()); !until.IsZero() {
		return s.store.LockUser(r.Context(), u.ID, until)
	}
	return nil
}

// auditQuietly records an entry where a failure to record must not turn a
// refused sign-in into a server error; the failure is logged instead.
func (s *Server) auditQuietly(r *http.Request, e audit.Entry) {
	if _, err := s.store.Audit(r.Context(), e); err != nil {
		s.log.Error("audit write failed", "action", e.Action, "err", err)
	}
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, _ *requestState) {
	if sess, u, err := s.loadSession(r); err == nil {
		_ = s.store.DeleteSession(r.Context(), sess.TokenHash)
		s.auditQuietly(r, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.SignOut, Target: "user:" + u.Email, IP: s.clientIP(r)})
	}
	s.clearSessionCookie(w)
	s.flash(w, "You have signed out")
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
}

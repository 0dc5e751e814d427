package web

import (
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

func itoa(n int) string { return strconv.Itoa(n) }

const totpIssuer = "ward"

type enrolData struct {
	Secret, Email string
	Already       bool
	Codes         []string
	Required      bool
}

// pendingSecret returns the user's not-yet-confirmed TOTP secret, making one
// if they have none, so reloading the page keeps the same QR code.
func (s *Server) pendingSecret(r *http.Request, u store.User) (string, error) {
	if u.TOTPSecret != "" && !u.TOTPEnabled {
		return u.TOTPSecret, nil
	}
	secret, _, err := auth.NewTOTPSecret(totpIssuer, u.Email)
	if err != nil {
		return "", err
	}
	return secret, s.store.SetTOTP(r.Context(), u.ID, secret, false)
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if rs.user.TOTPEnabled {
		s.render(w, r, rs, http.StatusOK, "enrol", page{Data: enrolData{Already: true}})
		return
	}
	secret, err := s.pendingSecret(r, rs.user)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "enrol", page{Data: enrolData{Secret: secret, Email: rs.user.Email, Required: rs.user.Role.RequiresTOTP()}})
}

// enrolQR draws the pending secret as a QR code for the authenticator app.
func (s *Server) enrolQR(w http.ResponseWriter, r *http.Request, rs *requestState) {
	u := rs.user
	if u.TOTPEnabled || u.TOTPSecret == "" {
		http.NotFound(w, r)
		return
	}
	png, err := auth.TOTPQRCodePNG(auth.TOTPURL(totpIssuer, u.Email, u.TOTPSecret), 240)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(png)
}

// enrol confirms the authenticator works by checking one code, then turns
// two-factor sign-in on and shows the recovery codes, once.
func (s *Server) enrol(w http.ResponseWriter, r *http.Request, rs *requestState) {
	ctx := r.Context()
	u := rs.user
	if u.TOTPEnabled || u.TOTPSecret == "" {
		http.Redirect(w, r, "/account/2fa/setup", http.StatusSeeOther)
		return
	}
	step, ok := auth.CheckTOTP(u.TOTPSecret, r.PostFormValue("code"), s.store.Now(), 0)
	if !ok {
		s.render(w, r, rs, http.StatusUnprocessableEntity, "enrol", page{
			Errors: []fieldError{{"code", "The code is not right. Enter the 6-digit code your authenticator app shows now"}},
			Data:   enrolData{Secret: u.TOTPSecret, Email: u.Email, Required: u.Role.RequiresTOTP()}})
		return
	}
	if err := s.store.SetTOTP(ctx, u.ID, u.TOTPSecret, true); err != nil {
		s.serverError(w, r, err)
		return
	}
	if _, err := s.store.UseTOTPStep(ctx, u.ID, step); err != nil {
		s.serverError(w, r, err)
		return
	}
	codes, err := s.issueRecoveryCodes(r, u.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.auditQuietly(r, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.TwoFactorEnrol, Target: "user:" + u.Email, IP: s.clientIP(r)})
	if rs.session.Stage != store.StageFull {
		if err := s.startSession(ctx, w, r, u, store.StageFull); err != nil {
			s.serverError(w, r, err)
			return
		}
		if err := s.signedIn(r, u, "password+totp-enrol"); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, rs, http.StatusOK, "recovery", page{Flash: "Two-factor sign-in is on", Data: enrolData{Codes: codes}})
}

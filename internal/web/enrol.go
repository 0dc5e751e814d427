package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

func itoa(n int) string { return strconv.Itoa(n) }

type enrolData struct {
	Secret, Email string
	Already       bool
	Codes         []string
	Required      bool
}

func (s *Server) enrolForm(w http.ResponseWriter, r *http.Request, rs *requestState) {
	secret, err := s.auth.PendingSecret(r.Context(), rs.user)
	switch {
	case errors.Is(err, authsvc.ErrEnrolled):
		s.render(w, r, rs, http.StatusOK, "enrol", page{Data: enrolData{Already: true}})
	case err != nil:
		s.serverError(w, r, err)
	default:
		s.render(w, r, rs, http.StatusOK, "enrol", page{Data: enrolData{Secret: secret, Email: rs.user.Email, Required: rs.user.Role.RequiresTOTP()}})
	}
}

// enrolQR draws the pending secret as a QR code for the authenticator app.
func (s *Server) enrolQR(w http.ResponseWriter, r *http.Request, rs *requestState) {
	png, err := s.auth.EnrolQRCode(rs.user)
	switch {
	case errors.Is(err, authsvc.ErrNothingPending):
		http.NotFound(w, r)
	case err != nil:
		s.serverError(w, r, err)
	default:
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png)
	}
}

// enrol confirms the authenticator works by checking one code, then turns
// two-factor sign-in on and shows the recovery codes, once.
func (s *Server) enrol(w http.ResponseWriter, r *http.Request, rs *requestState) {
	u := rs.user
	codes, err := s.auth.Enrol(r.Context(), u, r.PostFormValue("code"), s.clientIP(r))
	switch {
	case errors.Is(err, authsvc.ErrNothingPending):
		http.Redirect(w, r, "/account/2fa/setup", http.StatusSeeOther)
		return
	case errors.Is(err, authsvc.ErrWrongCode):
		s.render(w, r, rs, http.StatusUnprocessableEntity, "enrol", page{
			Errors: []fieldError{{"code", "The code is not right. Enter the 6-digit code your authenticator app shows now"}},
			Data:   enrolData{Secret: u.TOTPSecret, Email: u.Email, Required: u.Role.RequiresTOTP()}})
		return
	case err != nil:
		s.serverError(w, r, err)
		return
	}
	if rs.session.Stage != authsvc.StageFull {
		if err := s.startSession(w, r, u, authsvc.StageFull, "password+totp-enrol"); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, rs, http.StatusOK, "recovery", page{Flash: "Two-factor sign-in is on", Data: enrolData{Codes: codes}})
}

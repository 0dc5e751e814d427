package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
)

type accountData struct {
	User          userSummary
	OrgName       string
	RecoveryLeft  int
	SessionExpiry string
}

func (s *Server) account(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showAccount(w, r, rs, http.StatusOK, nil)
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError) {
	left, err := s.auth.RecoveryCodesLeft(r.Context(), rs.user)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	data := accountData{User: summarise(rs.user), OrgName: orgNames(rs.orgs)[rs.user.OrgID], RecoveryLeft: left,
		SessionExpiry: rs.session.ExpiresAt.In(london).Format("15:04 on 2 Jan 2006")}
	s.render(w, r, rs, status, "account", page{Errors: errs, Data: data})
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if r.PostFormValue("password") != r.PostFormValue("confirm") {
		// Nothing is changed, but the rest of the form is checked too, so
		// every mistake is named at once.
		var errs []fieldError
		if r.PostFormValue("current") == "" {
			errs = append(errs, fieldError{"current", "Enter your current password"})
		}
		if err := auth.CheckPasswordPolicy(r.PostFormValue("password")); err != nil {
			errs = append(errs, fieldError{"password", sentence(err.Error())})
		}
		errs = append(errs, fieldError{"confirm", "The new passwords do not match"})
		s.showAccount(w, r, rs, http.StatusUnprocessableEntity, errs)
		return
	}
	err := s.accounts.ChangeOwnPassword(r.Context(), rs.principal, r.PostFormValue("current"), r.PostFormValue("password"))
	switch {
	case err != nil:
		if bad := s.refusedForm(w, r, err); bad != nil {
			s.showAccount(w, r, rs, http.StatusUnprocessableEntity, formErrors(err, ""))
		}
	default:
		// Every other session of this user ends; this one carries on with a new token.
		if err := s.newSession(w, r, authsvc.NewSession{User: rs.user, Stage: authsvc.StageFull, EndOthers: true}); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.flash(w, "Your password has been changed and your other sessions signed out")
		http.Redirect(w, r, "/account", http.StatusSeeOther)
	}
}

func (s *Server) newRecoveryCodes(w http.ResponseWriter, r *http.Request, rs *requestState) {
	if !rs.user.TOTPEnabled {
		http.Redirect(w, r, "/account/2fa/setup", http.StatusSeeOther)
		return
	}
	codes, err := s.auth.IssueRecoveryCodes(r.Context(), rs.user)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, rs, http.StatusOK, "recovery", page{Flash: "New recovery codes made; the old ones no longer work", Data: enrolData{Codes: codes}})
}

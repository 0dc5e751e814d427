package web

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// identityAddTierZero puts an object an analyst names into the org's Tier
// Zero (a backup server, a privileged access workstation: things that
// control the directory in ways the export does not show) and analyses
// the org again, so the paths into it appear at once.
func (s *Server) identityAddTierZero(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	// The form names the object; object_id, its id, is what older links and
	// scripts send.
	form := map[string]string{"object": strings.TrimSpace(r.PostFormValue("object")), "note": strings.TrimSpace(r.PostFormValue("note"))}
	if form["object"] == "" {
		form["object"] = strings.TrimSpace(r.PostFormValue("object_id"))
	}
	run, err := s.identity.AddTierZero(r.Context(), rs.principal, org.ID, form["object"], form["note"])
	if !s.identityChanged(w, r, rs, org, err, form) {
		return
	}
	name := form["object"]
	if pr, err := s.identity.ObjectNamed(r.Context(), rs.principal, org.ID, name); err == nil {
		name = pr.Name // as the directory spells it, whatever was typed
	}
	s.flash(w, fmt.Sprintf("Added %s to Tier Zero. %d accounts now reach Tier Zero; the score is %d.", name, run.Reaching, run.Score.Score))
	http.Redirect(w, r, "/identity/"+org.Slug, http.StatusSeeOther)
}

// identityRemoveTierZero takes an analyst's addition out of Tier Zero.
func (s *Server) identityRemoveTierZero(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	_ = r.ParseForm()
	id := strings.TrimSpace(r.PostFormValue("object_id"))
	run, err := s.identity.RemoveTierZero(r.Context(), rs.principal, org.ID, id)
	if errors.Is(err, accountsvc.ErrNotFound) {
		// A second click, or a page left open while someone else removed it.
		err = fault.Invalid("object_id", "%s is not among the objects added to Tier Zero: it may have been removed already", id)
	}
	if !s.identityChanged(w, r, rs, org, err, nil) {
		return
	}
	s.flash(w, fmt.Sprintf("Removed %s from Tier Zero. %d accounts now reach Tier Zero; the score is %d.", id, run.Reaching, run.Score.Score))
	http.Redirect(w, r, "/identity/"+org.Slug, http.StatusSeeOther)
}

// identityAnalyse runs the org's analysis again without an import: after a
// check's settings or the leavers changed, or for the checks that age.
func (s *Server) identityAnalyse(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	run, err := s.identity.Reanalyse(r.Context(), rs.principal, org.ID)
	if !s.identityChanged(w, r, rs, org, err, nil) {
		return
	}
	c := run.Findings
	s.flash(w, fmt.Sprintf("Analysed again: %d accounts reach Tier Zero; the score is %d. Findings: %d opened, %d resolved, %d reopened, %d still failing.",
		run.Reaching, run.Score.Score, c.Opened, c.Resolved, c.Reopened, c.Kept))
	http.Redirect(w, r, "/identity/"+org.Slug, http.StatusSeeOther)
}

// identityChanged answers a refused Tier Zero change or analysis and reports whether there was
// none to answer.
func (s *Server) identityChanged(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, err error, form map[string]string) bool {
	if err == nil {
		return true
	}
	if bad := s.refusedForm(w, r, err); bad != nil {
		// The Tier Zero form is the page's one with fields: each mistake is
		// shown on its input, the rest beside the object.
		errs := formErrors(err, "")
		for i := range errs {
			if errs[i].Field != "note" {
				errs[i].Field = "object"
			}
		}
		s.showIdentity(w, r, rs, org, http.StatusUnprocessableEntity, errs, form)
	}
	return false
}

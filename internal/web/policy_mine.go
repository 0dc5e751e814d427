package web

import (
	"html/template"
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/policysvc"
)

// My policies: the documents that bind the signed-in user, as one of their
// org's people, each with its text and a button to accept it. The button
// carries the content hash of the text shown, so a version published in
// between is not accepted unread.

type myPolicy struct {
	policysvc.Mine
	Body template.HTML
}

func (s *Server) myPoliciesPage(w http.ResponseWriter, r *http.Request, rs *requestState) {
	s.showMyPolicies(w, r, rs, http.StatusOK, nil)
}

func (s *Server) showMyPolicies(w http.ResponseWriter, r *http.Request, rs *requestState, status int, errs []fieldError) {
	mine, err := s.policy.Mine(r.Context(), rs.principal, rs.user.Email)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	var list []myPolicy
	for _, m := range mine {
		list = append(list, myPolicy{Mine: m, Body: renderMarkdown(m.Version.Body)})
	}
	s.render(w, r, rs, status, "policy_mine", page{Errors: errs, Data: list})
}

func (s *Server) myPolicyAccept(w http.ResponseWriter, r *http.Request, rs *requestState) {
	_ = r.ParseForm()
	err := s.policy.AcceptSignedIn(r.Context(), rs.principal, rs.user.Email, r.PathValue("doc"), r.PostFormValue("sha256"),
		s.clientIP(r)+" "+r.UserAgent())
	if err != nil {
		if errs := s.formFaults(w, r, err, "sha256"); len(errs) > 0 {
			s.showMyPolicies(w, r, rs, http.StatusConflict, errs)
		}
		return
	}
	http.Redirect(w, r, "/my/policies", http.StatusSeeOther)
}

package web

import (
	"html/template"
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/policysvc"
)

// The acceptance page answers the link in a policy mail: nobody signs in,
// the token in the path is the only credential. GET shows the document and
// a button; only the POST, a same-origin form like every other, records the
// acceptance, since mail scanners fetch every link they see.

type policyAcceptData struct {
	Token string
	Offer policysvc.Offer
	Body  template.HTML
}

func (s *Server) policyOffer(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	o, err := s.policy.LinkOffer(r.Context(), token)
	if err != nil {
		s.surveyRefused(w, r, err)
		return
	}
	s.render(w, r, nil, http.StatusOK, "policy_accept", page{Data: policyAcceptData{Token: token, Offer: o, Body: renderMarkdown(o.Version.Body)}})
}

func (s *Server) policyAccept(w http.ResponseWriter, r *http.Request, _ *requestState) {
	token := r.PathValue("token")
	o, err := s.policy.AcceptLink(r.Context(), token, s.clientIP(r)+" "+r.UserAgent())
	if err != nil {
		s.surveyRefused(w, r, err)
		return
	}
	s.render(w, r, nil, http.StatusOK, "policy_accept", page{Data: policyAcceptData{Offer: o}})
}

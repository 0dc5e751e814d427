package web

import (
	"net/http"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

type phoneSettingsData struct {
	Org    accountsvc.Org
	Hook   string // the webhook's path
	HasOne bool
	Secret string // the new secret, on the answer that made it only
}

func (s *Server) phoneSettings(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	s.showPhone(w, r, rs, org, "")
}

func (s *Server) showPhone(w http.ResponseWriter, r *http.Request, rs *requestState, org accountsvc.Org, secret string) {
	has, err := s.desk.HasPhoneSecret(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	pg := page{Data: phoneSettingsData{Org: org, Hook: "/hooks/phone/" + org.Slug, HasOne: has, Secret: secret}}
	if secret != "" {
		pg.Flash = "New phone secret made: the old one no longer works"
	}
	s.render(w, r, rs, http.StatusOK, "settings_phone", pg)
}

// phoneRotate makes a new signing secret, as `ward phone secret` does, and
// shows it on this answer only; no page is cached (see securityHeaders).
func (s *Server) phoneRotate(w http.ResponseWriter, r *http.Request, rs *requestState) {
	org, ok := s.orgInScope(w, r, rs)
	if !ok {
		return
	}
	secret, err := s.desk.NewPhoneSecret(r.Context(), rs.principal, org.ID)
	if err != nil {
		s.refused(w, r, err)
		return
	}
	s.showPhone(w, r, rs, org, secret)
}

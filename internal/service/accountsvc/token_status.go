package accountsvc

import "github.com/ward-shared-service/ward/internal/store"

// TokenStatus says whether a token is active, revoked or expired now.
func (svc *Service) TokenStatus(t store.APIToken) string {
	switch {
	case t.RevokedAt != nil:
		return "revoked"
	case !t.Active(svc.Store.Now()):
		return "expired"
	}
	return "active"
}

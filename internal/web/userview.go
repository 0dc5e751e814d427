package web

import (
	"time"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// userSummary is a user as templates see them: without the password hash,
// TOTP secret or lock-out state, so no page can print those by mistake.
type userSummary struct {
	ID          int64
	OrgID       int64
	Email       string
	Name        string
	Role        tenancy.Role
	Disabled    bool
	TOTPEnabled bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

func summarise(u accountsvc.User) userSummary {
	return userSummary{ID: u.ID, OrgID: u.OrgID, Email: u.Email, Name: u.Name, Role: u.Role,
		Disabled: u.Disabled, TOTPEnabled: u.TOTPEnabled, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func summariseAll(users []accountsvc.User) []userSummary {
	out := make([]userSummary, len(users))
	for i, u := range users {
		out[i] = summarise(u)
	}
	return out
}

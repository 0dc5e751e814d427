package accountsvc

import (
	"context"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// UserByEmail finds a user in the principal's scope by e-mail address.
func (svc *Service) UserByEmail(ctx context.Context, p tenancy.Principal, email string) (store.User, error) {
	if !p.Can(tenancy.ViewPeople) {
		return store.User{}, errForbidden
	}
	return svc.Store.UserByEmail(ctx, p.Scope, email)
}

package accountsvc

import (
	"context"
	"errors"
	"net/mail"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewUser is a user to be created. Password empty means generate one.
type NewUser struct {
	Org      store.Org
	Email    string
	Name     string
	Role     string
	Password string
	Grants   []store.Org // extra orgs, for shared-service staff
}

// CreateUser adds a user and returns them with the password to hand over —
// generated when none was given, shown once and never stored in clear.
func (svc *Service) CreateUser(ctx context.Context, p tenancy.Principal, n NewUser) (store.User, string, error) {
	if err := svc.require(p, tenancy.ManageUsers, n.Org.ID); err != nil {
		return store.User{}, "", err
	}
	email, name, role, bad := n.check()
	if err := bad.Err(); err != nil {
		return store.User{}, "", err
	}
	password := n.Password
	if password == "" {
		var err error
		if password, err = GeneratePassword(); err != nil {
			return store.User{}, "", err
		}
	}
	hash, err := auth.HashPassword(password, svc.PasswordParams)
	if err != nil {
		return store.User{}, "", err
	}
	var u store.User
	err = svc.Store.InTx(ctx, func(ctx context.Context) error {
		u, err = svc.Store.CreateUser(ctx, p.Scope, store.NewUser{OrgID: n.Org.ID, Email: email, Name: name, Role: role, PasswordHash: hash})
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("a user with email %s already exists", email).On("email")
		}
		if err != nil {
			return err
		}
		for _, g := range n.Grants {
			if !p.Scope.Allows(g.ID) {
				return errForbidden
			}
			if err := svc.Store.GrantOrg(ctx, p.Scope, u.ID, g.ID); err != nil {
				return err
			}
		}
		_, err = svc.Store.Audit(ctx, entry(p, n.Org.ID, audit.UserCreate, "user:"+email, map[string]string{"role": string(role), "grants": slugs(n.Grants)}))
		return err
	})
	return u, password, err
}

func slugs(orgs []store.Org) string {
	s := make([]string, len(orgs))
	for i, o := range orgs {
		s[i] = o.Slug
	}
	return strings.Join(s, ",")
}

// userInScope loads a user the principal may manage.
func (svc *Service) userInScope(ctx context.Context, p tenancy.Principal, userID int64) (store.User, error) {
	if !p.Can(tenancy.ManageUsers) {
		return store.User{}, errForbidden
	}
	return svc.Store.User(ctx, p.Scope, userID)
}

// SetDisabled disables or re-enables a user; disabling signs them out everywhere.
func (svc *Service) SetDisabled(ctx context.Context, p tenancy.Principal, userID int64, disabled bool) (store.User, error) {
	u, err := svc.userInScope(ctx, p, userID)
	if err != nil {
		return u, err
	}
	if disabled && u.ID == p.UserID {
		return u, invalid("user", "you cannot disable your own account")
	}
	action := audit.UserEnable
	if disabled {
		action = audit.UserDisable
	}
	u.Disabled = disabled
	return u, svc.record(ctx, entry(p, u.OrgID, action, "user:"+u.Email, nil), func(ctx context.Context) error {
		return svc.Store.SetUserDisabled(ctx, p.Scope, u.ID, disabled)
	})
}

// Grant lets a shared-service user see one more org. Both the user and the
// org must be in the principal's scope.
func (svc *Service) Grant(ctx context.Context, p tenancy.Principal, userID int64, org store.Org) (store.User, error) {
	u, err := svc.userInScope(ctx, p, userID)
	if err != nil {
		return u, err
	}
	if !p.Scope.Allows(org.ID) {
		return u, errForbidden
	}
	if !u.Role.MayHoldGrants() {
		return u, invalid("org", "only agents, analysts and committee members can be granted other organisations")
	}
	if org.ID == u.OrgID {
		return u, invalid("org", "%s already belongs to %s", u.Email, org.Name)
	}
	return u, svc.record(ctx, entry(p, org.ID, audit.UserGrant, "user:"+u.Email, map[string]string{"org": org.Slug}), func(ctx context.Context) error {
		return svc.Store.GrantOrg(ctx, p.Scope, u.ID, org.ID)
	})
}

// Ungrant takes an org back from a user.
func (svc *Service) Ungrant(ctx context.Context, p tenancy.Principal, userID int64, org store.Org) (store.User, error) {
	u, err := svc.userInScope(ctx, p, userID)
	if err != nil {
		return u, err
	}
	if !p.Scope.Allows(org.ID) {
		return u, errForbidden
	}
	err = svc.record(ctx, entry(p, org.ID, audit.UserUngrant, "user:"+u.Email, map[string]string{"org": org.Slug}), func(ctx context.Context) error {
		return svc.Store.RevokeGrant(ctx, p.Scope, u.ID, org.ID)
	})
	if errors.Is(err, store.ErrNotFound) {
		return u, invalid("org", "%s was not granted %s", u.Email, org.Name)
	}
	return u, err
}

// ResetTwoFactor removes a user's second factor so they enrol again.
func (svc *Service) ResetTwoFactor(ctx context.Context, p tenancy.Principal, userID int64) (store.User, error) {
	u, err := svc.userInScope(ctx, p, userID)
	if err != nil {
		return u, err
	}
	return u, svc.record(ctx, entry(p, u.OrgID, audit.TwoFactorReset, "user:"+u.Email, nil), func(ctx context.Context) error {
		return svc.Store.ResetTOTP(ctx, p.Scope, u.ID)
	})
}

// ResetPassword gives a user a new generated password, shown once, and signs
// them out everywhere.
func (svc *Service) ResetPassword(ctx context.Context, p tenancy.Principal, userID int64) (store.User, string, error) {
	u, err := svc.userInScope(ctx, p, userID)
	if err != nil {
		return u, "", err
	}
	password, err := GeneratePassword()
	if err != nil {
		return u, "", err
	}
	hash, err := auth.HashPassword(password, svc.PasswordParams)
	if err != nil {
		return u, "", err
	}
	err = svc.record(ctx, entry(p, u.OrgID, audit.UserPassword, "user:"+u.Email, map[string]string{"by": "reset"}), func(ctx context.Context) error {
		if err := svc.Store.SetPasswordHash(ctx, u.ID, hash); err != nil {
			return err
		}
		return svc.Store.DeleteUserSessions(ctx, u.ID)
	})
	return u, password, err
}

// ChangeOwnPassword lets a signed-in user replace their password.
func (svc *Service) ChangeOwnPassword(ctx context.Context, p tenancy.Principal, current, next string) error {
	u, err := svc.Store.UserForSession(ctx, p.UserID)
	if err != nil {
		return err
	}
	var bad fault.Fields
	if ok, _ := auth.VerifyPassword(current, u.PasswordHash); !ok {
		bad.Add("current", "your current password is not right")
	}
	if err := auth.CheckPasswordPolicy(next); err != nil {
		bad.Add("password", "%s", err.Error())
	}
	if err := bad.Err(); err != nil {
		return err
	}
	hash, err := auth.HashPassword(next, svc.PasswordParams)
	if err != nil {
		return err
	}
	return svc.record(ctx, entry(p, u.OrgID, audit.UserPassword, "user:"+u.Email, map[string]string{"by": "self"}), func(ctx context.Context) error {
		return svc.Store.SetPasswordHash(ctx, u.ID, hash)
	})
}

// Check names every mistake in a new user at once (a fault.Fields); a page
// whose own fields are wrong (no organisation chosen) checks with it, so
// its summary names the rest too. The role is checked against the org's
// kind only once the org is known.
func (n NewUser) Check() error {
	_, _, _, bad := n.check()
	return bad.Err()
}

func (n NewUser) check() (email, name string, role tenancy.Role, bad fault.Fields) {
	email = store.NormaliseEmail(n.Email)
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		bad.Add("email", "enter an email address like name@council.gov.uk")
	}
	name = strings.TrimSpace(n.Name)
	if name == "" {
		bad.Add("name", "enter the person's name")
	}
	role, err := tenancy.ParseRole(n.Role)
	switch {
	case err != nil:
		bad.Add("role", "%s", err.Error())
	case n.Org.ID != 0 && !role.AllowedInOrgKind(n.Org.Kind):
		bad.Add("role", "a %s cannot belong to a %s organisation", role.Label(), strings.ToLower(n.Org.Kind.Label()))
	case len(n.Grants) > 0 && !role.MayHoldGrants():
		bad.Add("grant", "only agents, analysts and committee members can be granted other organisations")
	}
	if n.Password != "" {
		if err := auth.CheckPasswordPolicy(n.Password); err != nil {
			bad.Add("password", "%s", err.Error())
		}
	}
	return email, name, role, bad
}

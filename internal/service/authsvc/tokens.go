package authsvc

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewToken is an API token to create.
type NewToken struct {
	Org     string // slug of the org the token acts for; one the creator sees
	Role    string
	Name    string
	Expires time.Duration // default 90 days, at most 2 years
}

// CreateToken makes an API token and returns it in clear, the only time it
// is ever seen: the store keeps its hash. A token cannot carry more than its
// creator holds.
func (s *Service) CreateToken(ctx context.Context, p tenancy.Principal, n NewToken) (Token, string, error) {
	if !p.Can(tenancy.ManageTokens) {
		return Token{}, "", errForbidden
	}
	// Every mistake at once, so the form is fixed in one go.
	var bad fault.Fields
	org, err := s.store.OrgBySlug(ctx, p.Scope, n.Org)
	known := err == nil
	if errors.Is(err, store.ErrNotFound) {
		bad.Add("org", "choose the organisation the token acts for")
	} else if err != nil {
		return Token{}, "", err
	}
	role, err := tenancy.ParseRole(n.Role)
	switch {
	case err != nil:
		bad.Add("role", "%s", err.Error())
	case known && !role.AllowedInOrgKind(org.Kind):
		bad.Add("role", "a %s token cannot act for a %s organisation", role.Label(), strings.ToLower(org.Kind.Label()))
	}
	name := strings.TrimSpace(n.Name)
	if name == "" {
		bad.Add("name", "give the token a name that says what uses it")
	}
	if n.Expires == 0 {
		n.Expires = 90 * 24 * time.Hour
	}
	if n.Expires < time.Hour || n.Expires > 2*365*24*time.Hour {
		bad.Add("expires", "a token must last between an hour and two years")
	}
	if err := bad.Err(); err != nil {
		return Token{}, "", err
	}
	token, prefix, err := auth.NewAPIToken()
	if err != nil {
		return Token{}, "", err
	}
	var t Token
	e := audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.TokenCreate, Target: "token:" + prefix,
		Detail: map[string]string{"role": string(role), "name": name}, IP: p.IP}
	err = s.record(ctx, e, func(ctx context.Context) error {
		t, err = s.store.CreateAPIToken(ctx, p.Scope, Token{OrgID: org.ID, Role: role, Name: name, Prefix: prefix,
			TokenHash: auth.HashSecret(token), CreatedBy: p.Actor, ExpiresAt: s.Now().Add(n.Expires)})
		return err
	})
	if err != nil {
		return t, "", err
	}
	return t, token, nil
}

// RevokeToken stops a token in scope working; store.ErrNotFound when there
// is no such token in scope.
func (s *Service) RevokeToken(ctx context.Context, p tenancy.Principal, id int64) (Token, error) {
	if !p.Can(tenancy.ManageTokens) {
		return Token{}, errForbidden
	}
	var t Token
	err := s.store.InTx(ctx, func(ctx context.Context) error {
		var err error
		if t, err = s.store.RevokeAPIToken(ctx, p.Scope, id); err != nil {
			return err
		}
		_, err = s.store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: t.OrgID, Action: audit.TokenRevoke, Target: "token:" + t.Prefix, IP: p.IP})
		return err
	})
	return t, err
}

// ListedToken is a token as a listing shows it.
type ListedToken struct {
	Token
	Active bool // neither revoked nor expired
}

// Tokens lists the tokens of the orgs in the principal's scope, newest first.
func (s *Service) Tokens(ctx context.Context, p tenancy.Principal) ([]ListedToken, error) {
	if !p.Can(tenancy.ManageTokens) {
		return nil, errForbidden
	}
	list, err := s.store.APITokens(ctx, p.Scope)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	out := make([]ListedToken, len(list))
	for i, t := range list {
		out[i] = ListedToken{Token: t, Active: t.Active(now)}
	}
	return out, nil
}

// ErrBadToken means the request carried no API token ward would take:
// malformed, unknown, revoked or expired, all alike.
var ErrBadToken = errors.New("missing or invalid token")

// AuthenticateToken finds the principal an API token acts as. Tokens are
// looked up by their hash, so the store never holds one that works.
func (s *Service) AuthenticateToken(ctx context.Context, raw, ip string) (tenancy.Principal, error) {
	if !auth.LooksLikeAPIToken(raw) {
		return tenancy.Principal{}, ErrBadToken
	}
	t, err := s.store.APITokenForAuth(ctx, auth.HashSecret(raw))
	if err != nil || !t.Active(s.Now()) {
		return tenancy.Principal{}, ErrBadToken
	}
	scope, err := s.store.ScopeFor(ctx, t.Role, t.OrgID, 0)
	if err != nil {
		return tenancy.Principal{}, err
	}
	// Record use at most once a minute, so a busy script's reads stay reads.
	if now := s.Now(); t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > time.Minute {
		_ = s.store.TouchAPIToken(ctx, t.ID, now)
	}
	return tenancy.Principal{Actor: audit.TokenActor(t.Prefix), OrgID: t.OrgID, Role: t.Role, Scope: scope, IP: ip}, nil
}

// errForbidden refuses a token change the caller's role or scope does not allow.
var errForbidden = fault.Forbidden("your role does not allow this change to API tokens")

package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// GrantOrg lets a user see an org beyond their own.
func (s *Store) GrantOrg(ctx context.Context, scope tenancy.Scope, userID, orgID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO user_grants (user_id, org_id) VALUES (?, ?)`, userID, orgID)
	if err = classify(err); err == ErrConflict {
		return nil // granting twice is not an error
	}
	return err
}

// RevokeGrant takes back an org granted to a user; the user's sessions
// pick up the narrower scope on their next request.
func (s *Store) RevokeGrant(ctx context.Context, scope tenancy.Scope, userID, orgID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `DELETE FROM user_grants WHERE user_id = ? AND org_id = ?`, userID, orgID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// GrantedOrgs lists the orgs a user was granted beyond their own.
func (s *Store) GrantedOrgs(ctx context.Context, userID int64) ([]int64, error) {
	return s.queryIDs(ctx, `SELECT org_id FROM user_grants WHERE user_id = ? ORDER BY org_id`, userID)
}

// ScopeFor is the scope a role acting for an org (and its grants) may see:
// every org for an administrator, else the org itself plus its grants.
func (s *Store) ScopeFor(ctx context.Context, role tenancy.Role, orgID int64, userID int64) (tenancy.Scope, error) {
	var granted []int64
	if userID != 0 && role.MayHoldGrants() && !role.SeesAllOrgs() {
		var err error
		if granted, err = s.GrantedOrgs(ctx, userID); err != nil {
			return tenancy.Scope{}, err
		}
	}
	return tenancy.RoleScope(role, orgID, granted), nil
}

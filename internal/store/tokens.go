package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// APIToken lets a script use the JSON API as one role in one org. Only the
// hash of the token is kept; Prefix identifies it in listings.
type APIToken struct {
	ID         int64        `json:"id"`
	OrgID      int64        `json:"org_id"`
	Role       tenancy.Role `json:"role"`
	Name       string       `json:"name"`
	Prefix     string       `json:"prefix"`
	CreatedBy  string       `json:"created_by"`
	CreatedAt  time.Time    `json:"created_at"`
	ExpiresAt  time.Time    `json:"expires_at"`
	RevokedAt  *time.Time   `json:"revoked_at,omitempty"`
	LastUsedAt *time.Time   `json:"last_used_at,omitempty"`
	TokenHash  string       `json:"-"`
}

// Active reports whether the token may be used at the given time.
func (t APIToken) Active(now time.Time) bool {
	return t.RevokedAt == nil && now.Before(t.ExpiresAt)
}

// CreateAPIToken stores a new token's hash.
func (s *Store) CreateAPIToken(ctx context.Context, scope tenancy.Scope, t APIToken) (APIToken, error) {
	if err := orgInScope(scope, t.OrgID); err != nil {
		return APIToken{}, err
	}
	t.CreatedAt = s.Now()
	t.ExpiresAt = t.ExpiresAt.UTC().Truncate(time.Microsecond)
	id, err := s.insertID(ctx, `INSERT INTO api_tokens (org_id, role, name, prefix, token_hash, created_by, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.OrgID, string(t.Role), t.Name, t.Prefix, t.TokenHash, t.CreatedBy, t.CreatedAt, t.ExpiresAt)
	t.ID = id
	return t, classify(err)
}

const tokenColumns = `id, org_id, role, name, prefix, created_by, created_at, expires_at, revoked_at, last_used_at, token_hash`

func scanToken(sc interface{ Scan(...any) error }) (APIToken, error) {
	var t APIToken
	var role string
	var revoked, used sql.NullTime
	err := sc.Scan(&t.ID, &t.OrgID, &role, &t.Name, &t.Prefix, &t.CreatedBy, &t.CreatedAt, &t.ExpiresAt, &revoked, &used, &t.TokenHash)
	t.Role = tenancy.Role(role)
	t.CreatedAt, t.ExpiresAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC()
	if revoked.Valid {
		r := revoked.Time.UTC()
		t.RevokedAt = &r
	}
	if used.Valid {
		u := used.Time.UTC()
		t.LastUsedAt = &u
	}
	return t, err
}

// APITokenForAuth finds a token by its hash, for checking a request.
func (s *Store) APITokenForAuth(ctx context.Context, tokenHash string) (APIToken, error) {
	t, err := scanToken(s.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ?`, tokenHash))
	return t, classify(err)
}

// APITokens lists the tokens of the orgs in scope, newest first.
func (s *Store) APITokens(ctx context.Context, scope tenancy.Scope) ([]APIToken, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE `+cond+` ORDER BY id DESC`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken stops a token in scope working; revoking twice is harmless.
func (s *Store) RevokeAPIToken(ctx context.Context, scope tenancy.Scope, id int64) (APIToken, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return APIToken{}, err
	}
	if _, err := s.exec(ctx, `UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND `+cond,
		append([]any{s.Now(), id}, args...)...); err != nil {
		return APIToken{}, err
	}
	t, err := scanToken(s.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return t, classify(err)
}

// TouchAPIToken records when a token was last used.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, at.UTC(), id)
	return err
}

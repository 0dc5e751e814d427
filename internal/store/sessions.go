package store

import (
	"context"
	"database/sql"
	"time"
)

// SessionStage says how far a sign-in has got. Only "full" sessions reach
// tenant data; "password" waits for the second factor and "enrol" may only
// set one up.
type SessionStage string

const (
	StagePassword SessionStage = "password"
	StageEnrol    SessionStage = "enrol"
	StageFull     SessionStage = "full"
)

// Session is a signed-in browser. TokenHash is the hash of the cookie value.
type Session struct {
	TokenHash   string
	UserID      int64
	Stage       SessionStage
	ActiveOrgID int64 // 0: all the orgs the user may see
	CreatedAt   time.Time
	LastSeenAt  time.Time
	ExpiresAt   time.Time // absolute expiry, however active the session
	IP          string
	UserAgent   string
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess Session) error {
	_, err := s.exec(ctx, `INSERT INTO sessions (token_hash, user_id, stage, active_org_id, created_at, last_seen_at, expires_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sess.TokenHash, sess.UserID, string(sess.Stage), nullID(sess.ActiveOrgID), sess.CreatedAt.UTC(), sess.LastSeenAt.UTC(), sess.ExpiresAt.UTC(), sess.IP, sess.UserAgent)
	return classify(err)
}

// Session finds a session by its token hash.
func (s *Store) Session(ctx context.Context, tokenHash string) (Session, error) {
	var sess Session
	var stage string
	var org sql.NullInt64
	err := s.queryRow(ctx, `SELECT token_hash, user_id, stage, active_org_id, created_at, last_seen_at, expires_at, ip, user_agent
		FROM sessions WHERE token_hash = ?`, tokenHash).Scan(
		&sess.TokenHash, &sess.UserID, &stage, &org, &sess.CreatedAt, &sess.LastSeenAt, &sess.ExpiresAt, &sess.IP, &sess.UserAgent)
	sess.Stage = SessionStage(stage)
	sess.ActiveOrgID = org.Int64
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = sess.CreatedAt.UTC(), sess.LastSeenAt.UTC(), sess.ExpiresAt.UTC()
	return sess, classify(err)
}

// TouchSession records activity, which keeps an idle session alive.
func (s *Store) TouchSession(ctx context.Context, tokenHash string, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`, at.UTC(), tokenHash)
	return err
}

// ReplaceSession swaps a session for a new token at a new stage — done at
// every step up in privilege, so a token seen before sign-in is worthless after.
func (s *Store) ReplaceSession(ctx context.Context, oldHash string, next Session) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		if _, err := s.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, oldHash); err != nil {
			return err
		}
		_, err := s.exec(ctx, `INSERT INTO sessions (token_hash, user_id, stage, active_org_id, created_at, last_seen_at, expires_at, ip, user_agent)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			next.TokenHash, next.UserID, string(next.Stage), nullID(next.ActiveOrgID), next.CreatedAt.UTC(), next.LastSeenAt.UTC(), next.ExpiresAt.UTC(), next.IP, next.UserAgent)
		return classify(err)
	})
}

// SetSessionOrg chooses the org a session views (0 for all it may see).
func (s *Store) SetSessionOrg(ctx context.Context, tokenHash string, orgID int64) error {
	_, err := s.exec(ctx, `UPDATE sessions SET active_org_id = ? WHERE token_hash = ?`, nullID(orgID), tokenHash)
	return err
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.exec(ctx, `DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
	return err
}

// DeleteUserSessions ends every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) error {
	_, err := s.exec(ctx, `DELETE FROM sessions WHERE user_id = ?`, userID)
	return err
}

// DeleteExpiredSessions removes sessions past their absolute expiry or idle
// longer than idle, and says how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time, idle time.Duration) (int64, error) {
	res, err := s.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?`, now.UTC(), now.Add(-idle).UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

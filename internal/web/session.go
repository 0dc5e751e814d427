package web

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

const sessionCookie = "ward_session"

// cookieName gets the __Host- prefix over HTTPS, which stops a sibling
// subdomain from planting a session cookie.
func (s *Server) cookieName() string {
	if s.cfg.secureCookies() {
		return "__Host-" + sessionCookie
	}
	return sessionCookie
}

func (s *Server) setSessionCookie(w http.ResponseWriter, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(), Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// startSession replaces whatever session the browser had with a new token at
// the given stage: a fresh token at every step up defeats session fixation.
func (s *Server) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u store.User, stage store.SessionStage) error {
	oldHash := ""
	if c, err := r.Cookie(s.cookieName()); err == nil && c.Value != "" {
		oldHash = auth.HashSecret(c.Value)
	}
	token, err := auth.NewSessionToken()
	if err != nil {
		return err
	}
	now := s.store.Now()
	sess := store.Session{TokenHash: auth.HashSecret(token), UserID: u.ID, Stage: stage,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.cfg.SessionMax), IP: s.clientIP(r), UserAgent: truncate(r.UserAgent(), 200)}
	if stage != store.StageFull {
		// A half-finished sign-in must be finished quickly.
		sess.ExpiresAt = now.Add(10 * time.Minute)
	}
	if oldHash != "" {
		err = s.store.ReplaceSession(ctx, oldHash, sess)
	} else {
		err = s.store.CreateSession(ctx, sess)
	}
	if err != nil {
		return err
	}
	s.setSessionCookie(w, token, sess.ExpiresAt)
	return nil
}

var errNoSession = errors.New("no session")

// loadSession finds the browser's live session and its user, ending it if
// it has expired, gone idle, or belongs to a disabled user.
func (s *Server) loadSession(r *http.Request) (store.Session, store.User, error) {
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" {
		return store.Session{}, store.User{}, errNoSession
	}
	ctx := r.Context()
	hash := auth.HashSecret(c.Value)
	sess, err := s.store.Session(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return sess, store.User{}, errNoSession
	}
	if err != nil {
		return sess, store.User{}, err
	}
	now := s.store.Now()
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) >= s.cfg.SessionIdle {
		_ = s.store.DeleteSession(ctx, hash)
		return sess, store.User{}, errNoSession
	}
	u, err := s.store.UserForSession(ctx, sess.UserID)
	if err != nil || u.Disabled {
		_ = s.store.DeleteSession(ctx, hash)
		return sess, u, errNoSession
	}
	// Recording activity on every request would make every read a write;
	// once a minute is plenty for a 30-minute idle limit.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		_ = s.store.TouchSession(ctx, hash, now)
	}
	return sess, u, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

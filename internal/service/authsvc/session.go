package authsvc

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// NewSession is a session to start for a browser.
type NewSession struct {
	User  User
	Stage Stage
	// Previous is the browser's old session token, if any. It is replaced:
	// a fresh token at every step up in privilege defeats session fixation.
	Previous      string
	IP, UserAgent string
	// SignIn, when set, says the session completes a sign-in by this method
	// ("password", "password+totp", "oidc+mfa", ...): the user's failure
	// count is cleared and the sign-in audited with the session.
	SignIn string
	// EndOthers ends every other session of the user, as after a password change.
	EndOthers bool
}

// pendingLife is how long a half-finished sign-in may wait for its next step.
const pendingLife = 10 * time.Minute

// StartSession stores a new session and returns the token for the browser's
// cookie, the only place it is kept in clear.
func (s *Service) StartSession(ctx context.Context, n NewSession) (string, Session, error) {
	token, err := auth.NewSessionToken()
	if err != nil {
		return "", Session{}, err
	}
	now := s.Now()
	sess := Session{TokenHash: auth.HashSecret(token), UserID: n.User.ID, Stage: n.Stage,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(s.opt.SessionMax), IP: n.IP, UserAgent: truncate(n.UserAgent, 200)}
	if n.Stage != StageFull {
		sess.ExpiresAt = now.Add(pendingLife)
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if n.EndOthers {
			if err := s.store.DeleteUserSessions(ctx, n.User.ID); err != nil {
				return err
			}
		}
		var err error
		if n.Previous != "" {
			err = s.store.ReplaceSession(ctx, auth.HashSecret(n.Previous), sess)
		} else {
			err = s.store.CreateSession(ctx, sess)
		}
		if err != nil || n.SignIn == "" {
			return err
		}
		if err := s.store.ClearSignInFailures(ctx, n.User.Email); err != nil {
			return err
		}
		_, err = s.store.Audit(ctx, audit.Entry{Actor: audit.UserActor(n.User.Email), OrgID: n.User.OrgID, Action: audit.SignIn,
			Target: userTarget(n.User), Detail: map[string]string{"method": n.SignIn}, IP: n.IP})
		return err
	})
	if err != nil {
		return "", Session{}, err
	}
	return token, sess, nil
}

// Session finds the live session behind a browser's token, and its user. It
// ends a session that has expired, gone idle, or belongs to a disabled user,
// and answers ErrNoSession for it as for a token it never issued.
func (s *Service) Session(ctx context.Context, token string) (Session, User, error) {
	if token == "" {
		return Session{}, User{}, ErrNoSession
	}
	hash := auth.HashSecret(token)
	sess, err := s.store.Session(ctx, hash)
	if errors.Is(err, store.ErrNotFound) {
		return sess, User{}, ErrNoSession
	}
	if err != nil {
		return sess, User{}, err
	}
	now := s.Now()
	if !now.Before(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) >= s.opt.SessionIdle {
		_ = s.store.DeleteSession(ctx, hash)
		return sess, User{}, ErrNoSession
	}
	u, err := s.store.UserForSession(ctx, sess.UserID)
	if err != nil || u.Disabled {
		_ = s.store.DeleteSession(ctx, hash)
		return sess, u, ErrNoSession
	}
	// Recording activity on every request would make every read a write;
	// once a minute is plenty for a 30-minute idle limit.
	if now.Sub(sess.LastSeenAt) > time.Minute {
		_ = s.store.TouchSession(ctx, hash, now)
	}
	return sess, u, nil
}

// SignOut ends a session and records it.
func (s *Service) SignOut(ctx context.Context, sess Session, u User, ip string) {
	_ = s.store.DeleteSession(ctx, sess.TokenHash)
	s.auditQuietly(ctx, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: u.OrgID, Action: audit.SignOut, Target: userTarget(u), IP: ip})
}

// Caller is a fully signed-in user as the pages act for them.
type Caller struct {
	Principal tenancy.Principal
	Orgs      []Org // every org the user may see
	Active    *Org  // the org the user chose to act for, if any (one of Orgs)
}

// Caller works out which orgs the session's user sees, narrowed to the org
// they chose to act for, if they did.
func (s *Service) Caller(ctx context.Context, sess Session, u User, ip string) (Caller, error) {
	scope, err := s.store.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
	if err != nil {
		return Caller{}, err
	}
	c := Caller{}
	if c.Orgs, err = s.store.Orgs(ctx, scope); err != nil {
		return Caller{}, err
	}
	if id := sess.ActiveOrgID; id != 0 && scope.Allows(id) {
		for i := range c.Orgs {
			if c.Orgs[i].ID == id {
				c.Active = &c.Orgs[i]
			}
		}
		scope = scope.Narrow(id)
	}
	c.Principal = tenancy.Principal{Actor: audit.UserActor(u.Email), UserID: u.ID, OrgID: u.OrgID, Role: u.Role, Scope: scope, IP: ip}
	return c, nil
}

// ErrNotYours means the org asked for is outside what the user may see.
var ErrNotYours = errors.New("that organisation is not one you may see")

// SetActingOrg chooses the org a session acts for; 0 means all the user may
// see. The org must be one the user sees whatever org they act for now.
func (s *Service) SetActingOrg(ctx context.Context, sess Session, u User, org Org, ip string) error {
	if org.ID != 0 {
		scope, err := s.store.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
		if err != nil {
			return err
		}
		if !scope.Allows(org.ID) {
			return ErrNotYours
		}
	}
	if err := s.store.SetSessionOrg(ctx, sess.TokenHash, org.ID); err != nil {
		return err
	}
	s.auditQuietly(ctx, audit.Entry{Actor: audit.UserActor(u.Email), OrgID: org.ID, Action: audit.OrgSwitch, Target: "org:" + org.Slug, IP: ip})
	return nil
}

// SweepExpiredSessions is a system job, run by ward serve every few
// minutes: it removes every org's sessions past their absolute expiry or
// idle too long, so the table holds only live ones, and says how many went.
func (s *Service) SweepExpiredSessions(ctx context.Context) (int64, error) {
	return s.store.DeleteExpiredSessions(ctx, s.Now(), s.opt.SessionIdle)
}

func truncate(s string, n int) string {
	// A User-Agent is the client's to choose and may hold any bytes; the
	// store refuses text that is not UTF-8, which would refuse the
	// sign-in, so it is made text and cut between characters.
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

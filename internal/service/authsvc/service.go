// Package authsvc is the service of signing in: passwords and lock-out,
// sessions, the second factor (TOTP and recovery codes) and its enrolment,
// API tokens, and single sign-on accounts. The web pages, the JSON API and
// the command line ask it who a caller is; it answers with plain values and
// errors, writes the audit entries, and is the only one of them that reads
// or writes users' secrets in the store.
package authsvc

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store"
)

// The service speaks of the store's users, sessions and tokens.
type (
	User    = store.User
	Session = store.Session
	Stage   = store.SessionStage
	Token   = store.APIToken
	Org     = store.Org
)

// How far a sign-in has got; only StageFull reaches tenant data.
const (
	StagePassword = store.StagePassword // password accepted, second factor awaited
	StageEnrol    = store.StageEnrol    // may only set up a second factor
	StageFull     = store.StageFull
)

// Options tune the service; zero values take the defaults.
type Options struct {
	PasswordParams auth.Params   // argon2id costs for new hashes (auth.DefaultParams)
	Lockout        auth.Lockout  // when failed attempts lock an account (auth.DefaultLockout)
	SessionIdle    time.Duration // a session ends after this long unused (30 minutes)
	SessionMax     time.Duration // and this long after sign-in, however active (12 hours)
	// ConcurrentHashes bounds argon2id verifies at once (4): each takes 64 MiB,
	// so a burst of sign-ins queues rather than exhausting memory. An address
	// holds at most one of them at a time, and addresses take turns at them
	// (see Throttle.AddressWaiting).
	ConcurrentHashes int
	Throttle         Throttle     // pacing per address and account name (DefaultThrottle)
	Log              *slog.Logger // where audit writes that must not fail a refusal are reported
}

func (o *Options) defaults() {
	if o.PasswordParams == (auth.Params{}) {
		o.PasswordParams = auth.DefaultParams
	}
	if o.Lockout == (auth.Lockout{}) {
		o.Lockout = auth.DefaultLockout
	}
	if o.SessionIdle == 0 {
		o.SessionIdle = 30 * time.Minute
	}
	if o.SessionMax == 0 {
		o.SessionMax = 12 * time.Hour
	}
	if o.ConcurrentHashes == 0 {
		o.ConcurrentHashes = 4
	}
	o.Throttle.defaults()
	if o.Log == nil {
		o.Log = slog.Default()
	}
}

// Service carries out sign-in requests over one store.
type Service struct {
	store    *store.Store
	opt      Options
	slots    *slots
	pace     *pacer
	verifies atomic.Int64
	onVerify func() // tests: called as each password is checked

	pruneMu   sync.Mutex
	lastPrune time.Time // when quiet names' failure records were last dropped
}

// New builds the service over st.
func New(st *store.Store, opt Options) *Service {
	opt.defaults()
	return &Service{store: st, opt: opt, slots: newSlots(opt.ConcurrentHashes, 1+opt.Throttle.AddressWaiting), pace: newPacer(opt.Throttle)}
}

// Now is the service's clock (the store's, which tests may set).
func (s *Service) Now() time.Time { return s.store.Now() }

// Verifies counts the password checks (argon2id, real or on a dummy hash)
// sign-in has made: every attempt that is not throttled makes exactly one.
func (s *Service) Verifies() int64 { return s.verifies.Load() }

// Refused is a sign-in step turned down. Outcome says why, in the words the
// metrics count ("unknown", "failed", "locked", "2fa-failed", or an OIDC
// reason); the message shown must not tell which accounts exist, so callers
// show one answer for "unknown", "failed" and a password's "locked" alike.
// A name with no account is locked like one with, after as many refusals.
type Refused struct {
	Outcome     string
	LockedUntil time.Time // set when Outcome is "locked"
}

func (e *Refused) Error() string { return "sign-in refused: " + e.Outcome }

// Locked reports whether the refusal is a lock-out.
func (e *Refused) Locked() bool { return !e.LockedUntil.IsZero() }

// ErrNoSession means the browser has no live session: none, expired, idle,
// or its user is disabled.
var ErrNoSession = errors.New("no session")

// record makes a change and writes its audit entry in one transaction.
func (s *Service) record(ctx context.Context, e audit.Entry, change func(ctx context.Context) error) error {
	return s.store.InTx(ctx, func(ctx context.Context) error {
		if err := change(ctx); err != nil {
			return err
		}
		_, err := s.store.Audit(ctx, e)
		return err
	})
}

// auditQuietly records an entry where a failure to record must not turn a
// refused sign-in into a server error; the failure is logged instead.
func (s *Service) auditQuietly(ctx context.Context, e audit.Entry) {
	if _, err := s.store.Audit(ctx, e); err != nil {
		s.opt.Log.Error("audit write failed", "action", e.Action, "err", err)
	}
}

func userTarget(u User) string { return "user:" + u.Email }

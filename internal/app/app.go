// Package app is ward's composition root: it builds each service once, over
// one store, for ward serve, the other commands, the demo and the tests.
// Adapters receive the services from here and never build their own, so
// there is one desk that tickets are raised on, one WARP matcher cache, and
// one place to read to see how the parts are wired.
package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/service"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
	"github.com/ward-shared-service/ward/internal/service/cafsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
	"github.com/ward-shared-service/ward/internal/service/majorsvc"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
	"github.com/ward-shared-service/ward/internal/service/policysvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/searchsvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Services are the services that carry out requests, built together by
// New. The store is not among them: adapters reach data only through a
// service.
type Services = service.Set

// Options tune how the services are built.
type Options struct {
	// PasswordParams are the argon2id costs for new password hashes; zero
	// means auth.DefaultParams.
	PasswordParams auth.Params
	// Lockout, SessionIdle and SessionMax tune sign-in (see authsvc.Options);
	// zero takes the defaults.
	Lockout                 auth.Lockout
	SessionIdle, SessionMax time.Duration
	// SignInThrottle paces sign-in attempts per address and account (see
	// authsvc.Throttle); zero fields take the defaults.
	SignInThrottle authsvc.Throttle
	// Log receives what the services report rather than fail on.
	Log *slog.Logger
}

// New wires every service over st.
func New(st *store.Store, opt Options) *Services {
	if opt.PasswordParams == (auth.Params{}) {
		opt.PasswordParams = auth.DefaultParams
	}
	desk := desksvc.New(st)
	est := posturesvc.New(st, desk)
	signIn := authsvc.New(st, authsvc.Options{PasswordParams: opt.PasswordParams, Lockout: opt.Lockout,
		SessionIdle: opt.SessionIdle, SessionMax: opt.SessionMax, Throttle: opt.SignInThrottle, Log: opt.Log})
	accounts := &accountsvc.Service{Store: st, PasswordParams: opt.PasswordParams}
	ident, wp := identitysvc.New(st, est), warpsvc.New(st, desk)
	mi := majorsvc.New(st, desk)
	desk.OnOpen = append(desk.OnOpen, mi.TicketOpened) // the org's major incident rules see each new ticket
	people := peoplesvc.New(st)
	// An HR import, add or edit re-matches the org's accounts and brings the
	// leaver and account findings up to date in the same transaction.
	people.Changed = append(people.Changed, func(ctx context.Context, p tenancy.Principal, orgID int64) error {
		_, err := ident.RefreshPeople(ctx, p, orgID)
		return err
	})
	return &Services{
		Accounts: accounts,
		Auth:     signIn,
		Desk:     desk,
		Posture:  est,
		Identity: ident,
		Warp:     wp,
		Major:    mi,
		People:   people,
		Search:   &searchsvc.Service{Accounts: accounts, Desk: desk, Posture: est, Identity: ident, Warp: wp, Now: st.Now},
		Walkup:   walkupsvc.New(st, desk),
		Policy:   policysvc.New(st),
		Training: trainingsvc.New(st, est),
		Phishing: phishingsvc.New(st),
		CAF:      cafsvc.New(st),
		Now:      st.Now,
		Ping:     st.Ping,
	}
}

package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/web"
)

// SQLite is the engine every test can run on, for tests that need one
// engine only (benchmarks, the browser).
var SQLite = storetest.Engine{Name: "sqlite", Open: storetest.OpenSQLite}

// App is a real ward server listening on loopback with the demo data in a
// real database of its own.
type App struct {
	Server   *server.Server
	Store    *store.Store
	HTTP     *httptest.Server
	Services *app.Services // the services the server runs on
	Seed
}

// NewApp starts a ward over a fresh copy of the seeded database.
func NewApp(t testing.TB, engine storetest.Engine) *App {
	t.Helper()
	return NewAppWith(t, engine, web.Config{Version: "test"})
}

// NewAppWith starts a ward configured by cfg over a fresh copy of the
// seeded database.
func NewAppWith(t testing.TB, engine storetest.Engine, cfg web.Config) *App {
	t.Helper()
	st, seed := OpenSeeded(t, engine)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svcs := services(st)
	srv, err := server.New(context.Background(), cfg, svcs, log)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return &App{Server: srv, Store: st, HTTP: hs, Services: svcs, Seed: seed}
}

// Replica starts a second ward over the app's database, with services of
// its own, as another replica behind a load balancer would be.
func (a *App) Replica(t testing.TB) *httptest.Server {
	t.Helper()
	srv, err := server.New(context.Background(), web.Config{Version: "test"}, services(a.Store), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return hs
}

// services builds ward's services over the store through the composition
// root, as ward serve and the commands do, to seed records the way a user
// would make them.
func services(st *store.Store) *app.Services {
	return app.New(st, app.Options{PasswordParams: auth.FastParams})
}

// Cred is the demo sign-in of the user with the e-mail address.
func (a *App) Cred(t testing.TB, email string) demo.Credential {
	t.Helper()
	for _, c := range a.Creds {
		if c.Email == email {
			return c
		}
	}
	t.Fatalf("no demo user %s", email)
	return demo.Credential{}
}

// Browser is an HTTP client with a cookie jar that does not follow
// redirects, so tests see where ward sends them.
func (a *App) Browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// SignedIn returns a client holding a full session for the user, made
// directly in the store: the isolation walk tests what a session can
// reach, not the sign-in form (which has its own tests).
func (a *App) SignedIn(t testing.TB, email string) *http.Client {
	t.Helper()
	u, err := a.Store.UserForSignIn(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	token, _ := auth.NewSessionToken()
	now := a.Store.Now()
	if err := a.Store.CreateSession(context.Background(), store.Session{TokenHash: auth.HashSecret(token), UserID: u.ID, Stage: store.StageFull,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	c := a.Browser()
	base, _ := url.Parse(a.HTTP.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: "ward_session", Value: token, Path: "/"}})
	return c
}

// Package web serves ward's pages, mounts the handlers it is given (the JSON
// API, TAXII), and wraps everything in the security every route shares:
// sessions, cross-origin protection, security headers, role and scope
// checks, and audit of confidential views. It calls services only; the
// services are built once, by internal/app, and handed in.
package web

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/authsvc"
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
)

// Config is how ward serve runs.
type Config struct {
	Listen          string        // address to listen on, e.g. 127.0.0.1:8080
	BaseURL         string        // public URL, for single sign-on redirects; https:// makes cookies Secure
	TLSCert, TLSKey string        // serve TLS with this certificate and key
	SessionIdle     time.Duration // sign out after this long without a request (default 30 minutes)
	SessionMax      time.Duration // sign out this long after sign-in, however active (default 12 hours)
	TrustProxy      bool          // take the client address from X-Forwarded-For (behind a load balancer)
	// MetricsToken, when set, is the bearer token /metrics asks for. Without
	// it, and without MetricsListen, /metrics is not served at all.
	MetricsToken string
	// MetricsListen, when set, serves /metrics on this address of its own
	// (e.g. 127.0.0.1:9090) and not on Listen; MetricsToken, if set, is
	// asked for there too.
	MetricsListen string
	Version       string
	OIDC          OIDCConfig
}

// Mount is a handler served under a pattern beside the pages, inside the
// same protections: cross-origin protection, security headers and metrics.
// The handler does its own authentication (the API and TAXII take tokens).
type Mount struct {
	Pattern string
	Handler http.Handler
}

func (c *Config) defaults() {
	if c.SessionIdle == 0 {
		c.SessionIdle = 30 * time.Minute
	}
	if c.SessionMax == 0 {
		c.SessionMax = 12 * time.Hour
	}
	if c.Version == "" {
		c.Version = "dev"
	}
}

// secureCookies: cookies are marked Secure whenever ward is reached over
// HTTPS, directly or through a proxy that says so in its base URL.
func (c *Config) secureCookies() bool { return c.https() }

// https says whether browsers reach ward over HTTPS: ward terminates TLS
// itself, or its base URL is https:// (a TLS proxy in front).
func (c *Config) https() bool {
	return c.TLSCert != "" || strings.HasPrefix(strings.ToLower(c.BaseURL), "https://")
}

// Server is the ward web application.
type Server struct {
	cfg      Config
	now      func() time.Time
	ping     func(context.Context) error
	accounts *accountsvc.Service
	auth     *authsvc.Service
	desk     *desksvc.Service
	posture  *posturesvc.Service
	identity *identitysvc.Service
	warp     *warpsvc.Service
	search   *searchsvc.Service
	walkup   *walkupsvc.Service
	major    *majorsvc.Service
	people   *peoplesvc.Service
	policy   *policysvc.Service
	training *trainingsvc.Service
	phishing *phishingsvc.Service
	log      *slog.Logger
	pages    *pages
	metrics  *metrics
	registry *prometheus.Registry
	oidc     *oidcClient
	mux      *http.ServeMux
	routes   []Route
	// metricsAddr is where MetricsListen was listened on, once Serve has
	// reported ready.
	metricsAddr string
}

// New builds the server and its routes over the services, serving each
// mount beside the pages.
func New(ctx context.Context, cfg Config, svcs *app.Services, log *slog.Logger, mounts ...Mount) (*Server, error) {
	cfg.defaults()
	s := &Server{cfg: cfg, now: svcs.Now, ping: svcs.Ping, log: log, registry: prometheus.NewRegistry(),
		accounts: svcs.Accounts, auth: svcs.Auth, desk: svcs.Desk, posture: svcs.Posture, identity: svcs.Identity, warp: svcs.Warp,
		search: svcs.Search, walkup: svcs.Walkup, major: svcs.Major, people: svcs.People, policy: svcs.Policy, training: svcs.Training, phishing: svcs.Phishing}
	s.registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.metrics = newMetrics(s.registry)
	var err error
	if s.pages, err = loadPages(); err != nil {
		return nil, err
	}
	if cfg.OIDC.Issuer != "" {
		if s.oidc, err = newOIDCClient(ctx, cfg.OIDC); err != nil {
			return nil, fmt.Errorf("single sign-on: %w", err)
		}
	}
	s.mux = http.NewServeMux()
	s.routes = s.pageRoutes()
	for _, rt := range s.routes {
		s.mux.Handle(rt.Method+" "+rt.Path, s.guard(rt))
	}
	for _, m := range mounts {
		s.mux.Handle(m.Pattern, m.Handler)
	}
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /readyz", s.readyz)
	if cfg.MetricsToken != "" && cfg.MetricsListen == "" {
		s.mux.Handle("GET /metrics", s.metricsHandler())
	}
	s.mux.HandleFunc("/", s.notFound)
	return s, nil
}

// Routes lists the page routes, for the test that walks every route as every role.
func (s *Server) Routes() []Route { return s.routes }

// ClientIP is where a request came from, as the audit log records it:
// behind a trusted proxy, the address the proxy saw. Mounted handlers take
// it so that they record the same addresses as the pages.
func (s *Server) ClientIP(r *http.Request) string { return s.clientIP(r) }

// Handler is the whole application with its shared protections.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(s.crossOriginDenied))
	var h http.Handler = s.mux
	h = cop.Handler(h)
	h = s.securityHeaders(h)
	h = s.observe(h)
	return h
}

// Serve listens until ctx is cancelled, then stops taking requests and lets
// those in flight finish (for up to 20 seconds). ready, if not nil, receives
// the address actually listened on; by then MetricsAddr says where metrics
// are served when MetricsListen is set.
func (s *Server) Serve(ctx context.Context, ready chan<- string) error {
	ln, err := net.Listen("tcp", s.cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Listen, err)
	}
	srv := s.httpServer(s.Handler())
	if s.cfg.TLSCert != "" {
		srv.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	var metricsSrv *http.Server
	var metricsLn net.Listener
	if s.cfg.MetricsListen != "" {
		if metricsLn, err = net.Listen("tcp", s.cfg.MetricsListen); err != nil {
			ln.Close()
			return fmt.Errorf("listen for metrics on %s: %w", s.cfg.MetricsListen, err)
		}
		s.metricsAddr = metricsLn.Addr().String()
		metricsSrv = s.httpServer(s.MetricsHandler())
	}
	go s.sweepSessions(ctx)
	errc := make(chan error, 2)
	go func() {
		if s.cfg.TLSCert != "" {
			errc <- srv.ServeTLS(ln, s.cfg.TLSCert, s.cfg.TLSKey)
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	servers := []*http.Server{srv}
	if metricsSrv != nil {
		servers = append(servers, metricsSrv)
		go func() { errc <- metricsSrv.Serve(metricsLn) }()
	}
	if ready != nil {
		ready <- ln.Addr().String()
	}
	var failed error
	select {
	case failed = <-errc:
	case <-ctx.Done():
		s.log.Info("shutting down: finishing requests in flight")
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, hs := range servers {
		if err := hs.Shutdown(shutCtx); err != nil && failed == nil {
			failed = err
		}
	}
	if failed != nil {
		return failed
	}
	for range servers {
		if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	}
	return nil
}

// MetricsAddr is the address metrics are served on when Config.MetricsListen
// is set, once Serve has reported ready; otherwise "".
func (s *Server) MetricsAddr() string { return s.metricsAddr }

func (s *Server) httpServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// sweepSessions removes expired sessions every few minutes, so the table
// holds only live ones.
func (s *Server) sweepSessions(ctx context.Context) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := s.auth.SweepExpiredSessions(ctx); err != nil {
				s.log.Warn("sweep sessions", "err", err)
			} else if n > 0 {
				s.log.Info("swept expired sessions", "count", n)
			}
		}
	}
}

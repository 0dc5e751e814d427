package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/server"
	"github.com/ward-shared-service/ward/internal/service/mailsvc"
	"github.com/ward-shared-service/ward/internal/web"
)

func runServe(e *env, args []string) error {
	fs := e.newFlags("serve", "serve [--listen ADDR] [--demo] [options]")
	listen := fs.String("listen", orDefault(e.getenv("WARD_LISTEN"), "127.0.0.1:8080"), "address to listen on (env WARD_LISTEN)")
	withDemo := fs.Bool("demo", false, "fill an empty database with demo data and print the demo sign-ins")
	scale := fs.Int("demo-scale", 1, "with --demo: grow the demo data this many times, for load tests")
	baseURL := fs.String("base-url", e.getenv("WARD_BASE_URL"), "public URL of ward; https:// makes cookies Secure (env WARD_BASE_URL)")
	cert := fs.String("tls-cert", e.getenv("WARD_TLS_CERT"), "serve TLS with this certificate file (env WARD_TLS_CERT)")
	key := fs.String("tls-key", e.getenv("WARD_TLS_KEY"), "and this key file (env WARD_TLS_KEY)")
	trustProxy := fs.Bool("trust-proxy", e.getenv("WARD_TRUST_PROXY") == "true", "take client addresses from X-Forwarded-For (env WARD_TRUST_PROXY=true)")
	idle := fs.Duration("session-idle", durationEnv(e.getenv("WARD_SESSION_IDLE"), 30*time.Minute), "sign out after this long idle (env WARD_SESSION_IDLE)")
	metricsListen := fs.String("metrics-listen", e.getenv("WARD_METRICS_LISTEN"), "serve /metrics on this address of its own, e.g. 127.0.0.1:9090 (env WARD_METRICS_LISTEN)")
	maxAge := fs.Duration("session-max", durationEnv(e.getenv("WARD_SESSION_MAX"), 12*time.Hour), "sign out this long after sign-in (env WARD_SESSION_MAX)")
	signIn := newSignInFlags(e, fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, only options (got %q)", pos[0])
	}
	throttle, err := signIn.throttle()
	if err != nil {
		return err
	}
	if (*cert == "") != (*key == "") {
		return usagef("--tls-cert and --tls-key go together")
	}
	// The metrics token is read from the environment only, never a flag,
	// so it does not show in the process list.
	metricsToken := e.getenv("WARD_METRICS_TOKEN")
	if metricsToken != "" && len(metricsToken) < minMetricsToken {
		return usagef("WARD_METRICS_TOKEN is %d characters; use at least %d (openssl rand -hex 32 makes one)", len(metricsToken), minMetricsToken)
	}
	serverGC(e.getenv("GOGC"))
	log := slog.New(slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: logLevel(e.getenv("WARD_LOG_LEVEL"))}))
	h, err := e.composeWith(app.Options{SessionIdle: *idle, SessionMax: *maxAge, SignInThrottle: throttle, Log: log})
	if err != nil {
		return err
	}
	defer h.Close()
	if *withDemo {
		if err := seedDemo(e, h, *scale); err != nil {
			return err
		}
	}
	// The WARP e-mails advisories to those who may read them when ward has
	// a mail server; the outbox is sent from here every half minute.
	mailCfg := mailsvc.Config{Addr: e.getenv("WARD_SMTP_ADDR"), From: e.getenv("WARD_SMTP_FROM"), Username: e.getenv("WARD_SMTP_USERNAME"),
		Password: e.getenv("WARD_SMTP_PASSWORD"), Insecure: e.getenv("WARD_SMTP_INSECURE") == "true"}
	// Files on tickets are capped at 10 MiB each unless WARD_ATTACHMENT_MAX_MIB says otherwise.
	if v := e.getenv("WARD_ATTACHMENT_MAX_MIB"); v != "" {
		mib, err := strconv.Atoi(v)
		if err != nil || mib < 1 || mib > 100 {
			return usagef("WARD_ATTACHMENT_MAX_MIB=%q: want a whole number of MiB from 1 to 100", v)
		}
		h.Desk.AttachmentMax = int64(mib) << 20
	}
	h.Major.BaseURL = *baseURL  // links in status page e-mail
	h.Policy.BaseURL = *baseURL // links to accept a policy version
	if mailCfg.Enabled() {
		if err := mailCfg.Check(); err != nil {
			return usagef("%v (WARD_SMTP_ADDR, WARD_SMTP_FROM)", err)
		}
		h.Warp.Notify, h.Warp.BaseURL = true, *baseURL
		h.Desk.Notify, h.Desk.BaseURL = true, *baseURL // callers hear of their tickets
		go h.SendMail(e.ctx, mailCfg, 30*time.Second, log)
		// Policy reminders and escalations are queued hourly, for the
		// sender above to deliver.
		go h.Policy.Run(e.ctx, time.Hour, log)
	}
	// Training falls overdue as days pass, with no import to notice: the
	// findings are brought up to date hourly (or by `ward training check`).
	go h.Training.RunChecks(e.ctx, time.Hour, log)
	cfg := web.Config{
		Listen: *listen, BaseURL: *baseURL, TLSCert: *cert, TLSKey: *key, TrustProxy: *trustProxy,
		MetricsToken: metricsToken, MetricsListen: *metricsListen,
		SessionIdle: *idle, SessionMax: *maxAge, Version: Version,
		OIDC: web.OIDCConfig{
			Issuer: e.getenv("WARD_OIDC_ISSUER"), ClientID: e.getenv("WARD_OIDC_CLIENT_ID"),
			ClientSecret: e.getenv("WARD_OIDC_CLIENT_SECRET"), RedirectURL: e.getenv("WARD_OIDC_REDIRECT_URL"),
			TrustMFA:            e.getenv("WARD_OIDC_TRUST_MFA") == "true",
			AssumeEmailVerified: e.getenv("WARD_OIDC_ASSUME_EMAIL_VERIFIED") == "true",
		},
	}
	srv, err := server.New(e.ctx, cfg, h.Services, log)
	if err != nil {
		return err
	}
	ready := make(chan string, 1)
	go func() {
		addr, ok := <-ready
		if !ok {
			return
		}
		scheme := "http"
		if *cert != "" {
			scheme = "https"
		}
		fmt.Fprintf(e.stdout, "ward %s is listening on %s://%s (database %s)\nsign in at %s://%s/signin\n", Version, scheme, addr, app.Redact(e.location()), scheme, addr)
		switch {
		case *metricsListen != "":
			fmt.Fprintf(e.stdout, "metrics at http://%s/metrics\n", srv.MetricsAddr())
		case metricsToken != "":
			fmt.Fprintf(e.stdout, "metrics at %s://%s/metrics (bearer token WARD_METRICS_TOKEN)\n", scheme, addr)
		}
	}()
	if metricsToken == "" && *metricsListen == "" {
		log.Info("metrics are not served: set WARD_METRICS_TOKEN, or WARD_METRICS_LISTEN for an address of their own")
	}
	log.Info("starting", "listen", *listen, "database", app.Redact(e.location()), "engine", h.Engine(), "version", Version)
	return srv.Serve(e.ctx, ready)
}

func seedDemo(e *env, h *app.Handle, scale int) error {
	progress := newDemoProgress(e.stderr)
	creds, err := h.SeedDemo(e.ctx, demo.Options{Scale: scale, Actor: operator().Actor, Progress: progress.step})
	if errors.Is(err, demo.ErrNotEmpty) {
		fmt.Fprintf(e.stderr, "  the database already has data\n")
		fmt.Fprintf(e.stdout, "The database already has data, so no demo data was added; the demo sign-ins were printed when it was made.\n"+
			"Start again with a new file (--database demo2.db), or give a user a new password: ward user reset-password EMAIL\n\n")
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	progress.done()
	printCredentials(e, creds)
	return nil
}

// printCredentials shows the demo sign-ins, once. Admin, agent and analyst
// must use a second factor: add the TOTP secret to an authenticator app.
func printCredentials(e *env, creds []demo.Credential) {
	fmt.Fprintln(e.stdout, "Demo data created. Demo sign-ins (shown once; only hashes are stored):")
	fmt.Fprintln(e.stdout)
	rows := make([][]string, len(creds))
	for i, c := range creds {
		secret := c.TOTPSecret
		if secret == "" {
			secret = "-"
		}
		rows[i] = []string{string(c.Role), c.Org, c.Email, c.Password, secret}
	}
	_ = list(e.stdout, "table", nil, []string{"ROLE", "ORG", "EMAIL", "PASSWORD", "TOTP-SECRET"}, rows)
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, "Admin, agent and analyst sign in with a second factor: add their TOTP-SECRET to an authenticator app.")
	fmt.Fprintln(e.stdout)
}

func runDemo(e *env, args []string) error {
	fs := e.newFlags("demo", "demo [--scale N] [--tickets N]")
	scale := fs.Int("scale", 1, "grow the demo data this many times, for load tests")
	tickets := fs.Int("tickets", 0, "then add this many tickets over the last year (to a new or an existing demo), for list and report figures")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *tickets < 0 {
		return usagef("demo: --tickets must be 0 or more")
	}
	h, err := e.compose()
	if err != nil {
		return err
	}
	defer h.Close()
	creds, err := h.SeedDemo(e.ctx, demo.Options{Scale: *scale, Actor: operator().Actor})
	switch {
	case errors.Is(err, demo.ErrNotEmpty) && *tickets > 0:
		// An existing demo: add the tickets to it.
	case err != nil:
		return fmt.Errorf("demo: %w", err)
	default:
		printCredentials(e, creds)
	}
	if *tickets == 0 {
		return nil
	}
	start := time.Now()
	err = h.AddDemoTickets(e.ctx, *tickets, func(done int) {
		if done%100000 == 0 || done == *tickets {
			fmt.Fprintf(e.stderr, "added %d of %d tickets (%s)\n", done, *tickets, time.Since(start).Round(time.Second))
		}
	})
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	fmt.Fprintf(e.stdout, "Added %d tickets to the demo councils.\n", *tickets)
	return nil
}

// minMetricsToken is the shortest metrics token ward takes: long enough
// that it cannot be guessed through the port.
const minMetricsToken = 16

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func durationEnv(v string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(v); err == nil && d > 0 {
		return d
	}
	return def
}

func logLevel(v string) slog.Level {
	switch strings.ToLower(v) {
	case "debug":
		return slog.LevelDebug
	case "warn":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	}
	return slog.LevelInfo
}

// serverGC lets the heap grow to five times what is live before collecting,
// unless GOGC is set. A page's garbage is short-lived and the live heap of
// a server is small (tens of MiB), so Go's default of twice live collected
// many times a second under load, a fifth of a list page's CPU.
func serverGC(gogc string) {
	if gogc == "" {
		debug.SetGCPercent(400)
	}
}

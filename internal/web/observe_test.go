package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	wardapp "github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/web"
)

const metricsToken = "metrics-token-for-the-test-0123456789"

// plainServer is a ward page server over an empty SQLite database, with
// the configuration and mounts given, served by httptest over plain HTTP.
func plainServer(t *testing.T, cfg web.Config, log *slog.Logger, mounts ...web.Mount) (*web.Server, *httptest.Server) {
	t.Helper()
	st, _ := storetest.OpenSQLite(t)
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	cfg.Version = "test"
	srv, err := web.New(context.Background(), cfg, wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams}), log, mounts...)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return srv, hs
}

// TestMetricsAreNotServedWithoutATokenOrAnAddress: by default /metrics is
// an ordinary not-found page, and nothing of the metrics shows.
func TestMetricsAreNotServedWithoutATokenOrAnAddress(t *testing.T) {
	_, hs := plainServer(t, web.Config{}, nil)
	c := &http.Client{Timeout: 30 * time.Second}
	do(t, c, "GET", hs.URL+"/healthz", nil, nil)
	res := do(t, c, "GET", hs.URL+"/metrics", nil, nil)
	if res.status != http.StatusNotFound || strings.Contains(res.body, "ward_http_requests_total") {
		t.Errorf("/metrics with no token configured: %d, want 404 and no metrics\n%.300s", res.status, res.body)
	}
}

// TestMetricsNeedTheBearerToken: with WARD_METRICS_TOKEN set, /metrics on
// the main listener answers only that token.
func TestMetricsNeedTheBearerToken(t *testing.T) {
	_, hs := plainServer(t, web.Config{MetricsToken: metricsToken}, nil)
	c := &http.Client{Timeout: 30 * time.Second}
	do(t, c, "GET", hs.URL+"/healthz", nil, nil)
	for name, header := range map[string]map[string]string{
		"no Authorization":      nil,
		"an API-style token":    {"Authorization": "Bearer ward_abc"},
		"the token and more":    {"Authorization": "Bearer " + metricsToken + "x"},
		"the token less a byte": {"Authorization": "Bearer " + metricsToken[:len(metricsToken)-1]},
		"the token, not Bearer": {"Authorization": "Basic " + metricsToken},
		"an empty Bearer":       {"Authorization": "Bearer "},
	} {
		res := do(t, c, "GET", hs.URL+"/metrics", nil, header)
		if res.status != http.StatusUnauthorized || strings.Contains(res.body, "ward_") && strings.Contains(res.body, "_total") {
			t.Errorf("/metrics with %s: %d, want 401 and no metrics\n%.300s", name, res.status, res.body)
		}
		if !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("/metrics with %s: WWW-Authenticate %q, want Bearer", name, res.header.Get("WWW-Authenticate"))
		}
	}
	res := do(t, c, "GET", hs.URL+"/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken})
	if res.status != http.StatusOK {
		t.Fatalf("/metrics with the token: %d", res.status)
	}
	for _, want := range []string{`ward_http_requests_total{code="200",route="GET /healthz"}`, `ward_http_requests_total{code="401",route="GET /metrics"}`, "go_goroutines"} {
		if !strings.Contains(res.body, want) {
			t.Errorf("/metrics with the token lacks %s", want)
		}
	}
}

// TestMetricsOnTheirOwnAddress: with MetricsListen, a real ward serves
// /metrics there and only there, asking for the token when one is set.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	for _, token := range []string{"", metricsToken} {
		name := "without a token"
		if token != "" {
			name = "with a token"
		}
		t.Run(name, func(t *testing.T) {
			st, _ := storetest.OpenSQLite(t)
			srv, err := web.New(context.Background(), web.Config{Listen: "127.0.0.1:0", MetricsListen: "127.0.0.1:0", MetricsToken: token, Version: "test"},
				wardapp.New(st, wardapp.Options{PasswordParams: auth.FastParams}), slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				t.Fatal(err)
			}
			addr, stop := running(t, srv)
			main, metrics := "http://"+addr, "http://"+srv.MetricsAddr()
			if srv.MetricsAddr() == "" || srv.MetricsAddr() == addr {
				t.Fatalf("metrics address %q (main %q)", srv.MetricsAddr(), addr)
			}
			c := &http.Client{Timeout: 30 * time.Second}
			defer c.CloseIdleConnections()
			bearer := map[string]string{"Authorization": "Bearer " + token}

			if res := do(t, c, "GET", main+"/healthz", nil, nil); res.status != http.StatusOK {
				t.Fatalf("/healthz on the main address: %d", res.status)
			}
			if res := do(t, c, "GET", main+"/metrics", nil, bearer); res.status != http.StatusNotFound || strings.Contains(res.body, "ward_http_requests_total") {
				t.Errorf("/metrics on the main address: %d, want 404 there", res.status)
			}
			for _, path := range []string{"/healthz", "/signin", "/api/v1/me"} {
				if res := do(t, c, "GET", metrics+path, nil, nil); res.status != http.StatusNotFound {
					t.Errorf("%s on the metrics address: %d, want 404 (metrics only)", path, res.status)
				}
			}
			if token != "" {
				if res := do(t, c, "GET", metrics+"/metrics", nil, nil); res.status != http.StatusUnauthorized {
					t.Errorf("/metrics on its address without the token: %d, want 401", res.status)
				}
			}
			res := do(t, c, "GET", metrics+"/metrics", nil, bearer)
			if res.status != http.StatusOK || !strings.Contains(res.body, `ward_http_requests_total{code="200",route="GET /healthz"}`) {
				t.Errorf("/metrics on its address: %d, want 200 counting the main address's requests\n%.300s", res.status, res.body)
			}

			stop()
			c.CloseIdleConnections()
			if r, err := c.Get(metrics + "/metrics"); err == nil {
				r.Body.Close()
				t.Errorf("metrics still served after shutdown: %d", r.StatusCode)
			}
		})
	}
}

// TestHSTSFollowsTheBaseURL: behind a TLS proxy ward hears plain HTTP, but
// an https base URL says browsers reach it over HTTPS, so HSTS is sent.
func TestHSTSFollowsTheBaseURL(t *testing.T) {
	for _, tc := range []struct {
		base string
		hsts bool
	}{
		{"https://ward.example", true},
		{"HTTPS://ward.example/", true},
		{"http://ward.example", false},
		{"", false},
	} {
		_, hs := plainServer(t, web.Config{BaseURL: tc.base}, nil)
		c := &http.Client{Timeout: 30 * time.Second}
		for _, path := range []string{"/signin", "/healthz", "/no-such-page"} {
			res := do(t, c, "GET", hs.URL+path, nil, nil)
			got := res.header.Get("Strict-Transport-Security")
			if tc.hsts && !strings.HasPrefix(got, "max-age=63072000") || !tc.hsts && got != "" {
				t.Errorf("base URL %q, plain HTTP %s: Strict-Transport-Security %q, want it %v", tc.base, path, got, tc.hsts)
			}
		}
	}
}

// captured is a slog handler that keeps every record, at every level.
type captured struct {
	mu      sync.Mutex
	records []slog.Record
	added   chan struct{}
}

func newCaptured() *captured { return &captured{added: make(chan struct{}, 1000)} }

func (h *captured) Enabled(context.Context, slog.Level) bool { return true }
func (h *captured) WithAttrs([]slog.Attr) slog.Handler       { return h }
func (h *captured) WithGroup(string) slog.Handler            { return h }
func (h *captured) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	h.records = append(h.records, r.Clone())
	h.mu.Unlock()
	h.added <- struct{}{}
	return nil
}

// requestLines are the request log lines for the route.
func (h *captured) requestLines(route string) []slog.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []slog.Record
	for _, r := range h.records {
		if r.Message == "request" && attr(r, "route") == route {
			out = append(out, r)
		}
	}
	return out
}

// waitFor blocks until a request line for the route has been logged.
func (h *captured) waitFor(t *testing.T, route string) slog.Record {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		if lines := h.requestLines(route); len(lines) > 0 {
			return lines[0]
		}
		select {
		case <-h.added:
		case <-deadline:
			t.Fatalf("no request line for %s", route)
		}
	}
}

func attr(r slog.Record, key string) string {
	var v string
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == key {
			v = a.Value.String()
			return false
		}
		return true
	})
	return v
}

// TestHealthChecksAreLoggedAtDebug: a load balancer's checks and a
// Prometheus scrape write nothing at INFO; an ordinary page still does.
func TestHealthChecksAreLoggedAtDebug(t *testing.T) {
	logs := newCaptured()
	_, hs := plainServer(t, web.Config{MetricsToken: metricsToken}, slog.New(logs))
	c := &http.Client{Timeout: 30 * time.Second}
	for _, path := range []string{"/healthz", "/readyz", "/signin"} {
		if res := do(t, c, "GET", hs.URL+path, nil, nil); res.status != http.StatusOK {
			t.Fatalf("%s: %d", path, res.status)
		}
	}
	if res := do(t, c, "GET", hs.URL+"/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken}); res.status != http.StatusOK {
		t.Fatalf("/metrics: %d", res.status)
	}
	for _, route := range []string{"GET /healthz", "GET /readyz", "GET /metrics"} {
		lines := logs.requestLines(route)
		if len(lines) != 1 || lines[0].Level != slog.LevelDebug {
			t.Errorf("%s: %d request lines, want one at DEBUG", route, len(lines))
		}
		for _, l := range lines {
			if l.Level >= slog.LevelInfo {
				t.Errorf("%s logged at %s", route, l.Level)
			}
		}
	}
	if lines := logs.requestLines("GET /signin"); len(lines) != 1 || lines[0].Level != slog.LevelInfo {
		t.Errorf("GET /signin: %d request lines, want one at INFO", len(lines))
	}
	// A refused scrape is news: it is logged at INFO.
	do(t, c, "GET", hs.URL+"/metrics", nil, nil)
	if lines := logs.requestLines("GET /metrics"); len(lines) != 2 || lines[1].Level != slog.LevelInfo || attr(lines[1], "status") != "401" {
		t.Errorf("refused /metrics: want a second line, 401 at INFO; got %d lines", len(lines))
	}
}

// TestAbandonedRequestIsLogged499: a client that goes away before the
// answer is logged and counted as 499, not as a 500 server error, even
// when the handler answers its cancelled context with a 500 (as a store
// call does).
func TestAbandonedRequestIsLogged499(t *testing.T) {
	logs := newCaptured()
	entered := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-r.Context().Done()
		http.Error(w, r.Context().Err().Error(), http.StatusInternalServerError)
	})
	_, hs := plainServer(t, web.Config{MetricsToken: metricsToken}, slog.New(logs), web.Mount{Pattern: "GET /slow", Handler: slow})

	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", hs.URL+"/slow", nil)
	errc := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		errc <- err
	}()
	select {
	case <-entered:
	case <-time.After(30 * time.Second):
		t.Fatal("the request never reached the handler")
	}
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("the abandoned request was answered")
	}
	line := logs.waitFor(t, "GET /slow")
	if got := attr(line, "status"); got != "499" || line.Level != slog.LevelInfo {
		t.Errorf("abandoned request logged as %s at %s, want 499 at INFO", got, line.Level)
	}
	logs.mu.Lock()
	for _, r := range logs.records {
		if r.Level >= slog.LevelError {
			t.Errorf("an abandoned request logged an error: %s %v", r.Message, r)
		}
	}
	logs.mu.Unlock()

	// An answered request on the same route is still what it was.
	c := &http.Client{Timeout: 30 * time.Second}
	res := do(t, c, "GET", hs.URL+"/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken})
	if !strings.Contains(res.body, `ward_http_requests_total{code="499",route="GET /slow"} 1`) {
		t.Errorf("metrics do not count the abandoned request as 499")
	}
	if strings.Contains(res.body, `code="500"`) {
		t.Errorf("metrics count a server error for an abandoned request")
	}
}

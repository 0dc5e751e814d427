package web

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// contentSecurityPolicy allows nothing but ward's own files: no inline
// script or style, no framing, forms post only to ward.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
	"connect-src 'self'; manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		// Behind a TLS proxy ward hears plain HTTP, but browsers reached it
		// over HTTPS: the base URL says so.
		if s.cfg.https() || r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			// Pages carry tenant data: never keep them in a shared or browser cache.
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	signins  *prometheus.CounterVec
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_http_requests_total", Help: "HTTP requests by route and status code."}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "ward_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: prometheus.DefBuckets}, []string{"route"}),
		signins:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ward_signins_total", Help: "Sign-in attempts by outcome."}, []string{"outcome"}),
	}
	reg.MustRegister(m.requests, m.duration, m.signins)
	return m
}

// metricsHandler is the Prometheus scrape, asking for the bearer token
// when one is configured. The token is compared as a SHA-256 digest in
// constant time, so neither its bytes nor its length leak through timing.
func (s *Server) metricsHandler() http.Handler {
	scrape := promhttp.HandlerFor(s.registry, promhttp.HandlerOpts{})
	if s.cfg.MetricsToken == "" {
		return scrape
	}
	want := sha256.Sum256([]byte(s.cfg.MetricsToken))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if !ok || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="ward metrics"`)
			http.Error(w, "metrics need the bearer token set in WARD_METRICS_TOKEN", http.StatusUnauthorized)
			return
		}
		scrape.ServeHTTP(w, r)
	})
}

// MetricsHandler is what the metrics address serves (Config.MetricsListen):
// /metrics alone, logged and counted as every request is.
func (s *Server) MetricsHandler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.metricsHandler())
	return s.observe(mux)
}

// statusClientClosed is the status a request is logged and counted with
// when its client went away before the answer: nginx's 499. It is never
// sent (nobody is listening), and it is not a server error.
const statusClientClosed = 499

// quietRoutes are asked for every few seconds by load balancers,
// Prometheus and the walk-up queue screens (a meta refresh): when they
// succeed they are logged at DEBUG, not INFO.
var quietRoutes = map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /metrics": true,
	"GET /walkup/screen/{token}": true}

type statusRecorder struct {
	http.ResponseWriter
	ctx    context.Context
	status int
	// gone: the client had already gone when the answer's status was set.
	gone bool
}

func (r *statusRecorder) setStatus(code int) {
	if r.status == 0 {
		r.status = code
		r.gone = r.ctx.Err() != nil
	}
}

func (r *statusRecorder) WriteHeader(code int) {
	r.setStatus(code)
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.setStatus(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// observe logs every request as one structured line, counts it by route
// pattern (never by raw path, which would leak slugs into metrics), and turns
// a panic into a 500 rather than a dropped connection. A request whose
// client went away before it was answered is logged and counted as 499,
// whatever the handler made of its cancelled context.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, ctx: r.Context()}
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("panic serving request", "path", r.URL.Path, "panic", p)
				if rec.status == 0 {
					http.Error(rec, "Internal server error", http.StatusInternalServerError)
				}
			}
			if rec.status == 0 {
				rec.setStatus(http.StatusOK)
			}
			status := rec.status
			if rec.gone {
				status = statusClientClosed
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			elapsed := time.Since(start)
			s.metrics.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
			s.metrics.duration.WithLabelValues(route).Observe(elapsed.Seconds())
			level := slog.LevelInfo
			switch {
			case status == statusClientClosed:
			case status >= 500:
				level = slog.LevelError
			case status < 400 && quietRoutes[route]:
				level = slog.LevelDebug
			}
			s.log.Log(context.WithoutCancel(r.Context()), level, "request", "method", r.Method, "route", route, "status", status,
				"duration_ms", float64(elapsed.Microseconds())/1000, "ip", s.clientIP(r))
		}()
		next.ServeHTTP(rec, r)
	})
}

// clientIP is the caller's address; behind a trusted proxy, the last address
// the proxy added to X-Forwarded-For.
func (s *Server) clientIP(r *http.Request) string {
	if s.cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) crossOriginDenied(w http.ResponseWriter, r *http.Request) {
	s.log.Warn("cross-origin request refused", "method", r.Method, "path", r.URL.Path, "origin", r.Header.Get("Origin"), "sec_fetch_site", r.Header.Get("Sec-Fetch-Site"))
	if strings.HasPrefix(r.URL.Path, "/api/") {
		http.Error(w, "cross-origin request refused", http.StatusForbidden)
		return
	}
	s.errorPage(w, r, http.StatusForbidden, "This form was sent from another website, so ward refused it. Go back to ward and try again.")
}

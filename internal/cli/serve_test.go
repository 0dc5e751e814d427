package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/cli"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// lines is a writer a running ward prints to while the test reads it.
type lines struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	more chan struct{}
}

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := l.buf.Write(p)
	select {
	case l.more <- struct{}{}:
	default:
	}
	return n, err
}

// waitFor blocks until the output matches re, and returns the submatches.
func (l *lines) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		l.mu.Lock()
		m := re.FindStringSubmatch(l.buf.String())
		out := l.buf.String()
		l.mu.Unlock()
		if m != nil {
			return m
		}
		select {
		case <-l.more:
		case <-deadline:
			t.Fatalf("ward serve never printed %s; it printed:\n%s", re, out)
		}
	}
}

// TestServeMetricsTokenAndAddressFromTheEnvironment runs ward serve with
// WARD_METRICS_LISTEN and WARD_METRICS_TOKEN: metrics are served on their
// own address, to the token only, and not on the main one.
func TestServeMetricsTokenAndAddressFromTheEnvironment(t *testing.T) {
	_, db := storetest.OpenSQLite(t)
	token := "0123456789abcdef0123456789abcdef"
	env := map[string]string{"WARD_METRICS_LISTEN": "127.0.0.1:0", "WARD_METRICS_TOKEN": token}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lines{more: make(chan struct{}, 1)}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"--database", db, "serve", "--listen", "127.0.0.1:0"}, strings.NewReader(""), out, io.Discard, func(k string) string { return env[k] })
	}()
	main := out.waitFor(t, regexp.MustCompile(`listening on (http://[0-9.:]+)`))[1]
	metrics := out.waitFor(t, regexp.MustCompile(`metrics at (http://[0-9.:]+)/metrics`))[1]
	if metrics == main {
		t.Fatalf("metrics on the main address %s", main)
	}
	c := &http.Client{Timeout: 30 * time.Second}
	defer c.CloseIdleConnections()
	get := func(url, bearer string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	if code, _ := get(main+"/healthz", ""); code != http.StatusOK {
		t.Fatalf("/healthz: %d", code)
	}
	if code, _ := get(main+"/metrics", token); code != http.StatusNotFound {
		t.Errorf("/metrics on the main address: %d, want 404", code)
	}
	if code, _ := get(metrics+"/metrics", ""); code != http.StatusUnauthorized {
		t.Errorf("/metrics without the token: %d, want 401", code)
	}
	if code, body := get(metrics+"/metrics", token); code != http.StatusOK || !strings.Contains(body, `route="GET /healthz"`) {
		t.Errorf("/metrics with the token: %d, want 200 counting /healthz", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("ward serve exited %d after its context ended, want 0", code)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("ward serve did not stop")
	}
}

// TestServeRefusesAShortMetricsToken: a guessable token is a usage error
// before anything listens.
func TestServeRefusesAShortMetricsToken(t *testing.T) {
	_, db := storetest.OpenSQLite(t)
	var stderr bytes.Buffer
	env := func(k string) string {
		if k == "WARD_METRICS_TOKEN" {
			return "short"
		}
		return ""
	}
	code := cli.Main(context.Background(), []string{"--database", db, "serve", "--listen", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, &stderr, env)
	if code != 2 || !strings.Contains(stderr.String(), "WARD_METRICS_TOKEN") {
		t.Errorf("exit %d, stderr %q; want 2 naming WARD_METRICS_TOKEN", code, stderr.String())
	}
}

package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/cli"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// The sign-in pacing ward serve is given from the environment and flags is
// the pacing its sign-in page applies: with one free failure per address,
// the second attempt waits the back-off, said in Retry-After.
func TestServeTakesSignInPacingFromTheEnvironmentAndFlags(t *testing.T) {
	_, db := storetest.OpenSQLite(t)
	env := map[string]string{"WARD_SIGNIN_ADDRESS_FAILURES": "1", "WARD_SIGNIN_BACKOFF": "7s"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lines{more: make(chan struct{}, 1)}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"--database", db, "serve", "--listen", "127.0.0.1:0", "--signin-max-backoff", "1m"},
			strings.NewReader(""), out, io.Discard, func(k string) string { return env[k] })
	}()
	base := out.waitFor(t, regexp.MustCompile(`listening on (http://[0-9.:]+)`))[1]
	c := &http.Client{Timeout: 60 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	defer c.CloseIdleConnections()
	post := func() *http.Response {
		t.Helper()
		res, err := c.PostForm(base+"/signin", url.Values{"email": {"nobody@example.org"}, "password": {"a guess"}})
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res
	}
	if res := post(); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("first wrong sign-in: %d, want 401", res.StatusCode)
	}
	if res := post(); res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") != "7" {
		t.Errorf("second wrong sign-in: %d, Retry-After %q; want 429 and 7", res.StatusCode, res.Header.Get("Retry-After"))
	}
	cancel()
	<-done
}

// A pacing setting that is not a number, or that cannot work, stops ward
// serve with a usage error naming it, before anything listens.
func TestServeRefusesBadSignInPacing(t *testing.T) {
	_, db := storetest.OpenSQLite(t)
	for _, c := range []struct {
		env  map[string]string
		args []string
		want string
	}{
		{map[string]string{"WARD_SIGNIN_ACCOUNT_FAILURES": "ten"}, nil, "WARD_SIGNIN_ACCOUNT_FAILURES"},
		{map[string]string{"WARD_SIGNIN_BACKOFF": "soon"}, nil, "WARD_SIGNIN_BACKOFF"},
		{nil, []string{"--signin-address-failures", "0"}, "--signin-address-failures"},
		{map[string]string{"WARD_SIGNIN_BACKOFF": "10m"}, nil, "--signin-max-backoff"},
	} {
		var stderr bytes.Buffer
		args := append([]string{"--database", db, "serve", "--listen", "127.0.0.1:0"}, c.args...)
		code := cli.Main(context.Background(), args, strings.NewReader(""), io.Discard, &stderr, func(k string) string { return c.env[k] })
		if code != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%v %v: exit %d, stderr %q; want 2 naming %s", c.env, c.args, code, stderr.String(), c.want)
		}
	}
}

package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/web"
)

// running serves srv as ward serve does, until stop is called, and gives
// the address it listens on. stop cancels the server's context and fails
// the test unless Serve returns, without error, within a minute: a
// graceful shutdown.
func running(t *testing.T, srv *web.Server) (addr string, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ready) }()
	select {
	case addr = <-ready:
	case err := <-served:
		t.Fatalf("Serve returned before it was ready: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("Serve did not report its address")
	}
	return addr, func() {
		t.Helper()
		cancel()
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve after cancel: %v, want nil (graceful shutdown)", err)
			}
		case <-time.After(60 * time.Second):
			t.Fatal("Serve did not return within a minute of its context being cancelled")
		}
	}
}

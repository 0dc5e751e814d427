package web

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestServerErrorLeavesAnAbandonedRequestToObserve: a handler whose store
// call failed because the client went away logs nothing at INFO or above
// and answers nothing; observe logs the request as 499.
func TestServerErrorLeavesAnAbandonedRequestToObserve(t *testing.T) {
	var log bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&log, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	s.serverError(w, httptest.NewRequest(http.MethodGet, "/tickets", nil).WithContext(ctx), fmt.Errorf("list tickets: %w", context.Canceled))
	if log.Len() != 0 || w.Body.Len() != 0 || w.Code == http.StatusInternalServerError {
		t.Errorf("abandoned request: %d %q, log %q; want no answer and nothing logged at INFO", w.Code, w.Body, log.String())
	}
}

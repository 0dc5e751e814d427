package taxii

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFailedLeavesAnAbandonedRequestToTheServer: when the client has gone
// and the request failed for it (a cancelled query), nothing is logged at
// INFO or above and nothing is answered; the server logs the request as
// 499. With the client still there, the same error is a logged 500.
func TestFailedLeavesAnAbandonedRequestToTheServer(t *testing.T) {
	var log bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&log, nil))}
	err := fmt.Errorf("list objects: %w", context.Canceled)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	s.failed(w, httptest.NewRequest(http.MethodGet, "/taxii2/", nil).WithContext(ctx), err)
	if log.Len() != 0 || w.Body.Len() != 0 || w.Code == http.StatusInternalServerError {
		t.Errorf("abandoned request: %d %q, log %q; want no answer and nothing logged at INFO", w.Code, w.Body, log.String())
	}

	w = httptest.NewRecorder()
	s.failed(w, httptest.NewRequest(http.MethodGet, "/taxii2/", nil), err)
	if w.Code != http.StatusInternalServerError || !strings.Contains(log.String(), "level=ERROR") {
		t.Errorf("failed request, client still there: %d, log %q; want a logged 500", w.Code, log.String())
	}
}

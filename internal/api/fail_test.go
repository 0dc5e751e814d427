package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
)

// TestFailGivesEachKindOneStatus is the table behind the API's one mapping:
// a fault's kind picks the status, its safe message is the detail, and
// neither an internal error's text nor a fault's cause reaches the client,
// while both reach the log.
func TestFailGivesEachKindOneStatus(t *testing.T) {
	secret := errors.New(`pq: relation "users" does not exist`)
	badRow := &inventory.RowError{File: "devices.csv", Line: 3, Column: "last_seen", Reason: `"31/02/2026" is not a date`}
	tests := []struct {
		name   string
		err    error
		status int
		detail string
		field  string
		logged bool
	}{
		{"not found", fault.NotFound("no ticket INC-1 in ashcombe"), 404, "No ticket INC-1 in ashcombe", "", false},
		{"forbidden", fault.Forbidden("your role does not allow this"), 403, "Your role does not allow this", "", false},
		{"invalid", fmt.Errorf("create user: %w", fault.Invalid("email", "enter an email address")), 422, "Enter an email address", "email", false},
		{"conflict", fault.Conflict("the slug is taken").On("slug"), 409, "The slug is taken", "slug", false},
		{"a fault's cause is logged, not shown", fault.Conflict("could not save the ticket").Because(secret), 409, "Could not save the ticket", "", true},
		{"a bad value in a file is invalid, with its line", fmt.Errorf("import: %w", badRow), 422, badRow.Error(), "", false},
		{"anything else", fmt.Errorf("list users: %w", secret), 500, "The request failed on the server; it has been logged.", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var log bytes.Buffer
			a := &API{log: slog.New(slog.NewTextHandler(&log, nil))}
			w := httptest.NewRecorder()
			a.fail(w, httptest.NewRequest(http.MethodGet, "/api/v1/users", nil), tc.err)
			var p Problem
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatalf("not a problem document: %v: %s", err, w.Body)
			}
			if w.Code != tc.status || p.Status != tc.status || w.Header().Get("Content-Type") != "application/problem+json" || p.Detail != tc.detail {
				t.Errorf("%d %q %+v, want %d with detail %q", w.Code, w.Header().Get("Content-Type"), p, tc.status, tc.detail)
			}
			if (tc.field == "") != (len(p.Errors) == 0) || tc.field != "" && p.Errors[0].Field != tc.field {
				t.Errorf("errors %+v, want the field %q", p.Errors, tc.field)
			}
			if strings.Contains(w.Body.String(), "pq:") {
				t.Errorf("the cause reached the client: %s", w.Body)
			}
			if got := strings.Contains(log.String(), "pq:"); got != tc.logged {
				t.Errorf("cause in the log: %v, want %v: %s", got, tc.logged, log.String())
			}
		})
	}
}

// TestFailLeavesAnAbandonedRequestToTheServer: when the client has gone
// and the request failed for it (a cancelled query), that is no server
// error: nothing is logged at INFO or above and nothing is answered, and
// the server logs the request as 499. A refusal is answered as ever.
func TestFailLeavesAnAbandonedRequestToTheServer(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest(http.MethodGet, "/api/v1/users", nil).WithContext(ctx)

	var log bytes.Buffer
	a := &API{log: slog.New(slog.NewTextHandler(&log, nil))}
	w := httptest.NewRecorder()
	a.fail(w, r, fmt.Errorf("list users: %w", context.Canceled))
	if log.Len() != 0 || w.Body.Len() != 0 || w.Code == http.StatusInternalServerError {
		t.Errorf("abandoned request: %d %q, log %q; want no answer and nothing logged at INFO", w.Code, w.Body, log.String())
	}

	w = httptest.NewRecorder()
	a.fail(w, r, fault.NotFound("no such user"))
	if w.Code != http.StatusNotFound {
		t.Errorf("a refusal of an abandoned request: %d, want 404 as ever", w.Code)
	}
}

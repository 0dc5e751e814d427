package httpin_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// FuzzPhoneHook: whatever body and headers reach the phone webhook, signed
// or not, it answers with a problem document or a ticket, never a panic or
// a 500: an unsigned call is 401, a signed one that is not a phone event is
// 400 or 422. The body is signed with the org's secret when sign is set, so
// the fuzzer reaches the JSON and the event checks behind the signature.
func FuzzPhoneHook(f *testing.F) {
	for _, b := range []string{
		`{"event":"call.started","call_id":"c-1","caller":"+44 1632 960001","at":"2026-03-01T11:59:00Z"}`,
		`{"event":"call.answered","call_id":"c-1","agent":"Ann"}`,
		`{"event":"call.ended","call_id":"c-1","at":"9999-12-31T23:59:59Z","extra":[1,2]}`,
		`{"event":"call.queued","call_id":"c-4","queue":"Service desk","at":"2026-03-01T11:58:00Z"}`,
		`{"event":"call.transferred","call_id":"c-4","agent":"Ann","to":"Second line"}`,
		`{"event":"call.abandoned","call_id":"c-5"}`, `{"event":"call.answered","call_id":"c-5","agent":"` + strings.Repeat("é", 300) + `"}`,
		`{"event":"call.exploded","call_id":"c-2"}`, `{"event":"call.started","call_id":"   "}`,
		`{"at":"yesterday"}`, `[]`, `null`, `{`, "\xff", "",
	} {
		f.Add([]byte(b), "", "", true)
	}
	f.Add([]byte(`{"event":"call.started","call_id":"c-3"}`), "1772366400", "sha256=00", false)
	f.Add([]byte(`{}`), "-9223372036854775808", "", false)

	s, _ := storetest.OpenSQLite(f)
	ctx := context.Background()
	org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	desk := desksvc.New(s)
	secret, err := desk.NewPhoneSecret(ctx, tenancy.Operator("cli:fuzz"), org.ID)
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("POST /hooks/phone/{slug}", httpin.PhoneHook(desk, slog.New(slog.NewTextHandler(io.Discard, nil)),
		func(*http.Request) string { return "192.0.2.1" }))

	f.Fuzz(func(t *testing.T, body []byte, timestamp, signature string, sign bool) {
		if sign {
			timestamp = strconv.FormatInt(now.Unix(), 10)
			signature = desksvc.Sign(secret, timestamp, body)
		}
		req := httptest.NewRequest(http.MethodPost, "/hooks/phone/ashcombe", bytes.NewReader(body))
		req.Header.Set("X-Ward-Timestamp", timestamp)
		req.Header.Set("X-Ward-Signature", signature)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusCreated:
			var answer struct {
				Ticket string `json:"ticket"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil || answer.Ticket == "" {
				t.Fatalf("%d without a ticket: %s", rec.Code, rec.Body)
			}
			return
		case http.StatusRequestEntityTooLarge: // read before the signature is checked
		case http.StatusBadRequest, http.StatusUnprocessableEntity:
			if !sign {
				t.Fatalf("an unsigned call was read: %d %s", rec.Code, rec.Body)
			}
		case http.StatusUnauthorized:
			if sign {
				t.Fatalf("a signed call was refused: %s", rec.Body)
			}
		default:
			t.Fatalf("answered %d: %s", rec.Code, rec.Body)
		}
		var problem struct {
			Title  string `json:"title"`
			Status int    `json:"status"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &problem); err != nil || problem.Status != rec.Code || problem.Title == "" {
			t.Fatalf("%d with an ill-formed problem document: %s", rec.Code, rec.Body)
		}
	})
}

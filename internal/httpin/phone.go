package httpin

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// phoneBodyLimit caps a phone system call: an event is a few hundred bytes.
const phoneBodyLimit = 64 << 10

// PhoneHook takes an event from an org's phone system at
// POST /hooks/phone/{slug}. It is not under the token guard: the phone
// system signs each call with the org's webhook secret (X-Ward-Timestamp,
// X-Ward-Signature: sha256=HMAC(secret, timestamp "." body)). An unknown org,
// an org without a secret, and a missing, wrong or stale signature all get
// the same 401, so a caller learns nothing about which orgs exist. Each
// signed call is accepted once: the same signed request again, within its
// five minutes, is answered 200 with the first's ticket and writes nothing.
// Its answers are JSON, as the API's are: a phone system is a script.
func PhoneHook(desk *desksvc.Service, log *slog.Logger, clientIP func(*http.Request) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, phoneBodyLimit))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				problem(w, http.StatusRequestEntityTooLarge, "Request too large", "A phone event is at most 64 KiB.", nil)
				return
			}
			problem(w, http.StatusBadRequest, "Unreadable body", err.Error(), nil)
			return
		}
		ctx := r.Context()
		call, err := desk.PhoneCall(ctx, r.PathValue("slug"), r.Header.Get("X-Ward-Timestamp"), r.Header.Get("X-Ward-Signature"), body)
		if err != nil {
			log.Warn("phone webhook refused", "slug", r.PathValue("slug"), "ip", clientIP(r))
			problem(w, http.StatusUnauthorized, "Not signed", "Sign the body with the org's phone webhook secret: "+
				"X-Ward-Timestamp (Unix seconds) and X-Ward-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + body) in hex. "+
				"The timestamp must be within five minutes of now.", nil)
			return
		}
		// Unknown fields are ignored: phone systems add to their payloads, and
		// the signature already proves who sent it.
		var ev desksvc.PhoneEvent
		if err := json.Unmarshal(body, &ev); err != nil {
			problem(w, http.StatusBadRequest, "Unreadable JSON body", err.Error(), nil)
			return
		}
		answer, err := desk.Phone(ctx, tenancy.Hook(desksvc.PhoneHook, call.OrgID), call, ev)
		switch bad := fault.As(err); {
		case bad != nil && bad.Kind == fault.KindInvalid:
			// One status per kind, as the API answers it.
			problem(w, http.StatusUnprocessableEntity, "Invalid phone event", bad.Message, &FieldError{Field: bad.Field, Detail: bad.Message})
			return
		case err != nil:
			log.Error("phone webhook failed", "slug", r.PathValue("slug"), "err", err)
			problem(w, http.StatusInternalServerError, "Internal error", "The request failed on the server; it has been logged.", nil)
			return
		}
		// A repeat of a call already accepted (a retry, or a replay) is
		// answered 200 with the same ticket, and wrote nothing.
		status := http.StatusOK
		if answer.Created {
			status = http.StatusCreated
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(map[string]any{"ticket": answer.Ticket.Ref, "created": answer.Created, "repeat": answer.Repeat})
	}
}

// problem answers the phone system with an RFC 9457 problem document, in
// the same shape as the API's.
func problem(w http.ResponseWriter, status int, title, detail string, field *FieldError) {
	type fieldDoc struct {
		Field  string `json:"field"`
		Detail string `json:"detail"`
	}
	doc := struct {
		Type   string     `json:"type"`
		Title  string     `json:"title"`
		Status int        `json:"status"`
		Detail string     `json:"detail,omitempty"`
		Errors []fieldDoc `json:"errors,omitempty"`
	}{Type: "about:blank", Title: title, Status: status, Detail: detail}
	if field != nil {
		doc.Errors = []fieldDoc{{field.Field, field.Detail}}
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(doc)
}

package api

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/ward-shared-service/ward/internal/servicedesk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

var decoySecret = rand.Text()

// phoneBodyLimit caps a phone system call: an event is a few hundred bytes.
const phoneBodyLimit = 64 << 10

// PhoneHook takes an event from an org's phone system at
// POST /hooks/phone/{slug}. It is not under the token guard: the phone
// system signs each call with the org's webhook secret (X-Ward-Timestamp,
// X-Ward-Signature: sha256=HMAC(secret, timestamp "." body)). An unknown org,
// an org without a secret, and a missing, wrong or stale signature all get
// the same 401, so a caller learns nothing about which orgs exist.
func (a *API) PhoneHook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, phoneBodyLimit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem(w, http.StatusRequestEntityTooLarge, "Request too large", "A phone event is at most 64 KiB.")
			return
		}
		problem(w, http.StatusBadRequest, "Unreadable body", err.Error())
		return
	}
	ctx := r.Context()
	secret := ""
	var orgID int64
	// The hook acts for the org its URL names, before anyone is known.
	if org, err := a.store.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobInboundWebhook), r.PathValue("slug")); err == nil {
		orgID = org.ID
		if secret, err = a.store.WebhookSecret(ctx, tenancy.Hook(servicedesk.PhoneHook, org.ID).Scope, org.ID, servicedesk.PhoneHook); err != nil {
			secret = ""
		}
	}
	if secret == "" {
		// Check against a secret nobody holds, so an unknown org costs the
		// same as a wrong signature.
		secret = decoySecret
	}
	if err := servicedesk.VerifySignature(secret, r.Header.Get("X-Ward-Timestamp"), r.Header.Get("X-Ward-Signature"), body, a.store.Now()); err != nil {
		a.log.Warn("phone webhook refused", "slug", r.PathValue("slug"), "ip", a.clientIP(r))
		problem(w, http.StatusUnauthorized, "Not signed", "Sign the body with the org's phone webhook secret: "+
			"X-Ward-Timestamp (Unix seconds) and X-Ward-Signature: sha256=HMAC-SHA256(secret, timestamp + \".\" + body) in hex. "+
			"The timestamp must be within five minutes of now.")
		return
	}
	// Unknown fields are ignored: phone systems add to their payloads, and
	// the signature already proves who sent it.
	var ev servicedesk.PhoneEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		problem(w, http.StatusBadRequest, "Unreadable JSON body", err.Error())
		return
	}
	t, created, err := a.desk.Phone(ctx, tenancy.Hook(servicedesk.PhoneHook, orgID), ev)
	var bad *servicedesk.InvalidError
	switch {
	case errors.As(err, &bad):
		problem(w, http.StatusBadRequest, "Invalid phone event", bad.Message, FieldError{Field: bad.Field, Detail: bad.Message})
		return
	case err != nil:
		a.internal(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"ticket": t.Ref, "created": created})
}

package taxii

import (
	"encoding/json"
	"net/http"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// addObjects takes an envelope of STIX objects into a collection the
// caller's org may publish in, and answers 202 with the status, which
// stays readable at /taxii2/warp/status/{id}/. The import runs while the
// client waits, so the status is already complete; it is recorded (and
// audited, as warp.import) by the sharing service.
func (s *Server) addObjects(w http.ResponseWriter, r *http.Request, p tenancy.Principal) {
	if !taxiiContent(r.Header.Get("Content-Type")) {
		fail(w, http.StatusUnsupportedMediaType, "Unsupported media type", "Post an envelope as "+MediaType+".")
		return
	}
	data, ok := envelopeBody(w, r)
	if !ok {
		return
	}
	var env struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		fail(w, http.StatusBadRequest, "Bad request", "The body is not a TAXII envelope: "+err.Error())
		return
	}
	st, err := s.warp.TAXIIAdd(r.Context(), p, r.PathValue("id"), env.Objects)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	respond(w, http.StatusAccepted, statusOf(st))
}

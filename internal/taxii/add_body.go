package taxii

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/stix"
)

// envelopeBody reads a posted envelope within every bound before anything
// decodes it: at most MaxContentLength bytes as sent and, when it comes
// gzip-encoded, as it expands (and no more than bounded.MaxRatio times);
// then a string at most stix.MaxStringBytes and nesting at most
// stix.MaxDepth, the bounds of any STIX document. A refusal is answered
// here, as a TAXII error: 413 for a body too large, 415 for an encoding
// other than gzip, 422 for a value or nesting past its bound, as TAXII 2.1
// answers a payload it cannot process; false then.
func envelopeBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body := io.Reader(http.MaxBytesReader(w, r.Body, MaxContentLength))
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		z, err := bounded.Gzip(body)
		if err != nil {
			fail(w, http.StatusBadRequest, "Bad request", "The body is sent as gzip but is not gzip: "+err.Error())
			return nil, false
		}
		body = io.LimitReader(z, MaxContentLength+1)
	default:
		fail(w, http.StatusUnsupportedMediaType, "Unsupported content encoding", "Post an envelope as it is or gzip-encoded, not "+enc+".")
		return nil, false
	}
	data, err := io.ReadAll(body)
	var tooBig *http.MaxBytesError
	var limit *bounded.LimitError
	switch {
	case errors.As(err, &tooBig) || err == nil && len(data) > MaxContentLength:
		fail(w, http.StatusRequestEntityTooLarge, "Too large", "An envelope may be at most max_content_length bytes (see the API root), gzipped or not; post the objects in several.")
		return nil, false
	case errors.As(err, &limit):
		fail(w, http.StatusRequestEntityTooLarge, "Too large", "The gzip-encoded envelope was "+limit.Error()+".")
		return nil, false
	case err != nil:
		fail(w, http.StatusBadRequest, "Bad request", "The body could not be read: "+err.Error())
		return nil, false
	}
	err = bounded.CheckJSON(data, stix.MaxStringBytes, stix.MaxDepth)
	var jsonLimit *bounded.JSONLimitError
	switch {
	case errors.As(err, &jsonLimit):
		fail(w, http.StatusUnprocessableEntity, "Unprocessable envelope", fmt.Sprintf("The envelope was %s; nothing was added.", jsonLimit.Error()))
		return nil, false
	case err != nil:
		fail(w, http.StatusBadRequest, "Bad request", "The body is not a TAXII envelope: "+err.Error())
		return nil, false
	}
	return data, true
}

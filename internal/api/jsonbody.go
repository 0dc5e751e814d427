package api

import (
	"bytes"
	"errors"
	"io"
	"net/http"

	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// decode reads a JSON body strictly: unknown fields are an error, so a typo
// in a script is reported rather than silently ignored. It answers a body
// it cannot take, and says false then.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := decodeBody(r.Body, v, false); err != nil {
		badBody(w, err)
		return false
	}
	return true
}

// decodeOptional reads a JSON body strictly, if there is one.
func decodeOptional(r *http.Request, v any) error { return decodeBody(r.Body, v, true) }

// decodeBody reads the whole body (the route's MaxBody bounds it, 1 MiB
// for JSON), refuses a string longer than bounded.MaxJSONString or
// nesting deeper than bounded.MaxJSONDepth before anything is built from
// it, then decodes it strictly, refusing text that is not UTF-8 by its path. With optional, an empty body is no error.
func decodeBody(body io.Reader, v any, optional bool) error {
	data, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	if optional && len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := bounded.CheckJSON(data, bounded.MaxJSONString, bounded.MaxJSONDepth); err != nil {
		return err
	}
	return httpin.DecodeJSON(bytes.NewReader(data), v)
}

// badBody answers a JSON body decodeBody refused: 413 past the route's
// size, a 422 naming the JSON path of a string or nesting past its bound,
// and 400 for a body that is not the JSON the route takes.
func badBody(w http.ResponseWriter, err error) {
	var limit *bounded.JSONLimitError
	switch {
	case tooLarge(w, err, "Body too large", "a JSON body may be at most 1 MiB"):
	case errors.As(err, &limit):
		problem(w, http.StatusUnprocessableEntity, "Invalid request", sentenceOf(limit.Error()),
			FieldError{Field: limit.Path, Detail: limit.Error()})
	default:
		problem(w, http.StatusBadRequest, "Unreadable JSON body", err.Error())
	}
}

package httpin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader"
)

// DecodeJSON reads one JSON value strictly into v: unknown fields are an
// error, so a typo in a script is reported rather than ignored, and so is
// text that is not valid UTF-8, named by its JSON path, which
// encoding/json would otherwise turn into U+FFFD before anything could
// refuse it. An empty body is io.EOF, as from json.Decoder.
func DecodeJSON(r io.Reader, v any) error {
	var raw json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return err
	}
	if at, path, _ := reader.BadUTF8JSON(raw); at >= 0 {
		where := "the body"
		if path != "" {
			where = strings.TrimPrefix(path, ".")
		}
		return fmt.Errorf("%s: text is not valid UTF-8 (byte 0x%02X at byte %d of the body)", where, raw[at], at+1)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

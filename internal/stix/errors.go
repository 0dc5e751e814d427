package stix

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/reader"
)

// ParseError says where a STIX document is wrong (the file, the JSON path
// of the value, such as $.objects[3].valid_from, and what was wrong): the
// same error every reader of an outside format gives.
type ParseError = reader.ParseError

// PatternError says where a STIX pattern stops making sense. Offset counts
// characters (not bytes) from 1, as a person counts along the line.
type PatternError struct {
	Offset int
	Reason string
}

func (e *PatternError) Error() string {
	return fmt.Sprintf("at character %d: %s", e.Offset, e.Reason)
}

// shown writes a JSON value for an error message as it was written, cut
// short so that a huge value does not drown the message.
func shown(raw json.RawMessage) string {
	s := strings.TrimSpace(string(raw))
	return clip(s, 80)
}

// quoted writes a string value for an error message, cut short.
func quoted(s string) string {
	return clip(fmt.Sprintf("%q", s), 80)
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

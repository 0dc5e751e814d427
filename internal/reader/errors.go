// Package reader holds what the readers of outside formats share: the
// error that says where an export is wrong. Each format's reader is a
// package below it (reader/sharphound, reader/entra).
package reader

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// ParseError says where an export is wrong, so that an admin can find the
// value in the file and fix the export rather than guess: the file, the
// place in it (a JSON path such as $.users[3].accountEnabled, or a line)
// and what was wrong.
type ParseError struct {
	File   string
	Path   string
	Reason string
	// Err is the refusal behind Reason, when there is one to tell apart
	// (a *bounded.LimitError): errors.As finds it through the ParseError.
	Err error
}

// Unwrap is the refusal behind the reason, or nil.
func (e *ParseError) Unwrap() error { return e.Err }

func (e *ParseError) Error() string {
	file := e.File
	if file == "" {
		file = "input"
	}
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", file, e.Reason)
	}
	return fmt.Sprintf("%s: %s: %s", file, e.Path, e.Reason)
}

// BadUTF8 says why a text value read from a CSV export is not valid UTF-8,
// or "" when it is. ward keeps text as UTF-8 on both engines, so a reader
// refuses such a value (naming its file, line and column) rather than let
// SQLite store the bytes while PostgreSQL refuses them. The JSON readers do
// not need it: encoding/json replaces invalid UTF-8 with U+FFFD as it
// decodes, so their text is always valid.
func BadUTF8(s string) string {
	if utf8.ValidString(s) {
		return ""
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			break
		}
		i += n
	}
	return fmt.Sprintf("is not valid UTF-8 text (byte 0x%02X at byte %d of the value); save the export as UTF-8", s[i], i+1)
}

// LineError says where a CSV export is wrong: its file, line and column,
// and what was wrong, so that whoever made the export can find the value.
type LineError struct {
	File   string
	Line   int
	Column string
	Reason string
	Err    error // a *bounded.LimitError, when a limit was passed
}

func (e *LineError) Error() string {
	file := e.File
	if file == "" {
		file = "input"
	}
	s := fmt.Sprintf("%s: line %d: ", file, e.Line)
	if e.Column != "" {
		s += "column " + e.Column + ": "
	}
	return s + e.Reason
}

// Unwrap is the limit passed or, for any other mistake, bad input: every
// adapter answers it as such (422, exit 1).
func (e *LineError) Unwrap() error {
	if e.Err != nil {
		return e.Err
	}
	return fault.Invalid("file", "%s", e.Error())
}

// OpenLines reads an export a line at a time within the bounded reader's
// limits, gzipped or not; a file that looks gzipped but is not readable as
// it is a mistake on its first line.
func OpenLines(r io.Reader, file string) (*bounded.LineReader, error) {
	in, err := bounded.SniffLines(r)
	if errors.Is(err, bounded.ErrBadGzip) {
		return nil, &LineError{File: file, Line: 1, Reason: err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return in, nil
}

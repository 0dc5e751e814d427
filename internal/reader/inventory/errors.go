package inventory

import (
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// RowError is a bad value, row or file. The import stops at the first one.
type RowError struct {
	File string
	// Line is the line of the file (1-based, counted in the decompressed
	// text) where the bad value is; 0 when the problem is with the whole
	// file.
	Line int
	// Column is the CSV column as the file's header spells it.
	Column string
	// Path is the JSON path of the bad value, such as hosts[2].seen_time,
	// and Offset its byte offset in the decompressed text; JSON formats only.
	Path   string
	Offset int64
	Reason string
}

// Unwrap makes a bad value an invalid fault, so that every adapter answers
// it as bad input; the API looks for this type to name the line and column.
func (e *RowError) Unwrap() error { return fault.Invalid("file", "%s", e.Error()) }

// Error reads like `devices.csv:17: column "Last check-in": "31/02/2024" is
// not a date ...` or `fleet.json:40: hosts[2].seen_time: ...`.
func (e *RowError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	} else {
		b.WriteString("input")
	}
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	switch {
	case e.Column != "":
		b.WriteString("column ")
		b.WriteString(quote(e.Column))
		b.WriteString(": ")
	case e.Path != "":
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// fileError is a problem with the whole file.
func fileError(file, reason string) *RowError { return &RowError{File: file, Reason: reason} }

// quote shows a value in a message, cut short if long so that a runaway
// cell does not flood the terminal.
func quote(s string) string {
	const max = bounded.ExcerptLen
	if len(s) > max {
		cut := max
		for cut > 0 && s[cut]&0xC0 == 0x80 { // not in the middle of a UTF-8 sequence
			cut--
		}
		s = s[:cut] + "…"
	}
	return strconv.Quote(s)
}

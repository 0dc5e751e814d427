// Package markdown reads the Markdown body of a policy document version
// from an uploaded or named file, through the bounded reader: at most
// MaxBody bytes, lines no longer than the bounded line limit, and text
// that is UTF-8 with no NUL bytes. An error names the file, line and
// column of the first fault. The body is kept byte for byte (its sha256 is
// what an acceptance records), except that a leading UTF-8 byte-order
// mark, which editors add and readers never see, is dropped.
package markdown

import (
	"bytes"
	"io"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// MaxBody is the largest body a version may have.
const MaxBody = 512 << 10

// Read reads a body from r; name is the file's name, for errors.
func Read(name string, r io.Reader) (string, error) {
	data, err := io.ReadAll(io.LimitReader(bounded.Lines(bounded.Plain(r)), MaxBody+1))
	if err != nil {
		return "", fault.Invalid("file", "%s: %v", name, err)
	}
	if len(data) > MaxBody {
		return "", fault.Invalid("file", "%s: the document is over %d KiB", name, MaxBody>>10)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return "", fault.Invalid("file", "%s: line %d, column %d: not UTF-8 text (save the file as UTF-8)", name, line, col)
		case r == 0:
			return "", fault.Invalid("file", "%s: line %d, column %d: a NUL byte; is this a text file?", name, line, col)
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		i += n
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", fault.Invalid("file", "%s: the document is empty", name)
	}
	return string(data), nil
}

// String is Read over text already in memory, such as a form field.
func String(name, text string) (string, error) {
	return Read(name, bytes.NewReader([]byte(text)))
}

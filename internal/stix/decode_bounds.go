package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The bounds every STIX document is read within, whichever door it came
// through (a feed upload, the command line, a TAXII post). A string (an
// indicator's pattern, a report's description, a name) is at most
// MaxStringBytes, and objects and lists nest at most MaxDepth deep. A
// document that breaks either is refused whole, naming where, so that no
// member can plant a value every other member's listings and exports must
// then carry.
const (
	MaxStringBytes = 256 << 10
	MaxDepth       = 32
)

// scanJSON reads the document once, token by token, without building it:
// it says where the document stops being JSON (by line and column), and
// refuses a string longer than MaxStringBytes or nesting deeper than
// MaxDepth by its JSON path.
func scanJSON(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty: want a STIX bundle")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []jsonFrame
	values := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return notJSON(data, dec.InputOffset(), err)
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			continue
		}
		if n := len(stack); n > 0 && !stack[n-1].array && stack[n-1].wantKey {
			key := tok.(string) // the decoder allows only a string here
			if len(key) > MaxStringBytes {
				return fmt.Errorf("%s: a key of %d bytes; at most %d", jsonPath(stack), len(key), MaxStringBytes)
			}
			stack[n-1].key, stack[n-1].wantKey = key, false
			continue
		}
		// A value: it fills the next place in its list, or its key's place.
		if n := len(stack); n > 0 {
			if stack[n-1].array {
				stack[n-1].index++
			} else {
				stack[n-1].wantKey = true
			}
		} else if values++; values > 1 {
			return errors.New("not JSON: more than one value at the top")
		}
		switch v := tok.(type) {
		case json.Delim:
			if len(stack) >= MaxDepth {
				return fmt.Errorf("%s: nested more than %d deep", jsonPath(stack), MaxDepth)
			}
			stack = append(stack, jsonFrame{array: v == '[', index: -1, wantKey: v == '{'})
		case string:
			if len(v) > MaxStringBytes {
				return fmt.Errorf("%s: a string of %d bytes; a STIX string here is at most %d", jsonPath(stack), len(v), MaxStringBytes)
			}
		}
	}
}

// jsonFrame is one open object or list on the way to the current value.
type jsonFrame struct {
	array   bool
	index   int    // the list's current element
	key     string // the object's current member
	wantKey bool   // the object's next token is a key
}

func jsonPath(stack []jsonFrame) string {
	var b strings.Builder
	b.WriteString("$")
	for _, f := range stack {
		switch {
		case f.array && f.index >= 0:
			b.WriteString("[" + strconv.Itoa(f.index) + "]")
		case !f.array && f.key != "":
			if len(f.key) > 64 {
				b.WriteString("." + strconv.Quote(f.key[:64]) + "…")
			} else {
				b.WriteString("." + f.key)
			}
		}
	}
	return b.String()
}

// notJSON says where a document stops being JSON, by line and column:
// at the first byte after the last good token that is not space or the
// punctuation between tokens.
func notJSON(data []byte, good int64, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := min(int(good), len(data))
		for off < len(data)-1 && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
			off++
		}
		line := 1 + bytes.Count(data[:off], []byte("\n"))
		col := off - bytes.LastIndexByte(data[:off], '\n')
		return fmt.Errorf("not JSON: line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("not JSON: it ends before the document does")
	}
	return fmt.Errorf("not JSON: %v", err)
}

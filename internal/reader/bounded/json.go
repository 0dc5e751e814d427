package bounded

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The JSON bounds of ward's own API and of the TAXII envelope. A STIX
// document has its own (the same figures, documented by package stix).
const (
	// MaxJSONString is the longest string, key or value, a JSON body
	// may hold: the longest text ward keeps (an advisory's body, a
	// ticket's description) is far shorter. It is the imports' field cap.
	MaxJSONString = MaxField
	// MaxJSONDepth is how deep objects and lists may nest. No document
	// ward reads needs more than a handful; a decoder fed 100,000 "["
	// spends its time and memory on nothing.
	MaxJSONDepth = 32
)

// JSONLimitError is a JSON document refused because a string or its
// nesting passed a limit, at Path (e.g. "$.objects[0].pattern"). Its
// message quotes none of the string.
type JSONLimitError struct {
	Path string
	LimitError
}

// Unwrap gives the *LimitError, and through it bad input.
func (e *JSONLimitError) Unwrap() error { return &e.LimitError }

// CheckJSON reads data once, token by token, without building it, and
// says where it stops being one JSON value (by line and column); or
// refuses, by its JSON path, a string or key longer than maxString bytes
// or nesting deeper than maxDepth, as a *JSONLimitError. Run before
// decoding, it keeps a hostile body from costing more than reading it.
func CheckJSON(data []byte, maxString, maxDepth int) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("empty: want a JSON document")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var stack []jsonFrame
	values := 0
	tooLong := func(what string, n int) error {
		path := jsonPath(stack)
		return &JSONLimitError{Path: path, LimitError: LimitError{Limit: "string length", Max: int64(maxString), Unit: "bytes",
			Detail: fmt.Sprintf("%s holds a %s of %d bytes", path, what, n)}}
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF && len(stack) > 0 {
			return errors.New("not JSON: it ends before the document does")
		}
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
			if len(key) > maxString {
				return tooLong("key", len(key))
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
			if len(stack) >= maxDepth {
				path := jsonPath(stack)
				return &JSONLimitError{Path: path, LimitError: LimitError{Limit: "nesting depth", Max: int64(maxDepth), Unit: "levels",
					Detail: fmt.Sprintf("%s is nested more than %d deep", path, maxDepth)}}
			}
			stack = append(stack, jsonFrame{array: v == '[', index: -1, wantKey: v == '{'})
		case string:
			if len(v) > maxString {
				return tooLong("string", len(v))
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
			if len(f.key) > ExcerptLen {
				b.WriteString("." + strconv.Quote(Excerpt(f.key)) + "…")
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

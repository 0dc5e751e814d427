package inventory

import (
	"bytes"
	"encoding/json"
	"strings"
)

// elem is one value read whole, with where it came from.
type elem struct {
	doc   *jsonDoc
	raw   []byte
	start int64  // offset of raw in the text
	line  int    // line of raw's first byte
	base  string // the value's path in the file
	v     any
	// parts, for an object read key by key, holds each key's value.
	parts map[string]*elem
}

// root is a view of the whole value.
func (e *elem) root() jv { return jv{e: e, v: e.v} }

// locate finds the offset of the value at rel within e.
func (e *elem) locate(rel []any) (off int64, line int) {
	if e.parts != nil {
		if len(rel) > 0 {
			if k, ok := rel[0].(string); ok {
				if p := e.parts[k]; p != nil {
					return p.locate(rel[1:])
				}
			}
		}
		return e.start, e.line
	}
	i := locate(e.raw, rel)
	return e.start + int64(i), e.line + bytes.Count(e.raw[:i], []byte{'\n'})
}

// locate is the offset in raw of the value at path (keys and indexes), or
// of the innermost part of the path that exists.
func locate(raw []byte, path []any) int {
	dec := json.NewDecoder(bytes.NewReader(raw))
	found := 0
	for _, p := range path {
		tok, err := dec.Token()
		if err != nil {
			return found
		}
		switch p := p.(type) {
		case string:
			if tok != json.Delim('{') {
				return found
			}
			for {
				if !dec.More() {
					return found
				}
				k, err := dec.Token()
				if err != nil {
					return found
				}
				if k == p {
					break
				}
				var skip json.RawMessage
				if dec.Decode(&skip) != nil {
					return found
				}
			}
		case int:
			if tok != json.Delim('[') {
				return found
			}
			for i := 0; i < p; i++ {
				var skip json.RawMessage
				if !dec.More() || dec.Decode(&skip) != nil {
					return found
				}
			}
		}
		found = int(dec.InputOffset())
		for found < len(raw) && strings.IndexByte(" \t\r\n:,", raw[found]) >= 0 {
			found++
		}
	}
	return found
}

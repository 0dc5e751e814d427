package inventory

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// jv is a view of a value inside an elem, with its path for errors.
type jv struct {
	e    *elem
	path []any
	v    any
}

// get is the value under key k; a missing key, or a value that is not an
// object, gives nil.
func (j jv) get(k string) jv {
	m, _ := j.v.(map[string]any)
	v := m[k]
	return jv{e: j.e, path: append(j.path[:len(j.path):len(j.path)], k), v: v}
}

// at is the i-th element of a list.
func (j jv) at(i int) jv {
	l, _ := j.v.([]any)
	var v any
	if i < len(l) {
		v = l[i]
	}
	return jv{e: j.e, path: append(j.path[:len(j.path):len(j.path)], i), v: v}
}

func (j jv) null() bool { return j.v == nil }

func (j jv) object() bool { _, ok := j.v.(map[string]any); return ok }

// has reports whether an object has key k.
func (j jv) has(k string) bool {
	m, _ := j.v.(map[string]any)
	_, ok := m[k]
	return ok
}

// firstRow is the first element of a list under key k, as a row of text
// for telling which query it is from; false when the list is empty or not
// a list.
func (j jv) firstRow(k string) (row, bool) {
	m, _ := j.v.(map[string]any)
	l, _ := m[k].([]any)
	if len(l) == 0 {
		return row{}, false
	}
	return peekRow(jv{v: l[0]}), true
}

// keys are an object's keys.
func (j jv) keys() map[string]any { m, _ := j.v.(map[string]any); return m }

// pathString renders the path as jq would: hosts[2].seen_time.
func (j jv) pathString() string {
	var b strings.Builder
	b.WriteString(j.e.base)
	for _, p := range j.path {
		switch p := p.(type) {
		case string:
			if identifier(p) {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(p)
			} else {
				b.WriteString("[" + strconv.Quote(p) + "]")
			}
		case int:
			b.WriteString("[" + strconv.Itoa(p) + "]")
		}
	}
	if b.Len() == 0 {
		return "."
	}
	return b.String()
}

func identifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// fail is an error about this value.
func (j jv) fail(reason string) *RowError {
	off, line := j.e.locate(j.path)
	return &RowError{File: j.e.doc.file, Line: line, Path: j.pathString(), Offset: off, Reason: reason}
}

// describe shows a JSON value in a message.
func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return quote(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprint(v)
}

// text is a string or number as text; null or absent is "".
func (j jv) text() (string, error) {
	switch v := j.v.(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(v), nil
	case json.Number:
		return v.String(), nil
	}
	return "", j.fail(describe(j.v) + " is not text")
}

// fact reads a yes/no: true or false, 1 or 0, or a word ParseFact knows.
func (j jv) fact() (posture.Fact, error) {
	switch v := j.v.(type) {
	case nil:
		return posture.Unknown, nil
	case bool:
		return posture.FactOf(v), nil
	case json.Number:
		switch v {
		case "1":
			return posture.Yes, nil
		case "0":
			return posture.No, nil
		}
	case string:
		if f, err := posture.ParseFact(v); err == nil {
			return f, nil
		}
	}
	return posture.Unknown, j.fail(describe(j.v) + " is not true or false (or 1 or 0)")
}

// list is a JSON array; null or absent is an empty one.
func (j jv) list() (int, error) {
	switch v := j.v.(type) {
	case nil:
		return 0, nil
	case []any:
		return len(v), nil
	}
	return 0, j.fail(describe(j.v) + " is not a list")
}

// mustObject checks the value is an object.
func (j jv) mustObject() error {
	if j.object() {
		return nil
	}
	return j.fail(describe(j.v) + " is not an object")
}

package stix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// fields reads the properties of one JSON object and names the JSON path of
// any value it refuses.
type fields struct {
	file string
	path string // of the object, such as $.objects[3]
	what string // the object's type, for messages
	m    map[string]json.RawMessage
}

// fail reports a problem with the value at key, which may carry an index
// ("object_refs[2]").
func (f *fields) fail(key, format string, args ...any) *ParseError {
	return &ParseError{File: f.file, Path: f.path + member(key), Reason: fmt.Sprintf(format, args...)}
}

// member writes a property step of a JSON path: .name, or ['odd-name']
// for a name that is not a plain word, with any index left as it is.
func member(key string) string {
	if key == "" {
		return ""
	}
	name, index := key, ""
	if i := strings.IndexByte(key, '['); i > 0 {
		name, index = key[:i], key[i:]
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || i > 0 && '0' <= c && c <= '9') {
			return "['" + strings.ReplaceAll(name, "'", "\\'") + "']" + index
		}
	}
	return "." + name + index
}

func (f *fields) missing(key string) *ParseError {
	return f.fail(key, "missing: STIX 2.1 requires it on a %s", f.what)
}

// get returns the raw value of key, treating an explicit null as absent.
func (f *fields) get(key string) (json.RawMessage, bool) {
	raw, ok := f.m[key]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil, false
	}
	return raw, true
}

func (f *fields) str(key string, required bool) (string, error) {
	raw, ok := f.get(key)
	if !ok {
		if required {
			return "", f.missing(key)
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", f.fail(key, "%s is not a string", shown(raw))
	}
	return s, nil
}

func (f *fields) timestamp(key string, required bool) (time.Time, error) {
	raw, ok := f.get(key)
	if !ok {
		if required {
			return time.Time{}, f.missing(key)
		}
		return time.Time{}, nil
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if t, ok := parseTimestamp(s); ok {
			return t, nil
		}
	}
	return time.Time{}, f.fail(key, "%s is not a STIX timestamp (want UTC written as 2016-05-12T08:17:27.000Z)", shown(raw))
}

// ref reads one identifier; types, when given, are the object types it may
// name.
func (f *fields) ref(key string, required bool, types ...string) (string, error) {
	raw, ok := f.get(key)
	if !ok {
		if required {
			return "", f.missing(key)
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", f.fail(key, "%s is not a STIX identifier", shown(raw))
	}
	return s, f.checkRef(key, s, types)
}

func (f *fields) refs(key string, required bool, types ...string) ([]string, error) {
	list, err := f.strs(key, required)
	if err != nil {
		return nil, err
	}
	for i, s := range list {
		if err := f.checkRef(fmt.Sprintf("%s[%d]", key, i), s, types); err != nil {
			return nil, err
		}
	}
	return list, nil
}

func (f *fields) checkRef(key, s string, types []string) error {
	typ, ok := splitID(s)
	if !ok {
		return f.fail(key, "%s is not a STIX identifier (want type--uuid)", quoted(s))
	}
	if len(types) > 0 && !slices.Contains(types, typ) {
		return f.fail(key, "%s names a %s; want %s", quoted(s), typ, strings.Join(types, " or "))
	}
	return nil
}

// strs reads a list of strings; STIX lists are never empty when present.
func (f *fields) strs(key string, required bool) ([]string, error) {
	raw, ok := f.get(key)
	if !ok {
		if required {
			return nil, f.missing(key)
		}
		return nil, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return nil, f.fail(key, "%s is not a list", shown(raw))
	}
	if len(items) == 0 {
		return nil, f.fail(key, "an empty list: STIX 2.1 asks to leave the property out instead")
	}
	out := make([]string, len(items))
	for i, it := range items {
		if err := json.Unmarshal(it, &out[i]); err != nil {
			return nil, f.fail(fmt.Sprintf("%s[%d]", key, i), "%s is not a string", shown(it))
		}
	}
	return out, nil
}

// integer reads a whole number between lo and hi; nil when absent.
func (f *fields) integer(key string, lo, hi int) (*int, error) {
	raw, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	var n int
	if err := json.Unmarshal(raw, &n); err != nil || n < lo || n > hi {
		return nil, f.fail(key, "%s is not a whole number from %d to %d", shown(raw), lo, hi)
	}
	return &n, nil
}

func (f *fields) boolean(key string) (bool, error) {
	raw, ok := f.get(key)
	if !ok {
		return false, nil
	}
	var b bool
	if err := json.Unmarshal(raw, &b); err != nil {
		return false, f.fail(key, "%s is not true or false", shown(raw))
	}
	return b, nil
}

// object reads a JSON object property as fields of its own.
func (f *fields) object(key string) (*fields, error) {
	raw, ok := f.get(key)
	if !ok {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, f.fail(key, "%s is not a JSON object", shown(raw))
	}
	return &fields{file: f.file, path: f.path + member(key), what: f.what, m: m}, nil
}

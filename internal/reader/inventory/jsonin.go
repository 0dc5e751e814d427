package inventory

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/posture"
)

// JSON exports are read a value at a time with a json.Decoder, so a
// multi-gigabyte results log needs memory for one line, not the file.
// Errors name the line as an editor counts it and the JSON path of the bad
// value: each value read keeps its raw bytes and where they start, and a
// failing path is found again in them when an error is reported.

// lineCounter notes where the newlines are in the text the decoder reads,
// forgetting those before the value being read.
type lineCounter struct {
	r    io.Reader
	off  int64   // bytes read so far
	base int     // newlines forgotten
	nl   []int64 // offsets of newlines not yet forgotten
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		if j < 0 {
			break
		}
		l.nl = append(l.nl, l.off+int64(i+j))
		i += j + 1
	}
	l.off += int64(n)
	return n, err
}

// lineAt is the 1-based line of the byte at off, which must not be before
// the last offset forgotten.
func (l *lineCounter) lineAt(off int64) int {
	return l.base + sort.Search(len(l.nl), func(i int) bool { return l.nl[i] >= off }) + 1
}

// forget drops the newlines before off.
func (l *lineCounter) forget(off int64) {
	k := sort.Search(len(l.nl), func(i int) bool { return l.nl[i] >= off })
	l.base += k
	l.nl = append(l.nl[:0], l.nl[k:]...)
}

// jsonDoc is a JSON export being read.
type jsonDoc struct {
	file string
	lc   *lineCounter
	dec  *json.Decoder
	skip int64 // white space read before the decoder started, to add to its offsets
}

func newJSONDoc(br *bufio.Reader, file string) *jsonDoc {
	lc := &lineCounter{r: br}
	dec := json.NewDecoder(lc)
	dec.UseNumber()
	return &jsonDoc{file: file, lc: lc, dec: dec}
}

// readErr turns a decoding error into a RowError with a line.
func (d *jsonDoc) readErr(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off := se.Offset + d.skip
		return &RowError{File: d.file, Line: d.lc.lineAt(off), Offset: off, Reason: "not valid JSON: " + se.Error()}
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF: // where a value must follow
		off := d.lc.off
		return &RowError{File: d.file, Line: d.lc.lineAt(off), Offset: off, Reason: "the file ends in the middle of a JSON value; was it cut short?"}
	}
	var re *RowError
	if errors.As(err, &re) {
		return err
	}
	return fmt.Errorf("%s: %w", display(d.file), err)
}

// next reads the next value whole; io.EOF at the end of the text or of
// the array being read.
func (d *jsonDoc) next(path string, inArray bool) (*elem, error) {
	if inArray && !d.dec.More() {
		return nil, io.EOF
	}
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		if err == io.EOF {
			if !inArray {
				return nil, io.EOF
			}
			err = io.ErrUnexpectedEOF // a list that stops after a comma
		}
		return nil, d.readErr(err)
	}
	return d.elem(raw, path)
}

// elem wraps a value just decoded.
func (d *jsonDoc) elem(raw json.RawMessage, path string) (*elem, error) {
	end := d.dec.InputOffset() + d.skip
	start := end - int64(len(raw))
	e := &elem{doc: d, raw: raw, start: start, line: d.lc.lineAt(start), base: path}
	d.lc.forget(start)
	v, err := decodeAny(raw)
	if err != nil {
		return nil, d.readErr(err)
	}
	e.v = v
	return e, nil
}

// decodeAny decodes a value, numbers as json.Number; scalars without a
// json.Decoder and its buffer.
func decodeAny(raw []byte) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 {
		switch c := raw[0]; {
		case c == '"':
			var s string
			err := json.Unmarshal(raw, &s)
			return s, err
		case c == '-' || c >= '0' && c <= '9':
			if json.Valid(raw) {
				return json.Number(raw), nil
			}
		case string(raw) == "true", string(raw) == "false":
			return raw[0] == 't', nil
		case string(raw) == "null":
			return nil, nil
		}
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// token reads a delimiter or key; io.EOF at the end of the text, and any
// other error a RowError.
func (d *jsonDoc) token() (json.Token, error) {
	t, err := d.dec.Token()
	if err != nil && err != io.EOF {
		return nil, d.readErr(err)
	}
	return t, err
}

// inner reads a token inside a value, where the end of the text is an error.
func (d *jsonDoc) inner() (json.Token, error) {
	t, err := d.dec.Token()
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, d.readErr(err)
	}
	return t, nil
}

// start reads past leading white space and tells whether the text is one
// top-level array (whose '[' it then consumes) rather than a sequence of
// values, as JSON lines are.
func (d *jsonDoc) start(br *bufio.Reader) (array bool, err error) {
	for {
		b, err := br.ReadByte()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, d.readErr(err)
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			d.lc.off++
			d.skip++
			if b == '\n' {
				d.lc.base++
			}
			continue
		}
		br.UnreadByte()
		if b != '[' {
			return false, nil
		}
		if _, err := d.token(); err != nil {
			return false, err
		}
		return true, nil
	}
}

// each calls fn for every top-level value, or for every element when the
// text is a single array; paths are "[i]" in an array and empty for lines.
func (d *jsonDoc) each(br *bufio.Reader, fn func(*elem) error) error {
	array, err := d.start(br)
	if err != nil {
		return err
	}
	for i := 0; ; i++ {
		path := ""
		if array {
			path = "[" + strconv.Itoa(i) + "]"
		}
		e, err := d.next(path, array)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if array {
		if _, err := d.inner(); err != nil { // the closing ']'
			return err
		}
		if _, err := d.token(); err != io.EOF {
			if err != nil {
				return err
			}
			return d.trailing()
		}
	}
	return nil
}

func (d *jsonDoc) trailing() error {
	off := d.dec.InputOffset() + d.skip
	return &RowError{File: d.file, Line: d.lc.lineAt(off), Offset: off, Reason: "more JSON after the end of the top-level array"}
}

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

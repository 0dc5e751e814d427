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

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// JSON exports are read a value at a time with a json.Decoder, so a
// multi-gigabyte results log needs memory for one line, not the file.
// Errors name the line as an editor counts it and the JSON path of the bad
// value: each value read keeps its raw bytes and where they start, and a
// failing path is found again in them when an error is reported.
//
// Text must be UTF-8, as in CSV (see reader.BadUTF8): encoding/json would
// replace each invalid byte with U+FFFD as it decodes, so each value read
// is checked first and a bad one refused with its line and path.

// lineCounter notes where the newlines are in the text the decoder reads,
// forgetting those before the value being read.
type lineCounter struct {
	r    io.Reader
	off  int64   // bytes read so far
	base int     // newlines forgotten
	nl   []int64 // offsets of newlines not yet forgotten
	mark int64   // where the value being read starts, at most
}

// The decoder holds a whole value in memory before it is handed on, so one
// value may span at most bounded.MaxRecord bytes (and what the decoder
// reads ahead): a file that is one huge object is refused rather than held.
const jsonReadAhead = 1 << 20

func (l *lineCounter) Read(p []byte) (int, error) {
	if room := bounded.MaxRecord + jsonReadAhead - (l.off - l.mark); room <= 0 {
		return 0, &bounded.LimitError{Limit: "record length", Max: bounded.MaxRecord, Unit: "bytes",
			Detail: fmt.Sprintf("one JSON value (from byte %d) is longer than %d MiB", l.mark, bounded.MaxRecord>>20)}
	} else if int64(len(p)) > room {
		p = p[:room+1] // one byte past, so the next read refuses
	}
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
	l.mark = max(l.mark, off)
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
	if at, in, reason := reader.BadUTF8JSON(raw); at >= 0 {
		return nil, &RowError{File: d.file, Line: e.line + bytes.Count(raw[:at], []byte{'\n'}), Offset: start + int64(at),
			Path: strings.TrimPrefix(path+in, "."), Reason: reason}
	}
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
	records := bounded.NewRecords("records")
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
		if err := records.Add(); err != nil {
			return &RowError{File: d.file, Line: e.line, Path: path, Reason: err.Error()}
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

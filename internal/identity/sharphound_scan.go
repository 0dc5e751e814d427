package identity

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small streaming JSON scanner for SharpHound's files. It is written for
// this reader rather than taken from a JSON library because a big council's
// collection is a few hundred megabytes of ACEs and memberships: the reader
// must look at each byte once, hand out strings as slices of its own buffer
// (so resolving a SID to a node allocates nothing) and still say exactly where
// a file went wrong. It keeps the path to the value being read ($.data[3].
// Properties.enabled) for that purpose.
//
// A malformed file stops the scan with a panic carrying *ParseError (or a
// readError when the input itself fails), which the reader recovers at the
// file's edge. That keeps the per-token
// code free of error plumbing in the hot loop; nothing else panics through.

const (
	scanChunk    = 128 << 10 // read size; big enough that syscalls don't show
	maxTokenSize = 16 << 20  // a single string or number longer than this is refused
)

// frame is one open object or array on the way to the current value.
type frame struct {
	obj      bool
	n        int32 // members or elements started so far
	keyStart int32 // the current member's name is keys[keyStart:keyEnd]
	keyEnd   int32
}

type scanner struct {
	r    io.Reader
	file string
	buf  []byte
	pos  int   // next unread byte in buf
	end  int   // buf[pos:end] is read but unscanned
	base int64 // offset in the file of buf[0]
	eof  bool

	frames  []frame
	keys    []byte // the names of the members on the path, back to back
	unesc   []byte // scratch for strings with escapes
	closers []byte // scratch for skip
}

func (s *scanner) reset(file string, r io.Reader) {
	if s.buf == nil {
		s.buf = make([]byte, scanChunk)
	}
	// The name may be an upload's, shown back in errors: keep it valid text.
	file = strings.ToValidUTF8(file, "\uFFFD")
	*s = scanner{r: r, file: file, buf: s.buf, frames: s.frames[:0], keys: s.keys[:0], unesc: s.unesc[:0], closers: s.closers[:0]}
	// C# tools often start UTF-8 files with a byte-order mark.
	if s.ensure(3) && s.buf[0] == 0xEF && s.buf[1] == 0xBB && s.buf[2] == 0xBF {
		s.pos = 3
	}
}

// fill reads more input, keeping the unscanned bytes; false at the end.
func (s *scanner) fill() bool {
	if s.eof {
		return false
	}
	// Make room only when the buffer is full, moving the unscanned bytes
	// to the front, into a bigger buffer if they fill half of it. Moving
	// them on every read would make a long string arriving in small reads
	// cost the square of its length.
	if s.end == len(s.buf) {
		buf := s.buf
		if s.end-s.pos > len(buf)/2 {
			if len(buf) >= maxTokenSize {
				s.fail("a value longer than 16 MiB")
			}
			buf = make([]byte, 2*len(buf))
		}
		n := copy(buf, s.buf[s.pos:s.end])
		s.base += int64(s.pos)
		s.buf, s.pos, s.end = buf, 0, n
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			if err != io.EOF {
				s.failRead(err)
			}
			s.eof = true
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	s.failRead(io.ErrNoProgress)
	return false
}

// ensure makes n bytes available from pos if the input has them.
func (s *scanner) ensure(n int) bool {
	for s.end-s.pos < n {
		if !s.fill() {
			return false
		}
	}
	return true
}

// peek skips white space and returns the next byte without taking it.
// The common case, no white space, is small enough to be inlined.
func (s *scanner) peek() byte {
	if s.pos < s.end && s.buf[s.pos] > ' ' {
		return s.buf[s.pos]
	}
	return s.peekSlow()
}

func (s *scanner) peekSlow() byte {
	for {
		for s.pos < s.end {
			// Indented files are half spaces: pass them eight at a time.
			if s.pos+8 <= s.end && binary.LittleEndian.Uint64(s.buf[s.pos:]) == 0x2020202020202020 {
				s.pos += 8
				continue
			}
			c := s.buf[s.pos]
			if c > ' ' {
				return c
			}
			if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
				return c
			}
			s.pos++
		}
		if !s.fill() {
			s.fail("unexpected end of input")
		}
	}
}

// atEnd says whether only white space is left.
func (s *scanner) atEnd() bool {
	for {
		for s.pos < s.end {
			switch s.buf[s.pos] {
			case ' ', '\n', '\r', '\t':
				s.pos++
			default:
				return false
			}
		}
		if !s.fill() {
			return true
		}
	}
}

func (s *scanner) push(obj bool) {
	k := int32(len(s.keys))
	s.frames = append(s.frames, frame{obj: obj, keyStart: k, keyEnd: k})
}

func (s *scanner) pop() {
	f := s.frames[len(s.frames)-1]
	s.frames = s.frames[:len(s.frames)-1]
	s.keys = s.keys[:f.keyStart]
}

// object opens an object, or says false for null; anything else is refused.
func (s *scanner) object() bool {
	switch s.peek() {
	case '{':
		s.pos++
		s.push(true)
		return true
	case 'n':
		s.literal("null")
		return false
	}
	s.want("an object")
	return false
}

// array opens an array, or says false for null.
func (s *scanner) array() bool {
	switch s.peek() {
	case '[':
		s.pos++
		s.push(false)
		return true
	case 'n':
		s.literal("null")
		return false
	}
	s.want("an array")
	return false
}

// key moves to the next member of the open object and returns its name,
// valid until the next call; false when the object closes.
func (s *scanner) key() ([]byte, bool) {
	f := &s.frames[len(s.frames)-1]
	c := s.peek()
	if c == '}' {
		s.pos++
		s.pop()
		return nil, false
	}
	if f.n > 0 {
		if c != ',' {
			s.fail("want , or } after a member, got " + s.describe())
		}
		s.pos++
		c = s.peek()
	}
	if c != '"' {
		s.fail("want a member name, got " + s.describe())
	}
	name := s.stringValue()
	f.n++
	s.keys = append(s.keys[:f.keyStart], name...)
	f.keyEnd = int32(len(s.keys))
	if s.peek() != ':' {
		s.fail("want : after a member name, got " + s.describe())
	}
	s.pos++
	return s.keys[f.keyStart:f.keyEnd], true
}

// elem moves to the next element of the open array; false when it closes.
func (s *scanner) elem() bool {
	f := &s.frames[len(s.frames)-1]
	c := s.peek()
	if c == ']' {
		s.pos++
		s.pop()
		return false
	}
	if f.n > 0 {
		if c != ',' {
			s.fail("want , or ] after an element, got " + s.describe())
		}
		s.pos++
	}
	f.n++
	return true
}

// strClass marks the bytes that end a run of plain string content.
var strClass = func() (t [256]byte) {
	for c := range 0x20 {
		t[c] = 1
	}
	t['"'], t['\\'] = 1, 1
	return
}()

// scanString finds the closing quote of the string at pos (which is '"')
// and returns its offset from pos and whether the string has escapes. The
// whole string is in the buffer afterwards.
func (s *scanner) scanString() (int, bool) {
	k, esc := 1, false
	for {
		buf := s.buf[s.pos:s.end]
		for k < len(buf) {
			// Eight bytes at a time while none of them is special: most
			// strings are SIDs and names with nothing to unescape.
			for k+8 <= len(buf) {
				if m := specialBytes(binary.LittleEndian.Uint64(buf[k:])); m != 0 {
					k += bits.TrailingZeros64(m) / 8
					break
				}
				k += 8
			}
			if k == len(buf) {
				break
			}
			c := buf[k]
			if strClass[c] == 0 {
				k++
				continue
			}
			if c == '"' {
				return k, esc
			}
			if c < 0x20 {
				s.pos += k
				s.fail("control character in a string")
			}
			// A backslash: the escape must be whole in the buffer.
			if k+1 >= len(buf) {
				break
			}
			esc = true
			switch buf[k+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				k += 2
				continue
			case 'u':
				if k+6 > len(buf) {
					goto more
				}
				for _, h := range buf[k+2 : k+6] {
					if unhex(h) < 0 {
						s.pos += k
						s.fail("bad \\u escape in a string")
					}
				}
				k += 6
				continue
			}
			s.pos += k
			s.fail("bad escape in a string")
		}
	more:
		if !s.fill() {
			s.fail("unexpected end of input")
		}
	}
}

// specialBytes marks (with its high bit) each byte of x that is a quote, a
// backslash or a control character; the lowest marked byte is exact, which
// is all scanString needs.
func specialBytes(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	q := x ^ (ones * '"')
	b := x ^ (ones * '\\')
	return ((q-ones)&^q | (b-ones)&^b | (x-ones*0x20)&^x) & highs
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// stringValue reads the string at pos (which is '"'); the result is valid
// until the scanner moves on.
func (s *scanner) stringValue() []byte {
	k, esc := s.scanString()
	raw := s.buf[s.pos+1 : s.pos+k]
	s.pos += k + 1
	if !esc {
		return raw
	}
	s.unesc = unescape(s.unesc[:0], raw)
	return s.unesc
}

// unescape decodes a string's escapes, already checked by scanString.
func unescape(dst, raw []byte) []byte {
	for i := 0; i < len(raw); {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			i++
			continue
		}
		switch raw[i+1] {
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			r := hex4(raw[i+2:])
			i += 6
			// A surrogate pair is two escapes; a lone half becomes U+FFFD.
			if r >= 0xD800 && r < 0xDC00 && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
				if r2 := hex4(raw[i+2:]); r2 >= 0xDC00 && r2 < 0xE000 {
					r = (r-0xD800)<<10 + (r2 - 0xDC00) + 0x10000
					i += 6
				}
			}
			dst = utf8.AppendRune(dst, r)
			continue
		default: // " \ /
			dst = append(dst, raw[i+1])
		}
		i += 2
	}
	return dst
}

func hex4(b []byte) rune {
	return rune(unhex(b[0])<<12 | unhex(b[1])<<8 | unhex(b[2])<<4 | unhex(b[3]))
}

// str reads a string value; null reads as empty.
func (s *scanner) str() []byte {
	switch s.peek() {
	case '"':
		return s.stringValue()
	case 'n':
		s.literal("null")
		return nil
	}
	s.want("a string")
	return nil
}

// boolean reads true or false; null reads as false.
func (s *scanner) boolean() bool {
	switch s.peek() {
	case 't':
		if s.ensure(4) && string(s.buf[s.pos:s.pos+4]) == "true" && s.delimited(4) {
			s.pos += 4
			return true
		}
	case 'f':
		if s.ensure(5) && string(s.buf[s.pos:s.pos+5]) == "false" && s.delimited(5) {
			s.pos += 5
			return false
		}
	case 'n':
		s.literal("null")
		return false
	}
	s.want("true or false")
	return false
}

// delimited says whether the token of n bytes at pos ends there, so that
// "trueish" is not taken for true.
func (s *scanner) delimited(n int) bool {
	if !s.ensure(n + 1) {
		return true
	}
	switch s.buf[s.pos+n] {
	case ' ', '\n', '\r', '\t', ',', '}', ']':
		return true
	}
	return false
}

func (s *scanner) literal(lit string) {
	n := len(lit)
	if s.ensure(n) && string(s.buf[s.pos:s.pos+n]) == lit && s.delimited(n) {
		s.pos += n
		return
	}
	s.fail("invalid value " + s.describe())
}

// numberLen returns the length of the JSON number at pos, 0 if there is none.
func (s *scanner) numberLen() int {
	for k := 0; ; {
		for s.pos+k < s.end {
			switch c := s.buf[s.pos+k]; {
			case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
				k++
				continue
			}
			return checkNumber(s.buf[s.pos : s.pos+k])
		}
		if !s.fill() {
			return checkNumber(s.buf[s.pos : s.pos+k])
		}
	}
}

// checkNumber returns len(b) if b is a JSON number, else 0.
func checkNumber(b []byte) int {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - j
	}
	if n := digits(); n == 0 || (n > 1 && b[i-n] == '0') {
		return 0
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return 0
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0
		}
	}
	if i != len(b) {
		return 0
	}
	return i
}

// integer reads a number as a whole number; null reads as zero.
func (s *scanner) integer() int64 {
	c := s.peek()
	if c == 'n' {
		s.literal("null")
		return 0
	}
	if c != '-' && (c < '0' || c > '9') {
		s.want("a number")
	}
	n := s.numberLen()
	if n == 0 {
		s.fail("invalid number " + s.describe())
	}
	tok := s.buf[s.pos : s.pos+n]
	s.pos += n
	if v, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
		return v
	}
	f, _ := strconv.ParseFloat(string(tok), 64)
	switch {
	case f >= 1<<63:
		return 1<<63 - 1
	case f <= -1<<63:
		return -1 << 63
	}
	return int64(f)
}

// skip passes over one value of any type, checking that it is well formed.
// Nested values are walked with a stack of closing brackets rather than by
// recursion, so a hostile file cannot exhaust the goroutine stack.
func (s *scanner) skip() {
	closers := s.closers[:0]
	defer func() { s.closers = closers[:0] }()
	for {
		switch c := s.peek(); c {
		case '{':
			s.pos++
			if s.peek() == '}' {
				s.pos++
				break
			}
			closers = append(closers, '}')
			s.skipKey()
			continue
		case '[':
			s.pos++
			if s.peek() == ']' {
				s.pos++
				break
			}
			closers = append(closers, ']')
			continue
		case '"':
			k, _ := s.scanString()
			s.pos += k + 1
		case 't':
			s.literal("true")
		case 'f':
			s.literal("false")
		case 'n':
			s.literal("null")
		default:
			n := 0
			if c == '-' || c >= '0' && c <= '9' {
				n = s.numberLen()
			}
			if n == 0 {
				s.fail("invalid value " + s.describe())
			}
			s.pos += n
		}
		// After a value: close what ends here, then expect the next one.
		for {
			if len(closers) == 0 {
				return
			}
			closer := closers[len(closers)-1]
			c := s.peek()
			if c == closer {
				s.pos++
				closers = closers[:len(closers)-1]
				continue
			}
			if c != ',' {
				s.fail("want , or " + string(closer) + ", got " + s.describe())
			}
			s.pos++
			if closer == '}' {
				s.skipKey()
			}
			break
		}
	}
}

// skipKey passes over a member name and its colon inside a skipped object.
func (s *scanner) skipKey() {
	if s.peek() != '"' {
		s.fail("want a member name, got " + s.describe())
	}
	k, _ := s.scanString()
	s.pos += k + 1
	if s.peek() != ':' {
		s.fail("want : after a member name, got " + s.describe())
	}
	s.pos++
}

// describe names the token at pos for an error message, without taking it.
func (s *scanner) describe() string {
	if !s.ensure(1) {
		return "the end of input"
	}
	switch c := s.buf[s.pos]; {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		s.ensure(64)
		end := s.pos + 1
		for end < s.end && end-s.pos < 40 && s.buf[end] != '"' {
			end++
		}
		q := strconv.Quote(string(s.buf[s.pos+1 : end]))
		if end < s.end && s.buf[end] != '"' {
			q = q[:len(q)-1] + `…"`
		}
		return q
	case c == '-' || c >= '0' && c <= '9', c == 't', c == 'f', c == 'n':
		s.ensure(24)
		end := s.pos
		for end < s.end && end-s.pos < 24 {
			b := s.buf[end]
			if b == ',' || b == '}' || b == ']' || b <= ' ' || b >= 0x7F {
				break
			}
			end++
		}
		return string(s.buf[s.pos:end])
	default:
		return "invalid character " + strconv.QuoteRune(rune(c))
	}
}

// want refuses the value at pos for not being of the wanted type.
func (s *scanner) want(what string) {
	s.fail("want " + what + ", got " + s.describe())
}

// path renders where the scanner is, as a JSON path.
func (s *scanner) path() string {
	p := []byte{'$'}
	for _, f := range s.frames {
		if f.n == 0 {
			continue
		}
		if !f.obj {
			p = append(p, '[')
			p = strconv.AppendInt(p, int64(f.n-1), 10)
			p = append(p, ']')
			continue
		}
		name := s.keys[f.keyStart:f.keyEnd]
		if plainName(name) {
			p = append(p, '.')
			p = append(p, name...)
		} else {
			p = append(p, '[')
			p = strconv.AppendQuote(p, string(name))
			p = append(p, ']')
		}
	}
	return string(p)
}

func plainName(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, c := range b {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func (s *scanner) fail(reason string) {
	panic(&ParseError{File: s.file, Path: s.path(), Reason: reason})
}

// readError carries a failure of the reader under the scanner (a broken
// zip entry, a dropped upload) to the file's edge.
type readError struct{ err error }

func (s *scanner) failRead(err error) {
	panic(readError{fmt.Errorf("%s: reading at byte %d: %w", s.file, s.base+int64(s.end), err)})
}

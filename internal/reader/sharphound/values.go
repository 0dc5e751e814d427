package sharphound

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// The scanner's values: strings, numbers and literals, read in place from
// its buffer, and skipping whatever the reader does not use.

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

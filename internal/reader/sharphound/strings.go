package sharphound

import (
	"encoding/binary"
	"math/bits"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Strings, read in place from the scanner's buffer: a string without
// escapes is handed out as a slice of it.

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
				if k > bounded.MaxField+1 {
					s.failLimit(bounded.StringError(string(buf[1 : 1+bounded.ExcerptLen])))
				}
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
		if k > bounded.MaxField+1 {
			s.failLimit(bounded.StringError(string(s.buf[s.pos+1 : s.pos+1+bounded.ExcerptLen])))
		}
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

// notUTF8 is why a string is refused when its bytes are not UTF-8: ward
// keeps text as UTF-8, and a name quietly changed to U+FFFD is not the one
// the admin will look for.
const notUTF8 = "is not valid UTF-8 text; save the export as UTF-8"

// text reads a string value kept as text (a name, an id), refusing one
// that is not valid UTF-8 where it is.
func (s *scanner) text() []byte {
	b := s.str()
	if !utf8.Valid(b) {
		s.fail(notUTF8)
	}
	return b
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

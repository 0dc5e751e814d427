package sharphound

import (
	"fmt"
	"strconv"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Where the scanner is, for errors: the token at hand and the JSON path to
// it, so a refused file names the value to fix.

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
	panic(&reader.ParseError{File: s.file, Path: s.path(), Reason: reason})
}

// failLimit refuses input that passed one of bounded's limits, at the
// path the scanner has reached; errors.As finds the *LimitError.
func (s *scanner) failLimit(le *bounded.LimitError) {
	panic(&reader.ParseError{File: s.file, Path: s.path(), Reason: le.Error(), Err: le})
}

// readError carries a failure of the reader under the scanner (a broken
// zip entry, a dropped upload) to the file's edge.
type readError struct{ err error }

func (s *scanner) failRead(err error) {
	panic(readError{fmt.Errorf("%s: reading at byte %d: %w", s.file, s.base+int64(s.end), err)})
}

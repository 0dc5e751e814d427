package sharphound

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// The scanner's other values: numbers and literals, read in place from
// its buffer, and skipping whatever the reader does not use.

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
			s.deeper(len(closers))
			closers = append(closers, '}')
			s.skipKey()
			continue
		case '[':
			s.pos++
			if s.peek() == ']' {
				s.pos++
				break
			}
			s.deeper(len(closers))
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

// deeper refuses a skipped value opening one level past bounded.MaxNesting,
// counting the frames above the value and the open levels inside it.
func (s *scanner) deeper(open int) {
	if len(s.frames)+open >= bounded.MaxNesting {
		s.failLimit(bounded.DeepError())
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

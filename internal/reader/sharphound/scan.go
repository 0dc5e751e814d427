package sharphound

import (
	"encoding/binary"
	"io"
	"strings"
	"sync"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
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
	scanChunk = 128 << 10 // read size; big enough that syscalls don't show
	// maxTokenSize bounds how far the buffer grows for one value. Strings
	// are refused past bounded.MaxField as they are scanned, so only a
	// run of digits could reach it; four times the field cap leaves a
	// string at the cap room to sit in the buffer wherever it starts.
	maxTokenSize = 4 * bounded.MaxField
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

// scanBufs keeps read buffers between files and imports: a collection is
// a handful of files, an upload service sees many, and a fresh 128 KiB
// buffer each time is memory to clear for nothing.
var scanBufs = sync.Pool{New: func() any { return new([scanChunk]byte) }}

func (s *scanner) reset(file string, r io.Reader) {
	if s.buf == nil {
		s.buf = scanBufs.Get().(*[scanChunk]byte)[:]
	}
	// The name may be an upload's, shown back in errors: keep it valid text.
	file = strings.ToValidUTF8(file, "\uFFFD")
	*s = scanner{r: r, file: file, buf: s.buf, frames: s.frames[:0], keys: s.keys[:0], unesc: s.unesc[:0], closers: s.closers[:0]}
	// C# tools often start UTF-8 files with a byte-order mark.
	if s.ensure(3) && s.buf[0] == 0xEF && s.buf[1] == 0xBB && s.buf[2] == 0xBF {
		s.pos = 3
	}
}

// release returns the read buffer for another file to use.
func (s *scanner) release() {
	if len(s.buf) == scanChunk { // not one grown for a long value
		scanBufs.Put((*[scanChunk]byte)(s.buf))
	}
	s.buf, s.r = nil, nil
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
				s.failLimit(&bounded.LimitError{Limit: "field length", Max: bounded.MaxField, Unit: "bytes",
					Detail: "a value is longer than 256 KiB", Excerpt: bounded.Excerpt(string(s.buf[s.pos:min(s.end, s.pos+bounded.ExcerptLen)]))})
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
	if len(s.frames) >= bounded.MaxNesting {
		s.failLimit(bounded.DeepError())
	}
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

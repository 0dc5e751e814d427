package identitygen

import (
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/identity"
)

// genOut writes one collector file. Each object is appended to a small
// buffer by hand (encoding/json's reflection is several times slower on
// hundreds of megabytes) and handed to the underlying writer, normally a
// bufio.Writer, whenever the buffer passes a few tens of kilobytes, so no
// file is ever held whole. It also counts the edges the reader will make of
// what was written.
type genOut struct {
	w   io.Writer
	b   []byte
	n   int64
	err error

	byKind [identity.NumEdgeKinds]int
	// The same edges by where they were written, for Stats.
	aces, members, primary, sessions, local, contains, links, other int
}

const genFlushAt = 32 << 10

func newGenOut(w io.Writer) *genOut { return &genOut{w: w, b: make([]byte, 0, 2*genFlushAt)} }

// maybeFlush passes the buffer on when it is big enough; called between
// list entries, so a huge member list streams too.
func (o *genOut) maybeFlush() {
	if len(o.b) >= genFlushAt {
		o.flush()
	}
}

func (o *genOut) flush() {
	if len(o.b) == 0 {
		return
	}
	if o.err == nil {
		_, o.err = o.w.Write(o.b)
	}
	o.n += int64(len(o.b))
	o.b = o.b[:0]
}

func (o *genOut) raw(s string) { o.b = append(o.b, s...) }

func (o *genOut) str(s string) { o.b = genAppendString(o.b, s) }

func (o *genOut) int(v int64) { o.b = strconv.AppendInt(o.b, v, 10) }

func (o *genOut) bool(v bool) { o.b = strconv.AppendBool(o.b, v) }

// comma separates list entries; writing separators before entries rather
// than after lets a list be flushed part-way through.
func (o *genOut) comma(i int) {
	if i > 0 {
		o.b = append(o.b, ',')
	}
}

// genAppendString appends s as a JSON string. Names are plain ASCII nearly
// always, so the common case is one scan and one copy; anything else is
// escaped, and invalid UTF-8 becomes U+FFFD so the output always parses.
func genAppendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', genHex[c>>4], genHex[c&0xf])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

const genHex = "0123456789abcdef"

// genRand is splitmix64: tiny, fast, and specified here rather than by a
// library, so a seed gives the same directory on every Go release. Each
// object draws from its own stream (genStream), so what an object looks
// like does not depend on the order objects are written in.
type genRand struct{ s uint64 }

func genMix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

func (r *genRand) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return genMix(r.s)
}

// intn is uniform in [0, n) for n > 0 (Lemire's multiply, without the
// rejection step: the bias is below 2^-32 for the sizes used here).
func (r *genRand) intn(n int) int { return int((r.next() >> 32) * uint64(n) >> 32) }

func (r *genRand) chance(p float64) bool { return float64(r.next()>>11) < p*(1<<53) }

// between is uniform in [lo, hi].
func (r *genRand) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func genStream(seed uint64, k identity.Kind, i int32, salt uint64) genRand {
	return genRand{genMix(seed ^ uint64(k)<<56 ^ salt<<40 ^ uint64(uint32(i)))}
}

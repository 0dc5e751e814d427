// Package bounded is what every importer reads an upload through, so
// that a small compressed file cannot make ward hold gigabytes: it caps
// the bytes a gzip or zip file expands to, the ratio of expanded to
// compressed bytes, a zip file's entries, a line's length and a field's,
// how deep JSON nests and how many records a file holds. Each refusal is
// a *LimitError naming the limit and quoting at most ExcerptLen bytes of
// the input. The expanded size and the record count may be raised for a
// larger estate (see Configure); the others are fixed.
package bounded

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/fault"
)

const (
	// MaxExpanded is the most text an import reads, compressed or not,
	// unless Configure has changed it.
	MaxExpanded = 1 << 30
	// MaxRecords is the most rows or objects one import reads, unless
	// Configure has changed it: a large council's estate is a few hundred
	// thousand, so ten million is far past any real export and still
	// stops a file of millions of empty rows before it fills memory.
	MaxRecords = 10_000_000
	// MaxNesting is the deepest JSON an import reads: SharpHound and Graph
	// objects nest fewer than ten levels, and a reader walking a deeper
	// document keeps a frame per level.
	MaxNesting = 64
	// MaxRatio is the most a gzip or zip file may expand per compressed
	// byte, once RatioGrace bytes have expanded: real CSV exports
	// compress 5–20 times; a file of one repeated byte, 1000 times.
	MaxRatio = 100
	// RatioGrace is how much may expand before the ratio is checked, so
	// that a small, highly repetitive export is still read.
	RatioGrace = 8 << 20
	// MaxLine is the longest line: Get-Mailbox's header is a few KB and a
	// ticket's description rarely a few tens.
	MaxLine = 1 << 20
	// MaxRecord is the longest record, whose quoted fields may span
	// lines (blank lines before it count too).
	MaxRecord = 16 << 20
	// MaxField is the longest field of a record.
	MaxField = 256 << 10
	// MaxZipEntries is the most entries a zip file may list.
	MaxZipEntries = 16
	// MaxZipEntry is the most one zip entry may declare or expand to,
	// unless Configure has changed the expanded size, which it follows.
	MaxZipEntry = MaxExpanded
	// ExcerptLen is the most of the input an error quotes.
	ExcerptLen = 64
)

// LimitError is input refused because it passed one of the limits.
type LimitError struct {
	Limit   string // what was limited, e.g. "expanded size"
	Max     int64  // the limit
	Unit    string // "bytes", "entries", "times the compressed size"
	Detail  string // how it was passed
	Excerpt string // at most ExcerptLen bytes of the input, or ""
}

// Unwrap makes a refusal bad input, so that every adapter answers it as one
// (422 from the API, exit 1 from the command) wherever a reader returns it.
func (e *LimitError) Unwrap() error { return fault.Invalid("file", "%s", e.Error()) }

func (e *LimitError) Error() string {
	s := fmt.Sprintf("refused: %s (the %s limit is %s)", e.Detail, e.Limit, size(e.Max, e.Unit))
	if e.Excerpt != "" {
		s += "; it starts " + strconv.Quote(e.Excerpt) + "…"
	}
	return s
}

// size reads like "1 GiB", "256 KiB", "100 times the compressed size".
func size(n int64, unit string) string {
	if unit == "bytes" && n > 0 {
		switch {
		case n >= 1<<30 && n%(1<<30) == 0:
			return fmt.Sprintf("%d GiB", n>>30)
		case n >= 1<<20 && n%(1<<20) == 0:
			return fmt.Sprintf("%d MiB", n>>20)
		case n >= 1<<10 && n%(1<<10) == 0:
			return fmt.Sprintf("%d KiB", n>>10)
		}
	}
	return strconv.FormatInt(n, 10) + " " + unit
}

// Excerpt is at most ExcerptLen bytes of s, cut on a character boundary.
func Excerpt(s string) string {
	if len(s) <= ExcerptLen {
		return s
	}
	n := ExcerptLen
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// expanded counts what a decompressor gives and stops at the limits.
type expanded struct {
	r   io.Reader
	in  func() int64 // compressed bytes read so far; nil for plain input
	max int64
	out int64
	err error
}

func (e *expanded) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	if room := e.max - e.out + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := e.r.Read(p)
	e.out += int64(n)
	if e.out > e.max {
		e.err = &LimitError{Limit: "expanded size", Max: e.max, Unit: "bytes",
			Detail: fmt.Sprintf("the file expands past %s", size(e.max, "bytes"))}
		return 0, e.err
	}
	if e.in != nil && e.out > RatioGrace {
		if in := max(e.in(), 1); e.out > MaxRatio*in {
			e.err = &LimitError{Limit: "compression ratio", Max: MaxRatio, Unit: "times the compressed size",
				Detail: fmt.Sprintf("%d compressed bytes expanded to more than %d (a decompression bomb?)", in, e.out)}
			return 0, e.err
		}
	}
	return n, err
}

// Plain caps uncompressed input at the expanded size.
func Plain(r io.Reader) io.Reader { return &expanded{r: r, max: Current().Expanded} }

// Gzip opens r as gzip, capped at MaxExpanded and MaxRatio. The error of
// a file that is not gzip is gzip's.
func Gzip(r io.Reader) (io.Reader, error) {
	c := &counter{r: r}
	zr, err := gzip.NewReader(c)
	if err != nil {
		return nil, err
	}
	return &expanded{r: zr, in: func() int64 { return c.n }, max: Current().Expanded}, nil
}

// CheckZip refuses a zip file listing more than MaxZipEntries entries.
func CheckZip(zr *zip.Reader) error {
	if n := len(zr.File); n > MaxZipEntries {
		return &LimitError{Limit: "zip entry count", Max: MaxZipEntries, Unit: "entries",
			Detail: fmt.Sprintf("the zip file lists %d entries", n)}
	}
	return nil
}

// ZipEntry opens f, refusing one that declares more than the expanded
// size and capping what it expands to (the declared sizes may lie) at
// that size and MaxRatio.
func ZipEntry(f *zip.File) (io.ReadCloser, error) {
	maxEntry := Current().Expanded
	if f.UncompressedSize64 > uint64(maxEntry) {
		return nil, &LimitError{Limit: "zip entry size", Max: maxEntry, Unit: "bytes",
			Detail: fmt.Sprintf("%s in the zip file declares %d bytes", Excerpt(f.Name), f.UncompressedSize64)}
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	in := int64(f.CompressedSize64)
	var inf func() int64
	if f.Method != zip.Store {
		inf = func() int64 { return in }
	}
	return struct {
		io.Reader
		io.Closer
	}{&expanded{r: rc, in: inf, max: maxEntry}, rc}, nil
}

// Lines refuses a line longer than MaxLine bytes as it passes, so that a
// reader buffering a line never holds more; and, once Mark has been
// called, a record longer than MaxRecord (a quoted field may hold
// newlines). A CSV reader calls Mark after each record it reads.
func Lines(r io.Reader) *LineReader { return &LineReader{r: r} }

// LineReader is what Lines returns.
type LineReader struct {
	r      io.Reader
	run    int64  // bytes since the last newline
	head   []byte // the current line's first ExcerptLen bytes
	marked bool
	since  int64 // bytes since the last Mark
	err    error
}

// Mark starts a record: from here at most MaxRecord bytes (and what the
// caller's buffer read ahead) may pass before the next Mark.
func (l *LineReader) Mark() { l.marked, l.since = true, 0 }

func (l *LineReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	l.since += int64(n)
	if l.marked && l.since > MaxRecord {
		l.err = &LimitError{Limit: "record length", Max: MaxRecord, Unit: "bytes",
			Detail: fmt.Sprintf("a record (a quoted field over many lines?) is longer than %s", size(MaxRecord, "bytes"))}
		return 0, l.err
	}
	for rest := p[:n]; ; {
		i := bytes.IndexByte(rest, '\n')
		seg := rest
		if i >= 0 {
			seg = rest[:i]
		}
		if l.run == 0 {
			l.head = l.head[:0]
		}
		if len(l.head) < ExcerptLen {
			l.head = append(l.head, seg[:min(len(seg), ExcerptLen-len(l.head))]...)
		}
		l.run += int64(len(seg))
		if l.run > MaxLine {
			l.err = &LimitError{Limit: "line length", Max: MaxLine, Unit: "bytes",
				Detail: fmt.Sprintf("a line is longer than %s", size(MaxLine, "bytes")), Excerpt: Excerpt(string(l.head))}
			return 0, l.err
		}
		if i < 0 {
			break
		}
		l.run, rest = 0, rest[i+1:]
	}
	return n, err
}

// Fields refuses a record with a field longer than MaxField bytes.
func Fields(rec []string) error {
	for i, f := range rec {
		if len(f) > MaxField {
			return &LimitError{Limit: "field length", Max: MaxField, Unit: "bytes",
				Detail: fmt.Sprintf("field %d is %d bytes", i+1, len(f)), Excerpt: Excerpt(f)}
		}
	}
	return nil
}

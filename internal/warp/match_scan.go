package warp

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// MaxLineBytes is the longest log line Scan accepts. Real log lines are a
// few hundred bytes; a longer "line" is almost always a file that is not a
// log, and is refused rather than silently cut.
const MaxLineBytes = 1 << 20

// Scan reads a log, plain or gzip-compressed (recognised by its first
// bytes, whatever the file is called), and calls emit for every hit with
// its 1-based line number. It returns the number of lines read, also when
// it fails.
func (m *Matcher) Scan(r io.Reader, emit func(Hit)) (lines int, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		// Bounded, so that a gzip bomb is refused by its ratio (or past
		// bounded.MaxExpanded) rather than scanned for minutes.
		zr, err := bounded.Gzip(br)
		if err != nil {
			return 0, fmt.Errorf("reading gzip-compressed log: %w", err)
		}
		r = zr
	} else {
		r = br
	}
	sc := bufio.NewScanner(r)
	// room beyond the limit for the line end, so the limit is checked
	// here, on the line itself
	sc.Buffer(make([]byte, 256<<10), MaxLineBytes+4)
	tooLong := func(n int) error {
		return fmt.Errorf("line %d is longer than %d bytes; is this a log file?", n, MaxLineBytes)
	}
	for sc.Scan() {
		if len(sc.Bytes()) > MaxLineBytes {
			return lines, tooLong(lines + 1)
		}
		lines++
		m.matchLine(sc.Bytes(), lines, emit)
	}
	switch err := sc.Err(); {
	case errors.Is(err, bufio.ErrTooLong):
		return lines, tooLong(lines + 1)
	case err != nil:
		return lines, fmt.Errorf("reading line %d: %w", lines+1, err)
	}
	return lines, nil
}

package bounded

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrBadGzip is a file that starts like gzip but cannot be read as it.
var ErrBadGzip = errors.New("not a readable gzip file")

// SniffLines reads r a line at a time within the limits, ungzipping it
// first when it starts with gzip's magic bytes: councils' exports arrive
// both ways and nobody should have to say which.
func SniffLines(r io.Reader) (*LineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return Lines(Plain(br)), nil
	}
	zr, err := Gzip(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadGzip, err)
	}
	return Lines(zr), nil
}

// Package boundedtest makes the compressed inputs that the tests of every
// door use to hold the bounded reader's promise.
package boundedtest

import (
	"bytes"
	"compress/gzip"
)

// GzipBomb is head followed by n bytes of fill, gzipped as a stream so that
// the caller never holds the expanded text: 64 MiB of one byte gzips to
// about 64 KB.
func GzipBomb(head string, fill byte, n int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(head))
	chunk := bytes.Repeat([]byte{fill}, 1<<20)
	for ; n > 0; n -= len(chunk) {
		zw.Write(chunk[:min(n, len(chunk))])
	}
	zw.Close() // writing to memory cannot fail
	return buf.Bytes()
}

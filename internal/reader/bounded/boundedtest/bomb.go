// Package boundedtest makes the compressed inputs that the tests of every
// door use to hold the bounded reader's promise.
package boundedtest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
)

// GzipBomb is head followed by n bytes of fill, gzipped as a stream so that
// the caller never holds the expanded text: 64 MiB of one byte gzips to
// about 64 KB.
func GzipBomb(head string, fill byte, n int) []byte {
	return GzipRepeat(head, string(fill), n)
}

// GzipRepeat is head followed by n bytes of unit repeated, gzipped as a
// stream: a bomb of well-formed content, such as `0,` inside a JSON array,
// that no limit but the compression ratio stops.
func GzipRepeat(head, unit string, n int) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(head))
	chunk := bytes.Repeat([]byte(unit), (1<<20)/len(unit))
	for ; n > 0; n -= len(chunk) {
		zw.Write(chunk[:min(n, len(chunk))])
	}
	zw.Close() // writing to memory cannot fail
	return buf.Bytes()
}

// ZipBomb is a zip file whose one entry, name, is head followed by n
// bytes of fill, deflated as a stream: 64 MiB of one byte is about 64 KB.
func ZipBomb(name, head string, fill byte, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create(name)
	w.Write([]byte(head))
	chunk := bytes.Repeat([]byte{fill}, 1<<20)
	for ; n > 0; n -= len(chunk) {
		w.Write(chunk[:min(n, len(chunk))])
	}
	zw.Close()
	return buf.Bytes()
}

// ZipOfMany is a zip file of n small entries named 0.json, 1.json, ….
func ZipOfMany(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, _ := zw.Create(fmt.Sprintf("%d.json", i))
		w.Write([]byte(`{"data":[],"meta":{"type":"users"}}`))
	}
	zw.Close()
	return buf.Bytes()
}

// Nested is prefix, depth opening brackets, the closing ones and suffix:
// a document nested far past any real export, such as
// Nested(`{"users":`, 100000, "}").
func Nested(prefix string, depth int, suffix string) string {
	return prefix + strings.Repeat("[", depth) + strings.Repeat("]", depth) + suffix
}

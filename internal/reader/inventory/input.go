package inventory

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Exports reach ward in whatever state the admin's tools left them: Intune
// downloads a zip holding one CSV, people gzip large logs, Windows
// PowerShell 5.1 writes UTF-16 with -Encoding Unicode, and most writers put
// a byte-order mark first. text undoes all of that so the readers see
// UTF-8 text and line numbers match what an editor shows.

// maxZip bounds the zip file read into memory (archive/zip needs random
// access); an Intune export of tens of thousands of devices is a few MB.
const maxZip = 256 << 20

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zipMagic  = []byte("PK\x03\x04")
	utf8BOM   = []byte{0xEF, 0xBB, 0xBF}
)

// text opens an export as UTF-8 text, read through bounded's caps on what
// a compressed file expands to.
func text(r io.Reader, file string) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(4)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", display(file), err)
	}
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := bounded.Gzip(br)
		if err != nil {
			return nil, fileError(file, fmt.Sprintf("not a readable gzip file: %v", err))
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	case bytes.HasPrefix(magic, zipMagic):
		member, err := unzipOne(br, file)
		if err != nil {
			return nil, err
		}
		br = bufio.NewReaderSize(member, 64<<10)
	default:
		br = bufio.NewReaderSize(bounded.Plain(br), 64<<10)
	}
	return unicodeText(br, file)
}

// unicodeText drops a UTF-8 byte-order mark and transcodes UTF-16 (which
// always starts with one when PowerShell writes it).
func unicodeText(br *bufio.Reader, file string) (*bufio.Reader, error) {
	bom, err := br.Peek(3)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", display(file), err)
	}
	switch {
	case bytes.HasPrefix(bom, utf8BOM):
		br.Discard(3)
	case bytes.HasPrefix(bom, []byte{0xFF, 0xFE}):
		br.Discard(2)
		return bufio.NewReaderSize(&utf16Reader{r: br, order: binary.LittleEndian}, 64<<10), nil
	case bytes.HasPrefix(bom, []byte{0xFE, 0xFF}):
		br.Discard(2)
		return bufio.NewReaderSize(&utf16Reader{r: br, order: binary.BigEndian}, 64<<10), nil
	}
	return br, nil
}

func display(file string) string {
	if file == "" {
		return "input"
	}
	return file
}

// unzipOne opens the only file in a zip archive.
func unzipOne(r io.Reader, file string) (io.Reader, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxZip+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display(file), err)
	}
	if len(data) > maxZip {
		return nil, fileError(file, fmt.Sprintf("a zip file larger than %d MB; unzip it and give the file inside", maxZip>>20))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fileError(file, fmt.Sprintf("not a readable zip file: %v", err))
	}
	if err := bounded.CheckZip(zr); err != nil {
		return nil, fileError(file, err.Error())
	}
	var files []*zip.File
	for _, f := range zr.File {
		if !f.FileInfo().IsDir() {
			files = append(files, f)
		}
	}
	if len(files) != 1 {
		return nil, fileError(file, fmt.Sprintf("a zip file holding %d files; ward reads a zip holding exactly one export", len(files)))
	}
	rc, err := bounded.ZipEntry(files[0])
	var le *bounded.LimitError
	if errors.As(err, &le) {
		return nil, fileError(file, err.Error())
	}
	if err != nil {
		return nil, fileError(file, fmt.Sprintf("cannot open %s in the zip file: %v", files[0].Name, err))
	}
	return rc, nil
}

// utf16Reader transcodes UTF-16 to UTF-8. An unpaired surrogate becomes
// U+FFFD, as encoding/json and Go strings treat bad UTF-8.
type utf16Reader struct {
	r     *bufio.Reader
	order binary.ByteOrder
	out   []byte // transcoded but not yet read
	err   error
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	for len(u.out) == 0 {
		if u.err != nil {
			return 0, u.err
		}
		u.fill()
	}
	n := copy(p, u.out)
	u.out = u.out[n:]
	return n, nil
}

// fill transcodes up to 4 KB of input.
func (u *utf16Reader) fill() {
	var buf [4]byte
	out := u.out[:0]
	for len(out) < 4096 {
		if _, err := io.ReadFull(u.r, buf[:2]); err != nil {
			u.err = unitErr(err)
			break
		}
		c := rune(u.order.Uint16(buf[:2]))
		if utf16.IsSurrogate(c) && c < 0xDC00 {
			// A high surrogate: the next unit should be its low half.
			next, err := u.r.Peek(2)
			if err == nil {
				if lo := rune(u.order.Uint16(next)); lo >= 0xDC00 && lo <= 0xDFFF {
					u.r.Discard(2)
					c = utf16.DecodeRune(c, lo)
				}
			}
		}
		if utf16.IsSurrogate(c) {
			c = utf8.RuneError
		}
		out = utf8.AppendRune(out, c)
	}
	u.out = out
}

func unitErr(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errors.New("the file is UTF-16 (it starts with a UTF-16 byte-order mark) but has an odd number of bytes")
	}
	return err
}

// peekText decompresses and decodes as much of head (the first bytes of a
// file) as it can, for DetectFormat; inner is the name of the file inside a
// zip archive, if any.
func peekText(head []byte) (text []byte, inner string) {
	switch {
	case bytes.HasPrefix(head, gzipMagic):
		if zr, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			head, _ = io.ReadAll(io.LimitReader(zr, 64<<10))
		}
	case bytes.HasPrefix(head, zipMagic) && len(head) >= 30:
		// The first local file header: method at 8, sizes at 18, name
		// length at 26, extra length at 28, then the name, extra, data.
		method := binary.LittleEndian.Uint16(head[8:])
		nameLen := int(binary.LittleEndian.Uint16(head[26:]))
		extraLen := int(binary.LittleEndian.Uint16(head[28:]))
		start := 30 + nameLen + extraLen
		if start > len(head) {
			return nil, ""
		}
		inner = string(head[30 : 30+nameLen])
		data := head[start:]
		switch method {
		case zip.Store:
			head = data
		case zip.Deflate:
			head, _ = io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data)), 64<<10))
		default:
			head = nil
		}
	}
	br, err := unicodeText(bufio.NewReader(bytes.NewReader(head)), "")
	if err != nil {
		return nil, inner
	}
	text, _ = io.ReadAll(br)
	if inner != "" {
		inner = path.Base(strings.ReplaceAll(inner, "\\", "/"))
	}
	return text, inner
}

package bounded

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

func limit(t *testing.T, err error, name string) *LimitError {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != name {
		t.Fatalf("err = %v, want the %s limit", err, name)
	}
	return le
}

func TestGzipBombStopsAtRatio(t *testing.T) {
	z := boundedtest.GzipBomb("", '0', 32<<20)
	r, err := Gzip(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, r)
	le := limit(t, err, "compression ratio")
	if n > RatioGrace+1<<20 {
		t.Errorf("read %d bytes before refusing, want about %d", n, RatioGrace)
	}
	if !strings.Contains(le.Error(), "compression ratio limit is 100") {
		t.Errorf("message %q does not name the limit", le.Error())
	}
}

func TestGzipOrdinaryPasses(t *testing.T) {
	z := boundedtest.GzipBomb("", 'x', 1<<20) // under the grace, so any ratio is fine
	r, err := Gzip(bytes.NewReader(z))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := io.Copy(io.Discard, r); err != nil || n != 1<<20 {
		t.Fatalf("n, err = %d, %v", n, err)
	}
}

func TestExpandedCap(t *testing.T) {
	r := &expanded{r: strings.NewReader(strings.Repeat("a", 5000)), max: 4096}
	n, err := io.Copy(io.Discard, r)
	limit(t, err, "expanded size")
	if n > 4096 {
		t.Errorf("passed %d bytes beyond the cap", n)
	}
	if _, err := io.Copy(io.Discard, Plain(strings.NewReader("a,b\n"))); err != nil {
		t.Fatal(err)
	}
}

func TestLinesCapAndExcerpt(t *testing.T) {
	long := "Name," + strings.Repeat("é", MaxLine) + "\n"
	_, err := io.Copy(io.Discard, Lines(strings.NewReader("a,b\n"+long)))
	le := limit(t, err, "line length")
	if len(le.Excerpt) > ExcerptLen || !strings.HasPrefix(le.Excerpt, "Name,é") {
		t.Errorf("excerpt %q", le.Excerpt)
	}
	if len(le.Error()) > 300 {
		t.Errorf("message is %d bytes", len(le.Error()))
	}
	ok := strings.Repeat(strings.Repeat("x", MaxLine-1)+"\n", 3)
	if _, err := io.Copy(io.Discard, Lines(strings.NewReader(ok))); err != nil {
		t.Fatalf("lines at the cap: %v", err)
	}
}

func TestFields(t *testing.T) {
	if err := Fields([]string{"a", strings.Repeat("b", MaxField)}); err != nil {
		t.Fatal(err)
	}
	limit(t, Fields([]string{"a", strings.Repeat("b", MaxField+1)}), "field length")
}

func TestZipLimits(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i <= MaxZipEntries; i++ {
		w, _ := zw.Create(strings.Repeat("f", i+1))
		w.Write([]byte("a"))
	}
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	limit(t, CheckZip(zr), "zip entry count")

	buf.Reset()
	zw = zip.NewWriter(&buf)
	w, _ := zw.Create("devices.csv")
	w.Write(make([]byte, 32<<20))
	zw.Close()
	zr, _ = zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	rc, err := ZipEntry(zr.File[0])
	if err != nil {
		t.Fatal(err)
	}
	_, err = io.Copy(io.Discard, rc)
	limit(t, err, "compression ratio")
	zr.File[0].UncompressedSize64 = MaxZipEntry + 1
	_, err = ZipEntry(zr.File[0])
	limit(t, err, "zip entry size")
}

func TestRecordCap(t *testing.T) {
	body := strings.Repeat("a\n", MaxRecord/2+1)
	// Before Mark, only lines are capped.
	if _, err := io.Copy(io.Discard, Lines(strings.NewReader(body))); err != nil {
		t.Fatal(err)
	}
	l := Lines(strings.NewReader("h\n" + body))
	l.Mark()
	_, err := io.Copy(io.Discard, l)
	limit(t, err, "record length")
	l = Lines(strings.NewReader(body))
	buf := make([]byte, 1<<20)
	for {
		l.Mark() // a record per read: never refused
		if _, err := l.Read(buf); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
}

package warpsvc

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/stix"
)

// zeros is an endless plain feed, so that the test holds none of it.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// MaxFeed counts what a feed reads as, not what was sent: a plain feed
// (from the command line, which has no upload limit) stops one byte past
// it.
func TestFeedStopsAtMaxFeed(t *testing.T) {
	body, err := unzipped(zeros{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.Copy(io.Discard, body)
	var le *bounded.LimitError
	if !errors.As(err, &le) || le.Limit != "feed size" || !strings.Contains(err.Error(), "the feed size limit is 256 MiB") {
		t.Fatalf("read %d bytes, then %v; want the feed size limit", n, err)
	}
	if n != MaxFeed {
		t.Errorf("read %d bytes before refusing, want %d", n, MaxFeed)
	}
	exact, _ := unzipped(io.LimitReader(zeros{}, MaxFeed))
	if n, err := io.Copy(io.Discard, exact); err != nil || n != MaxFeed {
		t.Errorf("a feed of exactly MaxFeed bytes: %d, %v", n, err)
	}
}

// stixBomb is a bundle whose one indicator's pattern is n bytes of 'a',
// gzipped: 300 MiB gzips to about 300 KB.
func stixBomb(n int) []byte {
	head := `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` +
		`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
		`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
		`"pattern":"[domain-name:value = '`
	return boundedtest.GzipBomb(head, 'a', n)
}

// decodeFeed reads a feed as an import does, up to the STIX decoder.
func decodeFeed(data []byte) error {
	body, err := unzipped(bytes.NewReader(data))
	if err != nil {
		return err
	}
	_, err = stix.Decode(body, "bomb.json.gz")
	return err
}

// BenchmarkSTIXBomb reads a gzipped bundle with a 300 MiB indicator
// (about 300 KB) to its refusal, and reports the peak heap in use.
func BenchmarkSTIXBomb(b *testing.B) {
	data := stixBomb(300 << 20)
	b.ReportAllocs()
	var peak uint64
	for b.Loop() {
		if err := decodeFeed(data); err == nil || !strings.Contains(err.Error(), "compression ratio limit") {
			b.Fatalf("the bomb gave %v", err)
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapInuse)
	}
	b.ReportMetric(float64(len(data)), "gzip-bytes")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap-inuse")
}

package entra_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

// BenchmarkNestedJSONBomb reads an Entra export nested 100,000 arrays deep
// (200 KB) until the nesting limit refuses it, and reports the peak heap.
func BenchmarkNestedJSONBomb(b *testing.B) {
	doc := []byte(boundedtest.Nested(`{"users":[{"id":"u1","x":`, 100_000, "}]}"))
	benchBomb(b, doc, "nesting depth")
}

// BenchmarkGzipBomb reads a gzipped export whose array of 64 MiB of `0,`
// (about 64 KB gzipped) is well formed, until the ratio limit refuses it.
func BenchmarkGzipBomb(b *testing.B) {
	benchBomb(b, boundedtest.GzipRepeat(`{"users":[{"id":"u1","x":[`, "0,", 64<<20), "compression ratio")
}

func benchBomb(b *testing.B, doc []byte, limit string) {
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		peak = max(peak, boundedtest.PeakHeap(func() {
			if err := readEntra(doc); err == nil || !strings.Contains(err.Error(), limit) {
				b.Fatalf("the bomb was not refused by the %s limit: %v", limit, err)
			}
		}))
	}
	b.ReportMetric(float64(len(doc)), "input-bytes")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

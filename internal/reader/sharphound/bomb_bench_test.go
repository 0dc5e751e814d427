package sharphound

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
)

// BenchmarkZipBomb opens a collection zip whose users.json expands from
// about 64 KB to 64 MiB of white space, until the bounded reader refuses it,
// and reports the peak heap while it runs.
func BenchmarkZipBomb(b *testing.B) {
	data := boundedtest.ZipBomb("users.json", `{"data":[`, ' ', 64<<20)
	path := writeFile(b, "collection.zip", data)
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		peak = max(peak, boundedtest.PeakHeap(func() {
			if _, err := Open(path); err == nil || !strings.Contains(err.Error(), "compression ratio") {
				b.Fatalf("the bomb was not refused by its ratio: %v", err)
			}
		}))
	}
	b.ReportMetric(float64(len(data)), "zip-bytes")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

// BenchmarkNestedJSONBomb reads a users.json nested 100,000 arrays deep
// (200 KB) until the nesting limit refuses it.
func BenchmarkNestedJSONBomb(b *testing.B) {
	doc := boundedtest.Nested(`{"data":[],"meta":{"type":"users"},"x":`, 100_000, "}")
	var peak uint64
	b.ReportAllocs()
	for b.Loop() {
		peak = max(peak, boundedtest.PeakHeap(func() {
			err := Read(identity.NewBuilder(identity.ActiveDirectory), "users.json", strings.NewReader(doc))
			if err == nil || !strings.Contains(err.Error(), "nesting depth") {
				b.Fatalf("the bomb was not refused by its depth: %v", err)
			}
		}))
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
}

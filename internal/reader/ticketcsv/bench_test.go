package ticketcsv

import (
	"io"
	"testing"
)

// BenchmarkServiceNow parses the whole shared sample, gzipped as shipped.
func BenchmarkServiceNow(b *testing.B) {
	data := readSample(b)
	b.ReportAllocs()
	rows := 0
	for b.Loop() {
		r, err := ServiceNow(bytesReader(data), Options{SkipInvalid: true})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
		rows += r.Rows()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

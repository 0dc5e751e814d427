package boundedtest

import (
	"runtime"
	"runtime/metrics"
	"time"
)

// PeakHeap runs fn and returns the most bytes of live and unswept heap
// objects seen while it ran, sampled every 100 µs (runtime/metrics reads
// without stopping the world). It is for benchmarks that report what a bomb
// costs in memory; a sampled peak can miss a spike shorter than the period.
func PeakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	peak := read()
	done, out := make(chan struct{}), make(chan uint64)
	go func() {
		p := uint64(0)
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			p = max(p, read())
			select {
			case <-done:
				out <- max(p, read())
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	return max(peak, <-out)
}

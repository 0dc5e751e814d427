//go:build unix

package warp_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/warp"
)

// The load: a million indicators, half of them domains, and proxy
// logs of about 160-byte lines of which 1% name an indicator. Run with
//
//	go test -run '^$' -bench 'Matcher|Grep' -cpu 1 -count 3 ./internal/warp/
//
// Besides wall-clock figures the benchmarks report the process's CPU time
// (getrusage, hence unix only): on a machine shared with other work the
// wall clock counts the time the benchmark waited for a core, and the CPU
// figure says what one core of its own would do.

const (
	benchIndicators = 1_000_000
	benchLines      = 1_000_000
)

var bench struct {
	once    sync.Once
	entries []warp.Entry
	ins     []warp.Indicator
	logs    map[warpgen.LogStyle][]byte
	m       *warp.Matcher
}

func benchSetup(b *testing.B) {
	bench.once.Do(func() {
		bench.ins = warpgen.Indicators(benchIndicators, 1)
		bench.entries = warpgen.Entries(bench.ins)
		bench.logs = map[warpgen.LogStyle][]byte{}
		for _, style := range warpgen.LogStyles {
			var buf bytes.Buffer
			spec := warpgen.LogSpec{Style: style, Lines: benchLines, Seed: 2, Indicators: bench.ins, HitShare: 0.01, NearMisses: 0.01}
			if err := warpgen.Log(&buf, spec); err != nil {
				panic(err)
			}
			bench.logs[style] = buf.Bytes()
		}
		bench.m = warp.NewMatcher(bench.entries)
	})
	b.ResetTimer()
}

// cpuTime is the CPU time the process has used, garbage collection included.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapMiB() float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return float64(ms.HeapAlloc) / (1 << 20)
}

func BenchmarkMatcherBuild(b *testing.B) {
	benchSetup(b)
	before := heapMiB()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	b.ResetTimer()
	var m *warp.Matcher
	cpu0 := cpuTime()
	for range b.N {
		m = nil // let the previous matcher go before building the next
		m = warp.NewMatcher(bench.entries)
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	runtime.ReadMemStats(&ms1)
	b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/(1<<20)/float64(b.N), "MiB-alloc/op")
	b.ReportMetric(heapMiB()-before, "MiB-retained")
	runtime.KeepAlive(m)
}

// BenchmarkMatcherHeld is the heap a process holds for the whole load: the
// indicators themselves and the matcher over them.
func BenchmarkMatcherHeld(b *testing.B) {
	before := heapMiB()
	var m *warp.Matcher
	for range b.N {
		ins := warpgen.Indicators(benchIndicators, 1)
		m = warp.NewMatcher(warpgen.Entries(ins))
	}
	b.StopTimer()
	b.ReportMetric(heapMiB()-before, "MiB-held")
	runtime.KeepAlive(m)
}

func BenchmarkMatcherScan(b *testing.B) {
	benchSetup(b)
	for _, style := range warpgen.LogStyles {
		b.Run(string(style), func(b *testing.B) {
			log := bench.logs[style]
			b.SetBytes(int64(len(log)))
			hits := 0
			start, cpu0 := time.Now(), cpuTime()
			for range b.N {
				n, err := bench.m.Scan(bytes.NewReader(log), func(warp.Hit) { hits++ })
				if err != nil || n < benchLines {
					b.Fatal(n, err)
				}
			}
			b.ReportMetric(float64(benchLines*b.N)/time.Since(start).Seconds(), "lines/s")
			b.ReportMetric(float64(benchLines*b.N)/(cpuTime()-cpu0).Seconds(), "cpu-lines/s")
			b.ReportMetric(float64(hits)/float64(b.N), "hits")
		})
	}
}

// BenchmarkGrepFixed runs the system grep over the same proxy log with the
// same domains and hashes as fixed strings (grep cannot do networks or
// parent domains), for a yardstick measured in the same run.
func BenchmarkGrepFixed(b *testing.B) {
	grep, err := exec.LookPath("grep")
	if err != nil {
		b.Skip("no grep on this machine:", err)
	}
	benchSetup(b)
	b.StopTimer()
	dir := b.TempDir()
	patterns, logPath := filepath.Join(dir, "patterns.txt"), filepath.Join(dir, "proxy.log")
	var p strings.Builder
	for _, in := range bench.ins {
		switch in.Type {
		case warp.Domain, warp.MD5, warp.SHA1, warp.SHA256:
			p.WriteString(in.Value)
			p.WriteByte('\n')
		}
	}
	if err := os.WriteFile(patterns, []byte(p.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(logPath, bench.logs[warpgen.ProxyLog], 0o600); err != nil {
		b.Fatal(err)
	}
	run := func(file string) (count string, cpu time.Duration) {
		cmd := exec.Command(grep, "-F", "-c", "-f", patterns, file)
		cmd.Env = append(os.Environ(), "LC_ALL=C")
		out, err := cmd.Output()
		if err != nil && cmd.ProcessState.ExitCode() != 1 { // 1: no line matched
			b.Fatal(err)
		}
		return strings.TrimSpace(string(out)), cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	t0 := time.Now()
	run(os.DevNull)
	setup := time.Since(t0)
	b.StartTimer()
	var count string
	var cpu time.Duration
	start := time.Now()
	for range b.N {
		c, t := run(logPath)
		count, cpu = c, cpu+t
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(benchLines*b.N)/elapsed.Seconds(), "lines/s")
	b.ReportMetric(float64(benchLines*b.N)/cpu.Seconds(), "cpu-lines/s")
	b.ReportMetric(setup.Seconds(), "setup-s")
	if n, err := strconv.Atoi(count); err == nil {
		b.ReportMetric(float64(n), "lines-matched")
	}
}

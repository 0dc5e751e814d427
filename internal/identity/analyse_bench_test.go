package identity_test

import (
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
)

// The target: a directory of 100,000 users, 20,000 groups, 30,000
// computers and 2,000,000 relations, read and analysed completely in under
// 5 s and 2 GiB on one core (go test -bench Estate -cpu 1). The collection
// is generated once into a temporary folder and read from disk as a stream,
// as `ward import sharphound` reads it.

var (
	estateOnce sync.Once
	estateDir  string
	estateErr  error
	estateSpec = identitygen.Spec{Domain: "ASHCOMBE.LOCAL", Users: 100_000, Groups: 20_000, Computers: 30_000,
		Edges: 2_000_000, Seed: 1, Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), MetaLast: true}
)

func estateCollection(b *testing.B) string {
	estateOnce.Do(func() {
		estateDir, estateErr = os.MkdirTemp("", "ward-estate-bench-")
		if estateErr == nil {
			_, estateErr = identitygen.SharpHound(estateDir, estateSpec)
		}
	})
	if estateErr != nil {
		b.Fatal(estateErr)
	}
	return estateDir
}

// BenchmarkEstateImportAndAnalyse reads the collection, joins it, walks
// every path to Tier Zero, finds the choke points and runs every check.
func BenchmarkEstateImportAndAnalyse(b *testing.B) {
	dir := estateCollection(b)
	in := identity.CheckInput{Settings: posture.Settings{}, Now: estateSpec.Now}
	runtime.GC()
	var reaching, findings, edges int
	for b.Loop() {
		d, err := sharphound.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		a := identity.Analyse(identity.Combine(d), nil)
		findings = len(identity.Check(a, in))
		reaching, edges = len(a.Reaching), len(a.Graph.Edges)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(edges), "edges")
	b.ReportMetric(float64(reaching), "reaching")
	b.ReportMetric(float64(findings), "findings")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "MiB-from-OS")
}

// BenchmarkEstateAnalyse is the analysis alone, on a directory already read.
func BenchmarkEstateAnalyse(b *testing.B) {
	d, err := sharphound.Open(estateCollection(b))
	if err != nil {
		b.Fatal(err)
	}
	in := identity.CheckInput{Settings: posture.Settings{}, Now: estateSpec.Now}
	for b.Loop() {
		identity.Check(identity.Analyse(identity.Combine(d), nil), in)
	}
}

// BenchmarkEstateCodec is the stored form: encoding for an import and
// decoding for the pages.
func BenchmarkEstateCodec(b *testing.B) {
	d, err := sharphound.Open(estateCollection(b))
	if err != nil {
		b.Fatal(err)
	}
	var size int
	for b.Loop() {
		data := identity.Encode(d)
		size = len(data)
		if _, err := identity.Decode(data); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-stored")
}

package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

var (
	sinkDuration time.Duration
	sinkTime     time.Time
)

// benchStarts are 1024 instants spread over 2020–2025, so that the tables
// are read at different places as a busy service desk would read them.
func benchStarts() []time.Time {
	r := rand.New(rand.NewPCG(7, 8))
	ts := make([]time.Time, 1024)
	for i := range ts {
		ts[i] = randomInstant(r)
	}
	return ts
}

var benchIntervals = []struct {
	name string
	d    time.Duration
}{
	{"3h", 3 * time.Hour},
	{"3y", 3 * 365 * 24 * time.Hour},
}

func BenchmarkBetween(b *testing.B) {
	c := compile(b, Default())
	starts := benchStarts()
	for _, iv := range benchIntervals {
		b.Run(iv.name, func(b *testing.B) {
			ends := make([]time.Time, len(starts))
			for i, s := range starts {
				ends[i] = s.Add(iv.d)
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				sinkDuration = c.Between(starts[i&1023], ends[i&1023])
				i++
			}
		})
	}
}

func BenchmarkAdd(b *testing.B) {
	c := compile(b, Default())
	starts := benchStarts()
	for _, iv := range []struct {
		name string
		d    time.Duration
	}{
		{"3h", 3 * time.Hour},
		{"3y", 3 * 253 * 8 * time.Hour}, // three years of working days
	} {
		b.Run(iv.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				sinkTime = c.Add(starts[i&1023], iv.d)
				i++
			}
		})
	}
}

func BenchmarkNew(b *testing.B) {
	d := Default()
	d.Closures = []Closure{closure("2024-12-24T12:30", "2024-12-25T00:00")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(d); err != nil {
			b.Fatal(err)
		}
	}
}

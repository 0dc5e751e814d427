package posture_test

import (
	"reflect"
	"testing"

	"github.com/ward-shared-service/ward/internal/gen/posturegen"
	"github.com/ward-shared-service/ward/internal/posture"
)

// Tests and benchmarks over a generated estate. They are an external test
// package because posturegen imports posture; the internal tests' helpers
// come through export_test.go.

// The generated estate must exercise every control: each fails for a few
// percent of the devices it applies to, and unknowns occur.
func TestGeneratedDevicesFailRealistically(t *testing.T) {
	const n = 20000
	e := posture.TestEvaluator(t, posture.AshcombeSettings(), posture.TestNow)
	ds := posturegen.Devices(n, 1, posture.TestNow)
	var results []posture.SubjectResults
	types := map[posture.DeviceType]int{}
	owners := map[posture.Ownership]int{}
	oses := map[posture.OSFamily]int{}
	var out []posture.Result
	tally := posture.NewTally()
	for i := range ds {
		d := &ds[i]
		types[d.Type]++
		owners[d.Ownership]++
		oses[d.OS]++
		out = e.EvaluateDevice(d, out[:0])
		tally.Add(out)
		if i < 10 {
			results = append(results, posture.SubjectResults{Subject: d.Key(), Results: append([]posture.Result(nil), out...)})
		}
	}
	if len(types) < 6 || len(owners) < 3 || len(oses) < 5 {
		t.Errorf("too little mix: %v %v %v", types, owners, oses)
	}
	unknowns := 0
	for _, s := range tally.Summary() {
		applicable := s.Pass + s.Fail + s.Unknown
		rate := float64(s.Fail) / float64(applicable) * 100
		t.Logf("%-20s pass %6d fail %5d (%4.1f%%) unknown %5d n/a %5d compliance %5.1f%%",
			s.Control, s.Pass, s.Fail, rate, s.Unknown, s.NotApplicable, s.Compliance)
		if rate < 2 || rate > 12 {
			t.Errorf("%s fails for %.1f%% of the devices it applies to, want roughly 3–10%%", s.Control, rate)
		}
		unknowns += s.Unknown
	}
	if unknowns == 0 {
		t.Error("no unknown outcomes")
	}
}

func TestGeneratedMailboxesForwardSometimes(t *testing.T) {
	const n = 20000
	e := posture.TestEvaluator(t, posture.Settings{OfficialDomains: []string{"ashcombe.gov.uk", "ashcombe-schools.org.uk"}}, posture.TestNow)
	ms := posturegen.Mailboxes(n, 3, []string{"ashcombe.gov.uk", "ashcombe-schools.org.uk"})
	fails := map[string]int{}
	var out []posture.Result
	for i := range ms {
		out = e.EvaluateMailbox(&ms[i], out[:0])
		for _, r := range out {
			if r.Outcome == posture.Fail {
				fails[r.Control]++
			}
		}
	}
	if f := float64(fails["external-forwarding"]) / n * 100; f < 2 || f > 6 {
		t.Errorf("%.1f%% of mailboxes forward outside, want a few percent", f)
	}
	if f := float64(fails["unofficial-domain"]) / n * 100; f < 0.5 || f > 2 {
		t.Errorf("%.1f%% of mailboxes are on an unofficial domain, want about 1%%", f)
	}
}

// BenchmarkEvaluateDevices measures one op as evaluating 100,000 devices
// against every control; the target is under one second on one core.
func BenchmarkEvaluateDevices(b *testing.B) {
	ds := posturegen.Devices(100_000, 1, posture.TestNow)
	e, err := posture.NewEvaluator(posture.AshcombeSettings(), posture.TestNow)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]posture.Result, 0, 16)
	b.ReportAllocs()
	b.ResetTimer()
	fails := 0
	for b.Loop() {
		for i := range ds {
			out = e.EvaluateDevice(&ds[i], out[:0])
			for j := range out {
				if out[j].Outcome == posture.Fail {
					fails++
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/device")
	_ = fails
}

func BenchmarkEvaluateMailboxes(b *testing.B) {
	ms := posturegen.Mailboxes(100_000, 1, []string{"ashcombe.gov.uk"})
	e, err := posture.NewEvaluator(posture.AshcombeSettings(), posture.TestNow)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]posture.Result, 0, 4)
	b.ReportAllocs()
	for b.Loop() {
		for i := range ms {
			out = e.EvaluateMailbox(&ms[i], out[:0])
		}
	}
}

func TestIndexFindAllocatesNothing(t *testing.T) {
	ds := posturegen.Devices(1000, 5, posture.TestNow)
	ptrs := make([]*posture.Device, len(ds))
	for i := range ds {
		ptrs[i] = &ds[i]
	}
	idx := posture.NewIndex(ptrs)
	in := posture.Device{Name: "ash-lt-100500", SourceIDs: map[string]string{"intune": "Not-Known"}, Serial: "Not-A-Serial"}
	if a := testing.AllocsPerRun(100, func() { idx.Find(&in, "intune") }); a != 0 {
		t.Errorf("%v allocations per Find", a)
	}
}

func BenchmarkIndex(b *testing.B) {
	ds := posturegen.Devices(100_000, 1, posture.TestNow)
	ptrs := make([]*posture.Device, len(ds))
	for i := range ds {
		ptrs[i] = &ds[i]
	}
	// Incoming reports as a second source would send them: upper-cased names,
	// the serial where the tool reads one.
	incoming := posturegen.Devices(100_000, 1, posture.TestNow)
	for i := range incoming {
		if i%3 == 0 {
			incoming[i].Serial = ""
		}
	}
	b.Run("NewIndex", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			posture.NewIndex(ptrs)
		}
	})
	idx := posture.NewIndex(ptrs)
	b.Run("Find", func(b *testing.B) {
		b.ReportAllocs()
		found := 0
		for b.Loop() {
			for i := range incoming {
				if idx.Find(&incoming[i], "intune") != nil {
					found++
				}
			}
		}
		_ = found
	})
	b.Run("FindAndMerge", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			known := posturegen.Devices(100_000, 1, posture.TestNow)
			kp := make([]*posture.Device, len(known))
			for i := range known {
				kp[i] = &known[i]
			}
			x := posture.NewIndex(kp)
			b.StartTimer()
			for i := range incoming {
				if d := x.Find(&incoming[i], "intune"); d != nil {
					posture.Merge(d, incoming[i], "defender")
				}
			}
		}
	})
}

// The streaming ranker keeps the same top n whatever order subjects come in.
func TestRankerIgnoresOrder(t *testing.T) {
	e := posture.TestEvaluator(t, posture.AshcombeSettings(), posture.TestNow)
	ds := posturegen.Devices(3000, 9, posture.TestNow)
	var all []posture.SubjectResults
	for i := range ds {
		all = append(all, posture.SubjectResults{ds[i].Key(), e.EvaluateDevice(&ds[i], nil)})
	}
	forward := posture.WorstSubjects(all, 25)
	reversed := make([]posture.SubjectResults, len(all))
	for i := range all {
		reversed[len(all)-1-i] = all[i]
	}
	if back := posture.WorstSubjects(reversed, 25); !reflect.DeepEqual(forward, back) {
		t.Error("ranking depends on input order")
	}
	for i := 1; i < len(forward); i++ {
		if forward[i].Score > forward[i-1].Score {
			t.Fatalf("not worst first at %d: %+v", i, forward)
		}
	}
}

func BenchmarkSummariseDevices(b *testing.B) {
	e, _ := posture.NewEvaluator(posture.AshcombeSettings(), posture.TestNow)
	ds := posturegen.Devices(100_000, 1, posture.TestNow)
	keys := make([]string, len(ds))
	for i := range ds {
		keys[i] = ds[i].Key()
	}
	out := make([]posture.Result, 0, 16)
	b.ReportAllocs()
	for b.Loop() {
		t, r := posture.NewTally(), posture.NewRanker(50)
		for i := range ds {
			out = e.EvaluateDevice(&ds[i], out[:0])
			t.Add(out)
			r.Add(keys[i], out)
		}
		t.Summary()
		r.Worst()
	}
}

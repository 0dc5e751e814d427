package posture

import (
	"reflect"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := GenerateDevices(500, 42, testNow), GenerateDevices(500, 42, testNow)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different devices")
	}
	if c := GenerateDevices(500, 43, testNow); reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same devices")
	}
	m1, m2 := GenerateMailboxes(500, 7, []string{"ashcombe.gov.uk"}), GenerateMailboxes(500, 7, []string{"ashcombe.gov.uk"})
	if !reflect.DeepEqual(m1, m2) {
		t.Error("the same seed gave different mailboxes")
	}
}

// The generated estate must exercise every control: each fails for a few
// percent of the devices it applies to, and unknowns occur.
func TestGeneratedDevicesFailRealistically(t *testing.T) {
	const n = 20000
	e := evaluator(t, ashcombe(), testNow)
	ds := GenerateDevices(n, 1, testNow)
	var results []SubjectResults
	types := map[DeviceType]int{}
	owners := map[Ownership]int{}
	oses := map[OSFamily]int{}
	var out []Result
	tally := NewTally()
	for i := range ds {
		d := &ds[i]
		types[d.Type]++
		owners[d.Ownership]++
		oses[d.OS]++
		out = e.EvaluateDevice(d, out[:0])
		tally.Add(out)
		if i < 10 {
			results = append(results, SubjectResults{Subject: d.Key(), Results: append([]Result(nil), out...)})
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
	e := evaluator(t, Settings{OfficialDomains: []string{"ashcombe.gov.uk", "ashcombe-schools.org.uk"}}, testNow)
	ms := GenerateMailboxes(n, 3, []string{"ashcombe.gov.uk", "ashcombe-schools.org.uk"})
	fails := map[string]int{}
	var out []Result
	for i := range ms {
		out = e.EvaluateMailbox(&ms[i], out[:0])
		for _, r := range out {
			if r.Outcome == Fail {
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
	ds := GenerateDevices(100_000, 1, testNow)
	e, err := NewEvaluator(ashcombe(), testNow)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]Result, 0, 16)
	b.ReportAllocs()
	b.ResetTimer()
	fails := 0
	for b.Loop() {
		for i := range ds {
			out = e.EvaluateDevice(&ds[i], out[:0])
			for j := range out {
				if out[j].Outcome == Fail {
					fails++
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/device")
	_ = fails
}

func BenchmarkEvaluateMailboxes(b *testing.B) {
	ms := GenerateMailboxes(100_000, 1, []string{"ashcombe.gov.uk"})
	e, err := NewEvaluator(ashcombe(), testNow)
	if err != nil {
		b.Fatal(err)
	}
	out := make([]Result, 0, 4)
	b.ReportAllocs()
	for b.Loop() {
		for i := range ms {
			out = e.EvaluateMailbox(&ms[i], out[:0])
		}
	}
}

func BenchmarkGenerateDevices(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		GenerateDevices(100_000, 1, testNow)
	}
}

package report

import (
	"testing"
	"time"
)

// BenchmarkTelephonyTallyAMillionCalls is the report's arithmetic alone:
// a year's million call keys added up by hour and day in London, with the
// 90th percentile of the period and of every hour and day.
func BenchmarkTelephonyTallyAMillionCalls(b *testing.B) {
	const calls = 1_000_000
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	keys := make([]int64, calls)
	step := 365 * 24 * time.Hour / calls
	for i := range keys {
		q := start.Add(time.Duration(i) * step)
		wait := time.Duration(i*7919%120) * time.Second
		if i%14 == 0 {
			keys[i] = CallKey(CallTimes{Queued: q, Abandoned: q.Add(wait)})
		} else {
			keys[i] = CallKey(CallTimes{Queued: q, Answered: q.Add(wait)})
		}
	}
	london, _ := time.LoadLocation("Europe/London")
	b.ResetTimer()
	for range b.N {
		t := NewTelephonyTally(london)
		for _, k := range keys {
			t.Add(k)
		}
		var r Telephony
		t.Fill(&r)
	}
}

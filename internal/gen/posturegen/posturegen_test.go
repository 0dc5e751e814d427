package posturegen

import (
	"reflect"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Devices(500, 42, now), Devices(500, 42, now)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different devices")
	}
	if c := Devices(500, 43, now); reflect.DeepEqual(a, c) {
		t.Error("different seeds gave the same devices")
	}
	m1, m2 := Mailboxes(500, 7, []string{"ashcombe.gov.uk"}), Mailboxes(500, 7, []string{"ashcombe.gov.uk"})
	if !reflect.DeepEqual(m1, m2) {
		t.Error("the same seed gave different mailboxes")
	}
}

func BenchmarkGenerateDevices(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Devices(100_000, 1, now)
	}
}

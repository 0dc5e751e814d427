package auth

import (
	"math"
	"testing"
	"time"
)

func TestDefaultLockoutSchedule(t *testing.T) {
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		failures int
		want     time.Duration // 0 means not locked (zero time)
	}{
		{-1, 0},
		{0, 0},
		{1, 0},
		{4, 0},
		{5, 30 * time.Second},
		{6, time.Minute},
		{7, 2 * time.Minute},
		{8, 4 * time.Minute},
		{9, 8 * time.Minute},
		{10, 16 * time.Minute},
		{11, 32 * time.Minute},
		{12, time.Hour}, // 64m capped
		{13, time.Hour},
		{70, time.Hour},  // 30s << 65 would overflow
		{100, time.Hour}, // far past any shift width
		{math.MaxInt, time.Hour},
	}
	for _, tt := range tests {
		got := DefaultLockout.After(tt.failures, now)
		if tt.want == 0 {
			if !got.IsZero() {
				t.Errorf("failures %d: locked until %v, want zero time", tt.failures, got)
			}
			continue
		}
		if d := got.Sub(now); d != tt.want {
			t.Errorf("failures %d: locked for %v, want %v", tt.failures, d, tt.want)
		}
	}
}

func TestLockoutEdgeConfigs(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	tests := []struct {
		name     string
		l        Lockout
		failures int
		want     time.Duration
	}{
		{"base above max", Lockout{Threshold: 1, Base: 2 * time.Hour, Max: time.Hour}, 1, time.Hour},
		{"no max, huge count", Lockout{Threshold: 1, Base: time.Second, Max: 0}, math.MaxInt, time.Duration(math.MaxInt64)},
		{"no max, small count", Lockout{Threshold: 1, Base: time.Second, Max: 0}, 4, 8 * time.Second},
		{"max not a power of two multiple", Lockout{Threshold: 3, Base: time.Second, Max: 5 * time.Second}, 6, 5 * time.Second},
		{"zero base", Lockout{Threshold: 1, Base: 0, Max: time.Hour}, 10, 0},
	}
	for _, tt := range tests {
		got := tt.l.After(tt.failures, now)
		if d := got.Sub(now); d != tt.want {
			t.Errorf("%s: locked for %v, want %v", tt.name, d, tt.want)
		}
	}
}

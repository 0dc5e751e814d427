package report

import (
	"testing"
)

func TestPercentileIsNearestRank(t *testing.T) {
	h := []MinuteCount{{Minutes: 60, Count: 1}, {Minutes: 120, Count: 2}, {Minutes: 600, Count: 1}}
	for _, c := range []struct {
		p    float64
		want int64
	}{{50, 120}, {25, 60}, {90, 600}, {100, 600}, {0, 60}} {
		if got := Percentile(h, c.p); got != c.want {
			t.Errorf("p%v = %d, want %d", c.p, got, c.want)
		}
	}
	if Percentile(nil, 50) != 0 {
		t.Error("empty histogram has a median")
	}
}

func TestBacklogBandsAge(t *testing.T) {
	got := Backlog([]OpenTicket{{AgeDays: 0.5}, {AgeDays: 1}, {AgeDays: 4.9}, {AgeDays: 30}})
	want := []int{1, 1, 1, 0, 1}
	for i, c := range got {
		if c.Count != want[i] {
			t.Errorf("%s: %d, want %d", c.Name, c.Count, want[i])
		}
	}
}

package awareness

import "testing"

func TestPercentRoundsDownToOneDecimal(t *testing.T) {
	for _, c := range []struct {
		s    Share
		want float64
	}{{Share{InScope: 3, Current: 2}, 66.6}, {Share{InScope: 0}, 100}, {Share{InScope: 200, Current: 200}, 100}, {Share{InScope: 7}, 0}} {
		if got := c.s.Percent(); got != c.want {
			t.Errorf("%+v: %v%%, want %v%%", c.s, got, c.want)
		}
	}
	if got := Total([]Share{{InScope: 2, Current: 1}, {InScope: 3, Current: 3}}); got.InScope != 5 || got.Current != 4 {
		t.Errorf("total %+v", got)
	}
}

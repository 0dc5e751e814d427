package inventory

import (
	"testing"
	"time"
)

func TestLondonTimes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2024-03-01 10:22", "2024-03-01T10:22:00Z"},
		{"2024-07-01 10:22", "2024-07-01T09:22:00Z"},
		{"2024-03-31 00:30", "2024-03-31T00:30:00Z"}, // the clocks go forward at 01:00 GMT
		{"2024-03-31 02:30", "2024-03-31T01:30:00Z"},
		{"2024-10-27 00:30", "2024-10-26T23:30:00Z"}, // and back at 02:00 BST
		{"2024-10-27 03:00", "2024-10-27T03:00:00Z"},
		{"2024-03-01T10:22:33.5+01:00", "2024-03-01T09:22:33.5Z"},
		{"2024-03-01", "2024-03-01T00:00:00Z"},
		{"2024-06-01", "2024-05-31T23:00:00Z"},
	} {
		got, ok := parseISO(c.in, london, true)
		if want := utc(t, c.want); !ok || !got.Equal(want) {
			t.Errorf("%s: got %v %v, want %v", c.in, got, ok, want)
		}
		// Twice through the day cache: once to fill it, once to read from it.
		var days londonDays
		var iso isoTime
		for range 2 {
			ok := iso.parse(c.in, true)
			if got, want := days.time(&iso), utc(t, c.want); !ok || !got.Equal(want) {
				t.Errorf("%s through the cache: got %v %v, want %v", c.in, got, ok, want)
			}
		}
	}
	for _, bad := range []string{"2024-02-30 10:00", "2024-03-01 24:00", "2024-03-01T10", "24-03-01", "2024-03-01 10:22 Z", "2024-03-01T10:22+25:00"} {
		if got, ok := parseISO(bad, london, true); ok {
			t.Errorf("%s read as %v", bad, got)
		}
	}
	if got, ok := parseDMY("29/02/2024 18:45:10", time.UTC); !ok || !got.Equal(utc(t, "2024-02-29T18:45:10Z")) {
		t.Errorf("29/02/2024: %v %v", got, ok)
	}
	if _, ok := parseDMY("29/02/2023", time.UTC); ok {
		t.Error("29/02/2023 read as a date")
	}
}

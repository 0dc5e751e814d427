package stix

import (
	"testing"
	"time"
)

func TestParseTimestamp(t *testing.T) {
	good := map[string]time.Time{
		"2016-05-12T08:17:27Z":              time.Date(2016, 5, 12, 8, 17, 27, 0, time.UTC),
		"2016-05-12T08:17:27.000Z":          time.Date(2016, 5, 12, 8, 17, 27, 0, time.UTC),
		"2014-05-08T09:00:00.000000Z":       time.Date(2014, 5, 8, 9, 0, 0, 0, time.UTC),
		"2014-10-31T15:52:13.127931Z":       time.Date(2014, 10, 31, 15, 52, 13, 127931000, time.UTC),
		"2016-12-31T23:59:60Z":              time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), // a leap second
		"2020-02-29T00:00:00.123456789Z":    time.Date(2020, 2, 29, 0, 0, 0, 123456789, time.UTC),
		"2020-02-29T00:00:00.123456789123Z": time.Date(2020, 2, 29, 0, 0, 0, 123456789, time.UTC),
	}
	for s, want := range good {
		got, ok := parseTimestamp(s)
		if !ok || !got.Equal(want) {
			t.Errorf("parseTimestamp(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "yesterday", "2016-05-12", "2016-05-12T08:17:27", "2016-05-12T08:17:27+00:00",
		"2016-05-12t08:17:27z", "2016-05-12 08:17:27Z", "2016-05-12T08:17Z", "2016-05-12T08:17:27.Z",
		"2016-13-01T00:00:00Z", "2016-02-30T00:00:00Z", "2016-05-12T24:00:00Z", "2016-05-12T08:17:27.1a2Z"} {
		if got, ok := parseTimestamp(s); ok {
			t.Errorf("parseTimestamp(%q) = %v, want it refused", s, got)
		}
	}
}

func TestFormatTimestamp(t *testing.T) {
	for in, want := range map[time.Time]string{
		time.Date(2026, 1, 31, 9, 0, 0, 0, time.UTC):                          "2026-01-31T09:00:00.000Z",
		time.Date(2026, 1, 31, 9, 0, 0, 120_000_000, time.UTC):                "2026-01-31T09:00:00.120Z",
		time.Date(2026, 1, 31, 9, 0, 0, 123_456_789, time.UTC):                "2026-01-31T09:00:00.123456Z",
		time.Date(2026, 6, 30, 10, 0, 0, 0, time.FixedZone("BST", 3600)):      "2026-06-30T09:00:00.000Z",
		time.Date(2026, 6, 30, 10, 0, 0, 1_500_000, time.FixedZone("BST", 0)): "2026-06-30T10:00:00.0015Z",
	} {
		if got := formatTimestamp(in); got != want {
			t.Errorf("formatTimestamp(%v) = %q, want %q", in, got, want)
		}
		if back, ok := parseTimestamp(formatTimestamp(in)); !ok || !back.Equal(in.Truncate(time.Microsecond)) {
			t.Errorf("%v does not read back", in)
		}
	}
}

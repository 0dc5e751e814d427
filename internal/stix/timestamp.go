package stix

import (
	"strings"
	"time"
)

// parseTimestamp reads a STIX timestamp (section 3.2): RFC 3339 in UTC,
// written with a capital T and Z, seconds always present and any number of
// fractional digits, such as 2016-05-12T08:17:27.000Z. A leap second (:60)
// is read as the first instant of the next minute.
func parseTimestamp(s string) (time.Time, bool) {
	if !timestampShape(s) {
		return time.Time{}, false
	}
	leap := s[17:19] == "60"
	if leap {
		s = s[:17] + "59" + s[19:]
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	if leap {
		t = t.Add(time.Second)
	}
	return t.UTC(), true
}

// timestampShape checks the characters time.Parse is lenient about: the
// offset must be Z and a fraction must have digits.
func timestampShape(s string) bool {
	const shape = "dddd-dd-ddTdd:dd:dd"
	if len(s) < len(shape)+1 || s[len(s)-1] != 'Z' {
		return false
	}
	for i := 0; i < len(shape); i++ {
		if shape[i] == 'd' {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		} else if s[i] != shape[i] {
			return false
		}
	}
	rest := s[len(shape) : len(s)-1]
	if rest == "" {
		return true
	}
	if rest[0] != '.' || len(rest) == 1 {
		return false
	}
	for i := 1; i < len(rest); i++ {
		if rest[i] < '0' || rest[i] > '9' {
			return false
		}
	}
	return true
}

// formatTimestamp writes a time in UTC to the microsecond, and never less
// than the millisecond STIX asks of created and modified. Finer than a
// microsecond is dropped because the Python stix2 library, which many
// WARP members run, reads no finer.
func formatTimestamp(t time.Time) string {
	s := t.UTC().Format("2006-01-02T15:04:05.000000")
	for strings.HasSuffix(s, "0") && len(s) > len("2006-01-02T15:04:05.000") {
		s = s[:len(s)-1]
	}
	return s + "Z"
}

package warp

import (
	"strings"
	"testing"
)

// Values are bounded by type, and a refusal quotes only the start of the
// value, however long it was.
func TestIndicatorValuesAreBoundedByType(t *testing.T) {
	for _, c := range []struct {
		name  string
		t     Type
		value string
		want  string
	}{
		{"a URL past 8 KiB", URL, "http://evil.example/" + strings.Repeat("a", 8<<10), "at most 8192 bytes"},
		{"a megabyte domain", Domain, strings.Repeat("a.", 1<<19) + "example", "at most 8192 bytes"},
		{"a domain past 253", Domain, strings.Repeat(strings.Repeat("a", 60)+".", 5) + "example", "longer than 253"},
		{"a long local part", Email, strings.Repeat("x", 65) + "@evil.example", "longer than 64"},
		{"a short hash", SHA256, "abc123", "64 hex digits"},
	} {
		_, err := Parse(c.t, c.value)
		if err == nil || !strings.Contains(err.Error(), c.want) || len(err.Error()) > 200 {
			t.Errorf("%s: %.200v, want an error of under 200 bytes saying %q", c.name, err, c.want)
		}
	}
	if _, err := Detect(strings.Repeat("z", 1<<20)); err == nil || len(err.Error()) > 200 {
		t.Errorf("detecting a megabyte value: %.200v", err)
	}
	if in, err := Parse(URL, "http://evil.example/"+strings.Repeat("a", 4<<10)); err != nil || in.Type != URL {
		t.Errorf("a 4 KiB URL was refused: %v", err)
	}
}

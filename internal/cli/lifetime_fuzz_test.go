package cli

import "testing"

func TestParseLifetime(t *testing.T) {
	for in, hours := range map[string]int{"90d": 90 * 24, "2w": 14 * 24, "12h": 12} {
		d, err := parseLifetime(in)
		if err != nil || int(d.Hours()) != hours {
			t.Errorf("parseLifetime(%q) = %v, %v; want %dh", in, d, err, hours)
		}
	}
	for _, bad := range []string{"", "d", "ninety days", "1.5d"} {
		if _, err := parseLifetime(bad); err == nil {
			t.Errorf("parseLifetime(%q) accepted", bad)
		}
	}
}

func FuzzParseLifetime(f *testing.F) {
	for _, seed := range []string{"90d", "2w", "12h", "", "-5d", "99999999999999999999d"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) { _, _ = parseLifetime(s) })
}

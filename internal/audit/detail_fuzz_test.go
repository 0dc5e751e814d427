package audit

import "testing"

// FuzzParseDetail: a detail column edited by hand must never panic the
// verifier, and what parses must encode back to the same map.
func FuzzParseDetail(f *testing.F) {
	for _, seed := range []string{"{}", `{"a":"b"}`, `{"a":1}`, `[`, "", `{"a":"b","a":"c"}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDetail(s)
		if err != nil {
			return
		}
		again, err := ParseDetail(Entry{Detail: d}.DetailJSON())
		if err != nil || len(again) != len(d) {
			t.Fatalf("round trip of %q: %v %v", s, again, err)
		}
	})
}

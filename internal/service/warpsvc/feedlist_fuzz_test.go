package warpsvc

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFeedList: a plain feed file, whatever it holds, is read without a
// panic; with --skip-bad off every line is either taken or refuses the file,
// and every value taken passes the indicator checks an import makes next.
func FuzzFeedList(f *testing.F) {
	for _, s := range []string{
		"type,value\nipv4,192.0.2.1\ndomain,evil.example\n",
		"# a comment\n192.0.2.1 # inline\n// another\nhxxp://evil[.]example/x\n\n",
		"sha256;e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
		"not an indicator\n", "\"'\"\n", "\xff\xfe\n", "ipv4\t1.2.3.4/33\n", "",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte, skipBad bool) {
		values, skipped, err := readList(bytes.NewReader(data), "feed.txt", skipBad)
		if err != nil {
			if msg := err.Error(); msg == "" || !utf8.ValidString(msg) {
				t.Fatalf("unreadable refusal %q", msg)
			}
			return
		}
		if !skipBad && len(skipped) > 0 {
			t.Fatalf("lines skipped without --skip-bad: %q", skipped)
		}
		for _, s := range skipped {
			if !utf8.ValidString(s) {
				t.Fatalf("unreadable skip note %q", s)
			}
		}
		for _, v := range values {
			if !utf8.ValidString(v.Type) || !utf8.ValidString(v.Value) {
				t.Fatalf("took text that is not UTF-8: %q %q", v.Type, v.Value)
			}
		}
		if _, err := parseIndicators(values, now); err != nil {
			t.Fatalf("a value readList took is refused next: %v", err)
		}
	})
}

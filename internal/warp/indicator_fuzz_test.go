package warp

import (
	"testing"
	"unicode/utf8"
)

// FuzzIndicator: the parsers a feed, a form and the API put every value
// through never panic; what they accept is canonical (it reads back to
// itself) and what they refuse is refused with a readable message.
func FuzzIndicator(f *testing.F) {
	for _, s := range []string{
		"192.0.2.1", "2001:db8::1", "10.0.0.0/8", "Evil.Example.", "hxxps://evil[.]example/a?b#c",
		"user@EXAMPLE.com", "d41d8cd98f00b204e9800998ecf8427e", "da39a3ee5e6b4b0d3255bfef95601890afd80709",
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "", " ", "1.2.3.4/33",
		"http://[::1", "xn--", "\xff", "amber+strict", "TLP:RED", "ip", "sha-256",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		readable := func(what string, err error) {
			if err != nil && (err.Error() == "" || !utf8.ValidString(err.Error())) {
				t.Fatalf("%s(%q): unreadable error %q", what, s, err.Error())
			}
		}
		_, err := ParseType(s)
		readable("ParseType", err)
		_, err = ParseMarking(s)
		readable("ParseMarking", err)
		_ = Defang(Refang(s))
		for _, typ := range Types {
			in, err := Parse(typ, s)
			readable("Parse "+string(typ), err)
			if err != nil {
				continue
			}
			if in.Type != typ {
				t.Fatalf("Parse(%s, %q) gave type %s", typ, s, in.Type)
			}
			again, err := Parse(typ, in.Value)
			if err != nil || again != in {
				t.Fatalf("Parse(%s, %q) = %q does not read back: %v, %v", typ, s, in.Value, again, err)
			}
		}
		in, err := Detect(s)
		readable("Detect", err)
		if err == nil {
			if _, err := Parse(in.Type, in.Value); err != nil {
				t.Fatalf("Detect(%q) = %v, which Parse refuses: %v", s, in, err)
			}
		}
	})
}

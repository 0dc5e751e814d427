package warp

import "testing"

func TestDetectWritesValuesCanonically(t *testing.T) {
	cases := []struct{ in, typ, want string }{
		{"203.0.113.9", "ipv4", "203.0.113.9"},
		{"::ffff:203.0.113.9", "ipv4", "203.0.113.9"},
		{"2001:DB8::1", "ipv6", "2001:db8::1"},
		{"198.51.100.77/24", "cidr", "198.51.100.0/24"},
		{"Evil.Example.", "domain", "evil.example"},
		{"evil[.]example", "domain", "evil.example"},
		{"hxxps://Evil.Example/a?b=1#top", "url", "https://evil.example/a?b=1"},
		{"http://203.0.113.9:8080", "url", "http://203.0.113.9:8080/"},
		{"Payroll@Evil.Example", "email", "payroll@evil.example"},
		{"D41D8CD98F00B204E9800998ECF8427E", "md5", "d41d8cd98f00b204e9800998ecf8427e"},
		{"da39a3ee5e6b4b0d3255bfef95601890afd80709", "sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"},
		{"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, c := range cases {
		got, err := Detect(c.in)
		if err != nil || string(got.Type) != c.typ || got.Value != c.want {
			t.Errorf("Detect(%q) = %v, %v; want %s:%s", c.in, got, err, c.typ, c.want)
		}
	}
	for _, bad := range []string{"", "localhost", "domain autuo.xicp.net", "10.0.0.0/4", "http:///nohost", "not@", "abc"} {
		if got, err := Detect(bad); err == nil {
			t.Errorf("Detect(%q) = %v, want an error", bad, got)
		}
	}
	if _, err := Parse(IPv4, "2001:db8::1"); err == nil {
		t.Error("an IPv6 address accepted as ipv4")
	}
}

func TestMarkingsParseAndOrder(t *testing.T) {
	for in, want := range map[string]Marking{"TLP:AMBER+STRICT": AmberStrict, "amber-strict": AmberStrict, "white": Clear, " Red ": Red} {
		if got, err := ParseMarking(in); err != nil || got != want {
			t.Errorf("ParseMarking(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseMarking("purple"); err == nil {
		t.Error("unknown marking accepted")
	}
	if Strictest(Green, AmberStrict, Amber) != AmberStrict || !Red.Stricter(AmberStrict) || Clear.Stricter(Green) {
		t.Error("marking order wrong")
	}
}

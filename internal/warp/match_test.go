package warp

import (
	"slices"
	"strings"
	"testing"
)

const (
	tMD5    = "d41d8cd98f00b204e9800998ecf8427e"
	tSHA1   = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
	tSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
)

// tableEntries gives each indicator an ID; the tests name hits by value.
func tableEntries(t testing.TB) []Entry {
	vals := []string{
		"evil.example", "bad.co.uk", "203.0.113.7", "2001:db8:bad::7", "198.51.100.0/24",
		"198.51.100.128/25", "2001:db8:f00::/48", "10.9.0.0/16",
		"http://phish.example/login?u=1", "https://cdn.example/x/payload.js",
		"boss@fraud.example", tMD5, tSHA1, tSHA256,
	}
	var es []Entry
	for i, v := range vals {
		in, err := Detect(v)
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, Entry{ID: int64(i + 1), Indicator: in})
	}
	return es
}

func matchValues(m *Matcher, line string) []string {
	var got []string
	m.MatchLine([]byte(line), func(h Hit) { got = append(got, h.Indicator.Value+"="+h.Seen) })
	slices.Sort(got)
	return got
}

func TestMatchLine(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	if m.Len() != 14 || len(m.Skipped()) != 0 {
		t.Fatalf("Len %d, skipped %v", m.Len(), m.Skipped())
	}
	up := strings.ToUpper
	for _, c := range []struct{ name, line, want string }{
		{"domain exact", "GET http://evil.example/ 200", "evil.example=evil.example"},
		{"subdomain", "query: a.b.EVIL.example IN A", "evil.example=a.b.EVIL.example"},
		{"absolute name", "(www.evil.example.): query", "evil.example=www.evil.example"},
		{"host with port", "CONNECT evil.example:443 HTTP/1.1", "evil.example=evil.example"},
		{"label suffix is not a subdomain", "GET http://notevil.example/ 200", ""},
		{"longer name is not the domain", "GET http://evil.example.org/ 200", ""},
		{"two-part suffix", "www.bad.co.uk", "bad.co.uk=www.bad.co.uk"},
		{"ipv4", "SRC=203.0.113.7 DST=10.0.0.1", "203.0.113.7=203.0.113.7"},
		{"ipv4 with port", "203.0.113.7:8080", "203.0.113.7=203.0.113.7"},
		{"ipv4 mapped in ipv6", "client ::ffff:203.0.113.7 connected", "203.0.113.7=::ffff:203.0.113.7"},
		{"ipv4 inside longer dotted number", "version 203.0.113.7.5 and 1.203.0.113.7", ""},
		{"ipv4 touching letters", "x203.0.113.7 203.0.113.7b", ""},
		{"cidr v4, nested networks both reported", "DST=198.51.100.200",
			"198.51.100.0/24=198.51.100.200,198.51.100.128/25=198.51.100.200"},
		{"cidr v4 outer only", "DST=198.51.100.1", "198.51.100.0/24=198.51.100.1"},
		{"cidr v4 outside", "DST=198.51.101.1 10.8.255.255 10.10.0.0", ""},
		{"ipv6 exact, other spelling", "SRC=2001:0DB8:0BAD:0:0:0:0:7", "2001:db8:bad::7=2001:0DB8:0BAD:0:0:0:0:7"},
		{"cidr v6", "[2001:db8:f00:1::99]:443", "2001:db8:f00::/48=2001:db8:f00:1::99"},
		{"cidr v6 after an interface name", "outside:2001:db8:f00::1/443", "2001:db8:f00::/48=2001:db8:f00::1"},
		{"cidr v6 outside", "2001:db8:f01::1", ""},
		{"url", "GET HTTP://Phish.Example/login?u=1 200", "http://phish.example/login?u=1=HTTP://Phish.Example/login?u=1"},
		{"url with fragment", "https://cdn.example/x/payload.js#top", "https://cdn.example/x/payload.js=https://cdn.example/x/payload.js#top"},
		{"url differs in path", "https://cdn.example/x/payload.jsx", ""},
		{"url host is a domain", "http://x.evil.example/a?b=c", "evil.example=x.evil.example"},
		{"url host is an address", "http://203.0.113.7/a", "203.0.113.7=203.0.113.7"},
		{"email", "from=<Boss@Fraud.Example>", "boss@fraud.example=Boss@Fraud.Example"},
		{"email domain is a domain", "to: alice@mail.evil.example", "evil.example=mail.evil.example"},
		{"md5 lower", "md5=" + tMD5, tMD5 + "=" + tMD5},
		{"md5 upper", "MD5: " + up(tMD5), tMD5 + "=" + up(tMD5)},
		{"sha1 lower", "/files/" + tSHA1 + ".bin", tSHA1 + "=" + tSHA1},
		{"sha1 upper", up(tSHA1), tSHA1 + "=" + up(tSHA1)},
		{"sha256 lower", `"sha256":"` + tSHA256 + `"`, tSHA256 + "=" + tSHA256},
		{"sha256 upper", "hash " + up(tSHA256) + ",x", tSHA256 + "=" + up(tSHA256)},
		{"hash inside a longer hex run", "0" + tMD5 + " " + tMD5 + "ab " + tSHA1 + "0", ""},
		{"hash glued to letters", "x" + tMD5 + " " + tMD5 + "g", ""},
		{"percent escape before a name", "/r?u=https%3A%2F%2Fevil.example%2F", "evil.example=evil.example"},
		{"json newline before a name", `{"msg":"see\nevil.example"}`, "evil.example=evil.example"},
		{"dedup: one hit per entry per line", "evil.example www.evil.example evil.example", "evil.example=evil.example"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := matchValues(m, c.line)
			var want []string
			for _, w := range strings.Split(c.want, ",") {
				if w != "" {
					want = append(want, w)
				}
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("line %q:\n got %q\nwant %q", c.line, got, want)
			}
		})
	}
}

// Parse used to write an IPv4 network given IPv4-mapped as "invalid Prefix".
func TestParseMappedNetwork(t *testing.T) {
	for v, want := range map[string]string{
		"::ffff:198.51.100.0/120": "198.51.100.0/24",
		"::ffff:0:0/96":           "0.0.0.0/0",
		"::ffff:0:0/95":           "::fffe:0:0/95",
	} {
		in, err := Parse(CIDR, v)
		if err != nil && want == "0.0.0.0/0" {
			continue // refused as too wide: right
		}
		if err != nil || in.Value != want {
			t.Errorf("Parse(CIDR, %q) = %q, %v; want %q", v, in.Value, err, want)
		}
	}
	m := NewMatcher([]Entry{{1, Indicator{CIDR, "::ffff:198.51.100.0/120"}}})
	if got := matchValues(m, "SRC=198.51.100.9"); len(got) != 1 {
		t.Errorf("mapped network: hits %v", got)
	}
}

// A line of URL after URL must not take time proportional to its square:
// each URL is read at most maxURLBytes far. (No timing here: the test
// would hang or time out if the limit went.)
func TestLongURLsStayLinear(t *testing.T) {
	m := NewMatcher(tableEntries(t))
	long := "http://phish.example/" + strings.Repeat("a", maxURLBytes)
	if got := matchValues(m, long); len(got) != 0 {
		t.Errorf("over-long URL compared: %v", got)
	}
	line := strings.Repeat("a://", MaxLineBytes/4)
	m.MatchLine([]byte(line), func(Hit) {})
	ok := "http://phish.example/login?u=1"
	if got := matchValues(m, ok+","+strings.Repeat("b", maxURLBytes)); len(got) != 1 {
		t.Errorf("a URL before a comma in a long field: %v", got)
	}
}

package warp

import (
	"bytes"
	"net/netip"
	"strings"
	"testing"
)

// FuzzScan: any input, plain or gzip-looking, is read without a panic and
// its lines are counted.
func FuzzScan(f *testing.F) {
	m := NewMatcher(tableEntries(f))
	f.Add([]byte(scanLog))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		n, err := m.Scan(bytes.NewReader(data), func(Hit) {})
		if err == nil && !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			want := bytes.Count(data, []byte("\n"))
			if len(data) > 0 && data[len(data)-1] != '\n' {
				want++
			}
			if n != want {
				t.Errorf("%d lines counted, want %d", n, want)
			}
		}
	})
}

// FuzzCanonURL: whenever the allocation-free canonical form answers, it
// is what Parse would write.
func FuzzCanonURL(f *testing.F) {
	for _, s := range []string{"HTTP://Evil.Example:8080/a/b?c=d", "http://x", "http://x?", "http://x/?#f",
		"https://a.b/%7E~!$&'()*+,;=:@[]", "http://a.b/%zz", "http://a.b./", "ftp://1.2.3.4/x", "http://a.b:/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, u string) {
		if !strings.Contains(u, "://") || strings.ContainsAny(u, "\\") {
			return
		}
		for i := 0; i < len(u); i++ {
			if cls[u[i]]&cStop != 0 {
				return
			}
		}
		if p := refScheme.FindStringIndex(u[:strings.Index(u, "://")]); p == nil || p[0] != 0 {
			return
		}
		key, slow := canonURLBytes([]byte(u), nil)
		if slow {
			return
		}
		want, err := canonicalURL(u)
		switch {
		case err == nil && string(key) != want:
			t.Errorf("%q: fast %q, canonicalURL %q", u, key, want)
		case err != nil && key != nil:
			// a URL Parse refuses may only give a key no indicator has
			if c, err2 := canonicalURL(string(key)); err2 == nil && c == string(key) {
				t.Errorf("%q: refused (%v) but fast gives %q, which is canonical", u, err, key)
			}
		}
	})
}

// FuzzParseAddrBytes: the byte parsers agree with netip.
func FuzzParseAddrBytes(f *testing.F) {
	for _, s := range []string{"1.2.3.4", "01.2.3.4", "256.1.1.1", "::", "::ffff:1.2.3.4", "1::", "1:2:3:4:5:6:7:8",
		"1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "12345::", "1:::2", ":1::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "%") {
			return // zones are not part of a run
		}
		a, err := netip.ParseAddr(s)
		v4, ok4 := parse4([]byte(s))
		if want := err == nil && a.Is4(); ok4 != want || ok4 && v4 != uint32(a.As4()[0])<<24|uint32(a.As4()[1])<<16|uint32(a.As4()[2])<<8|uint32(a.As4()[3]) {
			t.Errorf("parse4(%q) = %x, %v; netip: %v, %v", s, v4, ok4, a, err)
		}
		v6, ok6 := parse6([]byte(s))
		if want := err == nil && a.Is6(); ok6 != want {
			t.Errorf("parse6(%q) ok %v; netip: %v, %v", s, ok6, a, err)
		} else if ok6 {
			b := a.As16()
			var w u128
			for i := 0; i < 8; i++ {
				w.hi = w.hi<<8 | uint64(b[i])
				w.lo = w.lo<<8 | uint64(b[i+8])
			}
			if w != v6 {
				t.Errorf("parse6(%q) = %x; netip %v", s, v6, a)
			}
		}
	})
}

package stix

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/warp"
)

func ind(t warp.Type, v string) warp.Indicator { return warp.Indicator{Type: t, Value: v} }

func TestObservables(t *testing.T) {
	tests := []struct {
		pattern   string
		found     []warp.Indicator
		unmatched []string // each must appear in one unmatched entry, in order
	}{
		{`[ipv4-addr:value = '198.51.100.7']`, []warp.Indicator{ind(warp.IPv4, "198.51.100.7")}, nil},
		{`[ipv4-addr:value = '198.51.100.7/32']`, []warp.Indicator{ind(warp.IPv4, "198.51.100.7")}, nil},
		{`[ipv4-addr:value = '198.51.100.7/24']`, []warp.Indicator{ind(warp.CIDR, "198.51.100.0/24")}, nil},
		{`[ipv4-addr:value ISSUBSET '203.0.113.0/24']`, []warp.Indicator{ind(warp.CIDR, "203.0.113.0/24")}, nil},
		{`[ipv6-addr:value = '2001:DB8::1']`, []warp.Indicator{ind(warp.IPv6, "2001:db8::1")}, nil},
		{`[ipv6-addr:value = '2001:db8::1/128']`, []warp.Indicator{ind(warp.IPv6, "2001:db8::1")}, nil},
		{`[ipv6-addr:value = '2001:db8::/32']`, []warp.Indicator{ind(warp.CIDR, "2001:db8::/32")}, nil},
		{`[domain-name:value = 'WWW.Example.org.']`, []warp.Indicator{ind(warp.Domain, "www.example.org")}, nil},
		{`[url:value = 'HTTP://Example.org/a?b=1&c=2']`, []warp.Indicator{ind(warp.URL, "http://example.org/a?b=1&c=2")}, nil},
		{`[email-addr:value = 'Phish@Example.org']`, []warp.Indicator{ind(warp.Email, "phish@example.org")}, nil},
		{`[file:hashes.MD5 = '79054025255FB1A26E4BC422AEF54EB4']`, []warp.Indicator{ind(warp.MD5, "79054025255fb1a26e4bc422aef54eb4")}, nil},
		{`[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' OR file:hashes.SHA1 = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']`,
			[]warp.Indicator{ind(warp.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")}, nil},
		{`[file:hashes.SHA256 = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']`,
			[]warp.Indicator{ind(warp.SHA256, "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")}, nil},
		{`[domain-name:value IN ('a.example.org', 'not a domain', 'b.example.org')]`,
			[]warp.Indicator{ind(warp.Domain, "a.example.org"), ind(warp.Domain, "b.example.org")},
			[]string{`domain-name:value = 'not a domain' ("not a domain" is not a domain name`}},
		{`[domain-name:value = 'domain autuo.xicp.net' OR ipv4-addr:value = '60.10.1.115']`,
			[]warp.Indicator{ind(warp.IPv4, "60.10.1.115")}, []string{`domain-name:value = 'domain autuo.xicp.net' (`}},
		// what ward cannot keep, and why
		{`[file:name = 'CBricksDoc']`, nil, []string{`file:name = 'CBricksDoc' (ward has no indicator for file:name)`}},
		{`[email-message:subject MATCHES '^Invoice']`, nil, []string{`email-message:subject MATCHES '^Invoice'`}},
		{`[domain-name:value MATCHES '.*\\.example\\.org$']`, nil, []string{"only = and IN"}},
		{`[domain-name:value LIKE '%.example.org']`, nil, []string{"only = and IN"}},
		{`[domain-name:value != 'example.org']`, nil, []string{"only = and IN"}},
		{`[domain-name:value NOT = 'example.org']`, nil, []string{"present, not absent"}},
		{`[domain-name:value NOT IN ('example.org')]`, nil, []string{"present, not absent"}},
		{`[ipv4-addr:value ISSUBSET '203.0.113.9']`, nil, []string{"ISSUBSET wants a network"}},
		{`[ipv4-addr:value = 3]`, nil, []string{"not a string"}},
		{`[ipv4-addr:value = '2001:db8::1']`, nil, []string{"is an ipv6 address, not ipv4"}},
		{`[ipv4-addr:value = '2001:db8::/32']`, nil, []string{"not an ipv4 network"}},
		{`[ipv4-addr:value = '10.0.0.0/4']`, nil, []string{"too wide"}},
		{`[file:hashes.'SHA-512' = 'aa']`, nil, []string{"no indicator for file:hashes.'SHA-512'"}},
		{`[file:hashes.MD5 = 'f00']`, nil, []string{"not an MD5 hash"}},
		{`[ipv4-addr:resolves_to_refs[*].value = '198.51.100.7']`, nil, []string{"no indicator"}},
		// what narrows a pattern beyond "any of these" is reported once ward keeps something
		{`[ipv4-addr:value = '198.51.100.7'] REPEATS 5 TIMES WITHIN 300 SECONDS`,
			[]warp.Indicator{ind(warp.IPv4, "198.51.100.7")},
			[]string{"REPEATS 5 TIMES (ward does not keep qualifiers", "WITHIN 300 SECONDS ("}},
		{`[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4' AND file:name = 'a.exe']`,
			[]warp.Indicator{ind(warp.MD5, "79054025255fb1a26e4bc422aef54eb4")},
			[]string{"file:name = 'a.exe'", "AND (ward matches each observable on its own"}},
		{`[url:value = 'http://a.example.org/'] FOLLOWEDBY [url:value = 'http://b.example.org/']`,
			[]warp.Indicator{ind(warp.URL, "http://a.example.org/"), ind(warp.URL, "http://b.example.org/")},
			[]string{"FOLLOWEDBY (ward matches each observable on its own"}},
		{`[file:name = 'a'] WITHIN 5 SECONDS`, nil, []string{"file:name = 'a'"}},
	}
	for _, tt := range tests {
		p, err := ParsePattern(tt.pattern)
		if err != nil {
			t.Fatalf("ParsePattern(%q): %v", tt.pattern, err)
		}
		found, unmatched := p.Observables()
		if !reflect.DeepEqual(found, tt.found) {
			t.Errorf("%s\n found %v\n want  %v", tt.pattern, found, tt.found)
		}
		if len(unmatched) != len(tt.unmatched) {
			t.Errorf("%s\n unmatched %q\n want %d entries like %q", tt.pattern, unmatched, len(tt.unmatched), tt.unmatched)
			continue
		}
		for i, want := range tt.unmatched {
			if !strings.Contains(unmatched[i], want) {
				t.Errorf("%s\n unmatched[%d] = %q, want it to say %q", tt.pattern, i, unmatched[i], want)
			}
		}
	}
}

func TestPatternFor(t *testing.T) {
	obs := []warp.Indicator{
		ind(warp.IPv4, "198.51.100.7"),
		ind(warp.IPv6, "2001:db8::1"),
		ind(warp.CIDR, "203.0.113.0/24"),
		ind(warp.CIDR, "2001:db8::/48"),
		ind(warp.Domain, "evil.example.org"),
		ind(warp.URL, "http://evil.example.org/a?b=1&c='2'"),
		ind(warp.Email, `o'brien\x@example.org`),
		ind(warp.MD5, "79054025255fb1a26e4bc422aef54eb4"),
		ind(warp.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
		ind(warp.SHA256, "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c"),
	}
	got, err := PatternFor(obs)
	if err != nil {
		t.Fatal(err)
	}
	want := `[ipv4-addr:value = '198.51.100.7' OR ipv6-addr:value = '2001:db8::1' OR ipv4-addr:value = '203.0.113.0/24'` +
		` OR ipv6-addr:value = '2001:db8::/48' OR domain-name:value = 'evil.example.org'` +
		` OR url:value = 'http://evil.example.org/a?b=1&c=\'2\'' OR email-addr:value = 'o\'brien\\x@example.org'` +
		` OR file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4' OR file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709'` +
		` OR file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']`
	if got != want {
		t.Errorf("PatternFor\n got  %s\n want %s", got, want)
	}
	p, err := ParsePattern(got)
	if err != nil {
		t.Fatalf("the pattern written does not parse: %v", err)
	}
	back, unmatched := p.Observables()
	if !reflect.DeepEqual(back, obs) || len(unmatched) != 0 {
		t.Errorf("read back %v (unmatched %q), want %v", back, unmatched, obs)
	}
}

func TestPatternForRefuses(t *testing.T) {
	for _, obs := range [][]warp.Indicator{
		nil,
		{ind(warp.IPv4, "not an address")},
		{ind(warp.MD5, "f00")},
		{ind("ssdeep", "3:abc")},
	} {
		if p, err := PatternFor(obs); err == nil {
			t.Errorf("PatternFor(%v) = %q, want an error", obs, p)
		}
	}
}

package stix

import (
	"reflect"
	"strings"
	"testing"
)

// TestParsePatternValid parses a pattern of every shape the grammar has and
// checks it is written back canonically; the canonical form must parse to
// the same pattern.
func TestParsePatternValid(t *testing.T) {
	tests := []struct{ in, want string }{
		// every comparison operator, and the spellings read as another
		{`[ipv4-addr:value = '198.51.100.1']`, ``},
		{`[file:size == 1280]`, `[file:size = 1280]`},
		{`[file:size != 1280]`, ``},
		{`[file:size <> 1280]`, `[file:size != 1280]`},
		{`[file:size < 1024]`, ``},
		{`[file:size <= 1024]`, ``},
		{`[file:size > 1024]`, ``},
		{`[file:size >= 1024]`, ``},
		{`[file:name IN ('a.exe', 'b.exe', 'README')]`, ``},
		{`[file:size IN(1024,2048 ,4096)]`, `[file:size IN (1024, 2048, 4096)]`},
		{`[file:name IN ()]`, ``},
		{`[file:name LIKE 'name%']`, ``},
		{`[file:name MATCHES '^Final Report.+\\.exe$']`, ``},
		{`[ipv4-addr:value ISSUBSET '198.51.100.0/24']`, ``},
		{`[ipv4-addr:value ISSUPERSET '198.51.100.0/24']`, ``},
		{`[EXISTS windows-registry-key:values]`, ``},
		{`[file:name NOT = 'a.exe']`, ``},
		{`[file:size NOT < 5]`, ``},
		{`[file:name NOT IN ('a', 'b')]`, ``},
		{`[file:name NOT LIKE 'a%']`, ``},
		{`[file:name NOT MATCHES 'a']`, ``},
		{`[ipv4-addr:value NOT ISSUBSET '192.168.0.1/24']`, ``},
		{`[ipv4-addr:value NOT ISSUPERSET '192.168.0.1/24']`, ``},
		// literals
		{`[x:n = -5]`, ``},
		{`[x:n = +5]`, ``},
		{`[x:n = 0]`, ``},
		{`[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]`, ``},
		{`[x:n = -.5]`, ``},
		{`[x:flag = true]`, ``},
		{`[x:flag != false]`, ``},
		{`[file:created = t'2014-01-13T07:03:17Z']`, ``},
		{`[file:created > t'2014-01-13T07:03:17.123456Z']`, ``},
		{`[file:magic_number_hex = h'ffD8']`, ``},
		{`[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']`, ``},
		{`[artifact:payload_bin = b'']`, ``},
		// string escapes: \' and \\ only
		{`[file:name = 'O\'Reilly\'s.doc']`, ``},
		{`[file:parent_directory_ref.path = 'C:\\Windows\\System32']`, ``},
		{`[x:s = '']`, ``},
		{`[x:s = 'üñíçødé ☃']`, ``},
		// object paths
		{`[email-message:body_multipart[*].body_raw_ref.name = 'x']`, ``},
		{`[x:list[0].y = 1]`, ``},
		{`[x:list[-1] = 1]`, ``},
		{`[file:hashes.'SHA-256' = 'aa']`, ``},
		{`[file:hashes.'MD5' = 'aa']`, `[file:hashes.MD5 = 'aa']`},
		{`[file:extensions.windows-pebinary-ext.imphash = 'aa']`, `[file:extensions.'windows-pebinary-ext'.imphash = 'aa']`},
		{`[x-usb-device:usbdrive.serial_number = '575833']`, ``},
		{`[x:'odd key'.'it\'s' = 1]`, ``},
		{`[x:'AND' = 1]`, ``},
		// comparison joins: AND binds tighter than OR; parentheses kept only where needed
		{`[a:b = 1 OR a:b = 2 AND a:b = 3]`, ``},
		{`[(a:b = 1 OR a:b = 2) AND a:b = 3]`, ``},
		{`[(a:b = 1 AND a:b = 2) OR a:b = 3]`, `[a:b = 1 AND a:b = 2 OR a:b = 3]`},
		{`[a:b = 1 OR (a:b = 2 OR a:b = 3)]`, ``},
		{`[((a:b = 1))]`, `[a:b = 1]`},
		// observation joins: FOLLOWEDBY loosest, then OR, then AND
		{`[a:b = 1] AND [a:b = 2]`, ``},
		{`[a:b = 1] OR [a:b = 2] AND [a:b = 3]`, ``},
		{`([a:b = 1] OR [a:b = 2]) AND [a:b = 3]`, ``},
		{`[a:b = 1] FOLLOWEDBY [a:b = 2] OR [a:b = 3]`, ``},
		{`([a:b = 1] FOLLOWEDBY [a:b = 2]) OR [a:b = 3]`, ``},
		{`(([a:b = 1]))`, `[a:b = 1]`},
		// qualifiers
		{`[a:b = 1] WITHIN 300 SECONDS`, ``},
		{`[a:b = 1] WITHIN 1.5 SECONDS`, ``},
		{`[a:b = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS`, ``},
		{`([a:b = 1] FOLLOWEDBY [c:d = 2]) WITHIN 300 SECONDS`, ``},
		{`[a:b = 1] AND [a:b = 2] WITHIN 5 SECONDS`, ``},
		{`[a:b = 1] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'`, ``},
		{`[a:b = 1] START '2016-06-01T01:30:00Z' STOP '2016-06-01T02:20:00Z'`, `[a:b = 1] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:20:00Z'`},
		// white space and comments
		{" \t[ a:b\n=\u00a01 ] ", `[a:b = 1]`},
		{`[a:b = 1 /* one */] // the end`, `[a:b = 1]`},
	}
	for _, tt := range tests {
		want := tt.want
		if want == "" {
			want = tt.in
		}
		p, err := ParsePattern(tt.in)
		if err != nil {
			t.Errorf("ParsePattern(%q): %v", tt.in, err)
			continue
		}
		if got := p.String(); got != want {
			t.Errorf("ParsePattern(%q).String() = %q, want %q", tt.in, got, want)
		}
		again, err := ParsePattern(p.String())
		if err != nil || !reflect.DeepEqual(again, p) {
			t.Errorf("%q: the canonical form %q does not parse back to the same pattern (%v)", tt.in, p.String(), err)
		}
	}
}

func TestParsePatternValues(t *testing.T) {
	p, err := ParsePattern(`[file:name = 'O\'Reilly \\ Sons' AND file:size IN (5, -2) AND file:hashes.'SHA-256' = 'ab']`)
	if err != nil {
		t.Fatal(err)
	}
	var cs []Comparison
	walkTest(p.Expr.(ObservationTest).Test, new([]Join), &cs)
	if got := cs[0].Value.Text; got != `O'Reilly \ Sons` {
		t.Errorf("escaped string read as %q", got)
	}
	if cs[1].Set[0].Int != 5 || cs[1].Set[1].Int != -2 {
		t.Errorf("IN list read as %+v", cs[1].Set)
	}
	if s := cs[2].Path.Steps; len(s) != 2 || s[0].Key != "hashes" || s[1].Key != "SHA-256" {
		t.Errorf("path read as %+v", s)
	}
}

// TestParsePatternSpecExamples parses the patterns of the STIX 2.1
// patterning examples, as the OASIS pattern validator tests them.
func TestParsePatternSpecExamples(t *testing.T) {
	for _, p := range []string{
		`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
		`[email-message:from_ref.value MATCHES '.+\\@example\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
		`[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']`,
		`([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) WITHIN 300 SECONDS`,
		`[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']`,
		`[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\xd4\\xc3\\xb2\\xa1\\x02\\x00\\x04\\x00']`,
		`[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS`,
		`[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']`,
		`[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']`,
		`[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']`,
		`[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS`,
		`[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']`,
		`([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\foo\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']`,
		`( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])`,
		`[network-traffic:src_port = 37020 AND user-account:user_id = 'root'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z' OR [ipv4-addr:value = '192.168.122.83'] START t'2016-06-01T03:55:00.123Z' STOP t'2016-06-01T04:30:24.743Z'`,
	} {
		if _, err := ParsePattern(p); err != nil {
			t.Errorf("ParsePattern(%q): %v", p, err)
		}
	}
}

func TestParsePatternInvalid(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "empty"},
		{`  /* nothing */ `, "empty"},
		{`file:size = 1280`, "want '[' to start an observation"},
		{`[file:size = ]`, "want a value"},
		{`[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]`, "strings go in single quotes"},
		{`[file.size = 1280]`, "want ':' after the object type"},
		{`[file:name MATCHES /.*\.dll/]`, "has no place"},
		{`[x:y = 'a'] WITHIN ]`, "want a number of seconds"},
		{`[x:y = 'a'] WITHIN 5 HOURS`, `want SECONDS, found "HOURS"`},
		{`[x:y = 'a'] WITHIN -5 SECONDS`, "want a number of seconds"},
		{`[x:y = 'a'] REPEATS 0 TIMES`, "whole number of times"},
		{`[x:y = 'a'] REPEATS 1.5 TIMES`, "whole number of times"},
		{`[network-traffic:dst_ref.value ISSUBSET ]`, "want a string"},
		{`[file:hashes.MD5 =? 'x']`, "has no place"},
		{`[x:d == t'2457-73-22T32:81:84.1Z']`, "not a STIX timestamp"},
		{`[x:d = t'2016-01-01T00:00:00+01:00']`, "not a STIX timestamp"},
		{`[artifact:payload_bin = b'====']`, "not base64"},
		{`[x:h = h'abc']`, "not hex"},
		{`[x:h = h'zz']`, "not hex"},
		{`[foo:bar=1] within 2 seconds`, `found "within"`},
		{`[foo:bar=1] and [foo:bar=2]`, `found "and"`},
		{`[a:b = 'unterminated]`, "does not end"},
		{`[a:b = 'bad \escape']`, `backslash in a string`},
		{`[a:b = 1`, "']' to close"},
		{`[a:b = 1]]`, "found ']'"},
		{`[a:b = 1] AND`, "want '['"},
		{`[a:b > true]`, "cannot compare true or false"},
		{`[a:b LIKE 5]`, "LIKE takes a string"},
		{`[a:b MATCHES h'00']`, "MATCHES takes a string"},
		{`[a:b = 01]`, "no leading zeros"},
		{`[a:b = 1.]`, "digits after the point"},
		{`[a:b = 12ab]`, "not a number"},
		{`[a:b = 99999999999999999999]`, "too large"},
		{`[a:b[99999999999999999999] = 1]`, "too large"},
		{`[a:b[x] = 1]`, "list index"},
		{`[a:b = maybe]`, "strings go in single quotes"},
		{`[a:b IN 'x']`, "'(' to start the list"},
		{`[a:b IN ('x' 'y')]`, "',' or ')'"},
		{`[:b = 1]`, "object path"},
		{`[a: = 1]`, "property name"},
		{`[a:b.'' = 1]`, "cannot be empty"},
		{`[a:b. = 1]`, "property name"},
		{`[AND:b = 1]`, "object path"},
		{`[a:b ! 1]`, "'!' must be followed by '='"},
		{`[a:b = 1 /* open`, "comment that does not end"},
		{`[a:b = 1] START t'2016-06-01T02:00:00Z' STOP t'2016-06-01T01:00:00Z'`, "not after START"},
		{`[a:b = 1] START t'2016-06-01T02:00:00Z'`, "want STOP"},
		{`[a:b = 1] START 5 STOP 6`, "want a timestamp"},
		{`[a:b = 1] START 'soon' STOP 'later'`, "not a STIX timestamp"},
		{`[]`, "object path"},
		{`()`, "want '['"},
		{strings.Repeat("(", 100) + "[a:b = 1]" + strings.Repeat(")", 100), "nested more than 64 deep"},
		{"[" + strings.Repeat("(", 100) + "a:b = 1" + strings.Repeat(")", 100) + "]", "nested more than 64 deep"},
	}
	for _, tt := range tests {
		_, err := ParsePattern(tt.in)
		if err == nil {
			t.Errorf("ParsePattern(%q) accepted a broken pattern", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParsePattern(%q) = %q, want it to say %q", tt.in, err, tt.want)
		}
	}
}

// TestParsePatternErrorPlace checks the error counts characters, not bytes,
// so a person can find the place in the pattern.
func TestParsePatternErrorPlace(t *testing.T) {
	_, err := ParsePattern(`[ipv4-addr:value = '1.2.3.4'`)
	if err == nil || err.Error() != "at character 29: want AND, OR or ']' to close the observation, found the end of the pattern" {
		t.Errorf("got %v", err)
	}
	_, err = ParsePattern(`[x:s = 'ü☃'] ANDX`)
	if pe, ok := err.(*PatternError); !ok || pe.Offset != 14 {
		t.Errorf("got %#v, want the error at character 14", err)
	}
}

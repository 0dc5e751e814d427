package warp

import "bytes"

// How a line is read, whatever its format (squid, DNS, firewall, CSV, JSON):
//
//   - A run is a longest stretch of [A-Za-z0-9._:-]. Everything else (space,
//     quotes, commas, brackets, slashes, '=', '@', '%', '\') separates runs,
//     so the same rules serve plain text, CSV and JSON.
//   - A run with two or more colons may be an IPv6 address.
//   - A run ending in ':' followed by "//" (or JSON's "\/\/") starts a URL.
//   - A run is split at colons into units (so "evil.example:443" gives the
//     name). A unit with a dot is a candidate name: it and each parent name
//     are looked up, so a subdomain hits its domain but "notevil.example",
//     whose label only ends in "evil", does not.
//   - Inside a unit, a letter-and-digit stretch of exactly 32, 40 or 64 hex
//     digits is a candidate hash, and a dotted-decimal stretch not touching
//     a letter or digit is a candidate IPv4 address ("1.2.3.4.5" is not).
//   - A unit right after '@' is an e-mail domain; the local part is the
//     stretch of [A-Za-z0-9._%+-] before the '@'.
//   - A run just after an escape ("%2F" in a URL, "\n" or "\u003c" in JSON)
//     is also read without the escape's tail, so "%2Fevil.example" hits.

const (
	cAlnum  = 1 << iota // [A-Za-z0-9]
	cHex                // [0-9A-Fa-f]
	cDigit              // [0-9]
	cRun                // [A-Za-z0-9._:-]
	cLocal              // e-mail local part: [A-Za-z0-9._%+-]
	cScheme             // URL scheme: [A-Za-z0-9.+-]
	cStop               // ends a URL
)

var cls = func() (t [256]uint8) {
	set := func(chars string, f uint8) {
		for i := 0; i < len(chars); i++ {
			t[chars[i]] |= f
		}
	}
	const lowerc, upperc, digits = "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"
	alnum := lowerc + upperc + digits
	set(alnum, cAlnum|cRun|cLocal|cScheme)
	set(digits+"abcdefABCDEF", cHex)
	set(digits, cDigit)
	set("._:-", cRun)
	set("._%+-", cLocal)
	set(".+-", cScheme)
	for c := 0; c <= ' '; c++ {
		t[c] |= cStop
	}
	set("\x7f\"'<>`|{}", cStop)
	return t
}()

var lower = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i + 'a' - 'A')
		}
	}
	return t
}()

// MatchLine calls emit once for every entry found on the line, in the order
// found. Hits carry Line 0; Scan numbers them.
func (m *Matcher) MatchLine(line []byte, emit func(Hit)) { m.matchLine(line, 0, emit) }

// lineState is one call's scratch space, kept on the stack so matching a
// line allocates nothing unless it hits.
type lineState struct {
	m     *Matcher
	line  []byte
	no    int
	emit  func(Hit)
	found []int32 // entries already reported on this line
	more  map[int32]bool
	name  [320]byte // a lower-cased name or e-mail address
	arr   [8]int32
}

func (m *Matcher) matchLine(line []byte, no int, emit func(Hit)) {
	st := lineState{m: m, line: line, no: no, emit: emit}
	st.found = st.arr[:0]
	for i := 0; i < len(line); {
		if cls[line[i]]&cRun == 0 {
			i++
			continue
		}
		s := i
		for i < len(line) && cls[line[i]]&cRun != 0 {
			i++
		}
		st.run(s, i)
	}
}

func (st *lineState) run(s, e int) {
	line := st.line
	k := escapeTail(line, s, e)
	// IPv6 first, so an IPv4-mapped address is seen whole
	first := bytes.IndexByte(line[s:e], ':')
	if first >= 0 && bytes.IndexByte(line[s+first+1:e], ':') >= 0 {
		first += s
		st.ipv6(s, e, first)
		if k > 0 {
			st.ipv6(s+k, e, -1)
		}
	}
	for us := s; us < e; {
		ue := e
		if c := bytes.IndexByte(line[us:e], ':'); c >= 0 {
			ue = us + c
		}
		if ue > us {
			// the reading without the escape first, so a hit shows the
			// name as the escape left it ("%2Fwww.evil.example" shows
			// "www.evil.example")
			if us == s && k > 0 && s+k < ue {
				st.unit(s+k, ue, false)
			}
			st.unit(us, ue, us == s)
		}
		us = ue + 1
	}
	if line[e-1] == ':' && len(st.m.urls) > 0 {
		st.url(s, e-1)
		if k > 0 && s+k < e-1 {
			st.url(s+k, e-1)
		}
	}
}

// escapeTail is how much of the run at s belongs to an escape just before
// it: the two hex digits of "%2F", the letter of "\n", or "u003c" of a
// JSON \u escape. 0 when there is none.
func escapeTail(line []byte, s, e int) int {
	if s == 0 {
		return 0
	}
	switch line[s-1] {
	case '%':
		if e-s > 2 && cls[line[s]]&cHex != 0 && cls[line[s+1]]&cHex != 0 {
			return 2
		}
	case '\\':
		switch line[s] {
		case 'n', 'r', 't', 'b', 'f':
			return 1
		case 'u':
			if e-s > 5 && cls[line[s+1]]&cHex != 0 && cls[line[s+2]]&cHex != 0 &&
				cls[line[s+3]]&cHex != 0 && cls[line[s+4]]&cHex != 0 {
				return 5
			}
		}
	}
	return 0
}

// unit looks at one colon-free piece of a run: hashes, IPv4 addresses,
// names, and the e-mail address it may end.
func (st *lineState) unit(us, ue int, runStart bool) {
	line, m := st.line, st.m
	dot, digit := false, false
	a, hex := -1, false
	for j := us; j < ue; j++ {
		f := cls[line[j]]
		if f&cAlnum != 0 {
			if a < 0 {
				a, hex = j, true
			}
			hex = hex && f&cHex != 0
			digit = digit || f&cDigit != 0
			continue
		}
		if a >= 0 && hex {
			st.hash(a, j)
		}
		a = -1
		dot = dot || line[j] == '.'
	}
	if a >= 0 && hex {
		st.hash(a, ue)
	}
	if runStart && us > 0 && line[us-1] == '@' && len(m.emails) > 0 {
		st.email(us-1, us, ue)
	}
	if !dot {
		return
	}
	if digit && len(m.v4.nets) > 0 {
		st.ipv4s(us, ue)
	}
	st.domain(us, ue)
}

func (st *lineState) hash(s, e int) {
	if n := e - s; n != 32 && n != 40 && n != 64 || len(st.m.hashes) == 0 {
		return
	}
	b := st.name[:e-s]
	for i := range b {
		b[i] = lower[st.line[s+i]]
	}
	if head, ok := st.m.hashes[string(b)]; ok {
		st.report(head, s, e)
	}
}

// ipv4s finds dotted-decimal stretches in a unit that stand alone: not
// starting with a dot and not touching a letter or digit, so neither
// "1.2.3.4.5" nor "v1.2.3.4" yields 1.2.3.4. A trailing dot is dropped (the
// end of a sentence, or a DNS name written absolute).
func (st *lineState) ipv4s(us, ue int) {
	line := st.line
	for j := us; j < ue; {
		if c := line[j]; cls[c]&cDigit == 0 && c != '.' {
			j++
			continue
		}
		r := j
		for j < ue && (cls[line[j]]&cDigit != 0 || line[j] == '.') {
			j++
		}
		if line[r] == '.' || r > us && cls[line[r-1]]&cAlnum != 0 || j < ue && cls[line[j]]&cAlnum != 0 {
			continue
		}
		end := j
		for line[end-1] == '.' {
			end--
		}
		if a, ok := parse4(line[r:end]); ok {
			st.m.v4.find(a, func(head int32) { st.report(head, r, end) })
		}
	}
}

func (st *lineState) ipv6(s, e, first int) {
	m := st.m
	if len(m.v4.nets) == 0 && len(m.v6.nets) == 0 {
		return
	}
	a, ok := parse6(st.line[s:e])
	if !ok && first >= 0 && bytes.IndexByte(st.line[first+1:e], ':') >= 0 && !allHex(st.line[s:first]) {
		// an interface or zone name before the address, as in
		// "outside:2001:db8::1" from a firewall
		s = first + 1
		a, ok = parse6(st.line[s:e])
	}
	if !ok {
		return
	}
	if v4, mapped := a.v4In6(); mapped {
		m.v4.find(v4, func(head int32) { st.report(head, s, e) })
		return
	}
	m.v6.find(a, func(head int32) { st.report(head, s, e) })
}

func allHex(b []byte) bool {
	for _, c := range b {
		if cls[c]&cHex == 0 {
			return false
		}
	}
	return true
}

// domain looks up a name and each of its parents. Names in logs are
// short, so lower-casing into the stack buffer and asking the map for each
// suffix is cheaper than anything cleverer; the last-label bit set first
// turns away file names, version numbers and timestamps.
func (st *lineState) domain(us, ue int) {
	line, m := st.line, st.m
	for us < ue && line[us] == '.' {
		us++
	}
	for ue > us && line[ue-1] == '.' {
		ue--
	}
	last := bytes.LastIndexByte(line[us:ue], '.')
	if last < 0 || ue-us > 253 {
		return
	}
	if h := tldHash(line[us+last+1:ue]) % tldBits; m.tlds[h/64]&(1<<(h%64)) == 0 {
		return
	}
	b := st.name[:ue-us]
	for i := range b {
		b[i] = lower[line[us+i]]
	}
	for p := 0; ; {
		if head, ok := m.domains[string(b[p:])]; ok {
			st.report(head, us, ue)
		}
		q := bytes.IndexByte(b[p:], '.')
		p += q + 1
		if q < 0 || bytes.IndexByte(b[p:], '.') < 0 {
			return // indicators have at least two labels
		}
	}
}

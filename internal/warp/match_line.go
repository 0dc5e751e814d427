package warp

// How a line is read, whatever its format (squid, DNS, firewall, CSV, JSON):
//
//   - A run is a longest stretch of [A-Za-z0-9._:-], less a lone leading
//     colon. Everything else (space, quotes, commas, brackets, slashes, '=',
//     '@', '%', '\') separates runs, so the same rules serve plain text, CSV
//     and JSON.
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
	cDot                // '.'
	cColon              // ':'
	cJoin               // '-' or '_', which may stand right before an IPv4 address
	cNonHex             // in a run but never in an IPv6 address: [G-Zg-z_-]
)

var cls = func() (t [256]uint16) {
	set := func(chars string, f uint16) {
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
	set(".", cDot)
	set(":", cColon)
	set("-_", cJoin)
	set("ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ-_", cNonHex)
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
	m    *Matcher
	line []byte
	no   int
	emit func(Hit)
	// entries already reported on this line: the first few in found
	// (not a slice of it, which would send the whole state to the heap),
	// then all of them in more
	found  [16]int32
	nfound int
	more   map[int32]bool
	name   [320]byte // a lower-cased name, hash or e-mail address

	// where the last URL read ends, and the first comma after it (see
	// urlStop)
	stopKnown, commaKnown bool
	stopFrom, stopAt      int
	commaFrom, commaAt    int
}

func (m *Matcher) matchLine(line []byte, no int, emit func(Hit)) {
	var st lineState // not a composite literal, which is built and then copied
	st.m, st.line, st.no, st.emit = m, line, no, emit
	// f gathers what kinds of byte the current run holds, so most runs
	// (words, numbers, short names) are turned away before a second look
	s, f := -1, uint16(0)
	for i, c := range line {
		k := cls[c]
		if k&cRun != 0 {
			if s < 0 {
				s, f = i, 0
			}
			f |= k
			continue
		}
		if s >= 0 {
			st.endRun(s, i, f)
			s = -1
		}
	}
	if s >= 0 {
		st.endRun(s, len(line), f)
	}
}

// endRun passes on a run that may hold something: a run with neither dot
// nor colon and shorter than a hash is a word or a number. A lone leading
// colon (JSON's "key":value, "key: value" in text) is dropped first, as no
// address or name starts with one.
func (st *lineState) endRun(s, e int, f uint16) {
	if st.line[s] == ':' && (e-s == 1 || st.line[s+1] != ':') {
		if s++; s == e {
			return
		}
		f = kinds(st.line[s:e])
	}
	if f&(cDot|cColon) != 0 || e-s >= 32 {
		st.run(s, e, f)
	}
}

func (st *lineState) run(s, e int, f uint16) {
	line := st.line
	k := escapeTail(line, s, e)
	if f&cColon == 0 {
		if k > 0 && s+k < e {
			st.unit(s+k, e, false, f)
		}
		st.unit(s, e, true, f)
		return
	}
	// IPv6 first, so an IPv4-mapped address is seen whole
	if len(st.m.v4.nets)+len(st.m.v6.nets) > 0 {
		st.ipv6s(s, e, k, f)
	}
	// then each colon-free unit, with its own kinds of byte
	us, uf := s, uint16(0)
	for j := s; j <= e; j++ {
		if j < e && line[j] != ':' {
			uf |= cls[line[j]]
			continue
		}
		if j > us {
			// the reading without the escape first, so a hit shows the
			// name as the escape left it ("%2Fwww.evil.example" shows
			// "www.evil.example")
			if us == s && k > 0 && s+k < j {
				st.unit(s+k, j, false, uf)
			}
			st.unit(us, j, us == s, uf)
		}
		us, uf = j+1, 0
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
// names, and the e-mail address it may end. f holds (at least) the kinds
// of byte in the unit.
func (st *lineState) unit(us, ue int, runStart bool, f uint16) {
	line, m := st.line, st.m
	if ue-us >= 32 && len(m.hashes) > 0 {
		a, hex := -1, false
		for j := us; j < ue; j++ {
			c := cls[line[j]]
			if c&cAlnum != 0 {
				if a < 0 {
					a, hex = j, true
				}
				hex = hex && c&cHex != 0
				continue
			}
			if a >= 0 && hex {
				st.hash(a, j)
			}
			a = -1
		}
		if a >= 0 && hex {
			st.hash(a, ue)
		}
	}
	if runStart && us > 0 && line[us-1] == '@' && len(m.emails) > 0 {
		st.email(us-1, us, ue)
	}
	if f&cDot == 0 {
		return
	}
	if f&cDigit != 0 && len(m.v4.nets) > 0 {
		st.ipv4s(us, ue, f&cJoin != 0)
	}
	st.domain(us, ue)
}

func (st *lineState) hash(s, e int) {
	if n := e - s; n != 32 && n != 40 && n != 64 {
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

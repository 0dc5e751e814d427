package warp

import "bytes"

const maxURLBytes = 8 << 10

// url reads the URL whose scheme ends at the colon, if "//" (or JSON's
// "\/\/") follows, and looks it up as Parse would write it. Its host needs
// nothing here: the runs of the host are read like any other.
//
// A URL ends at a space, quote, angle bracket, backquote, bar, brace,
// control byte or a backslash other than JSON's "\/" and "\u00XX" (these
// are read as what they stand for). CSV puts a comma after an unquoted URL
// while commas inside URLs are rare but legal, so the URL up to its first
// comma is tried too. One longer than maxURLBytes as written is not
// compared (its host still is): no server takes one.
func (st *lineState) url(s, colon int) {
	line := st.line
	j := colon + 1
	if !(bytes.HasPrefix(line[j:], []byte("//")) || bytes.HasPrefix(line[j:], []byte(`\/\/`))) {
		return
	}
	b := colon
	for b > s && cls[line[b-1]]&cScheme != 0 {
		b--
	}
	for b < colon && cls[line[b]]&(cAlnum|cDigit) != cAlnum {
		b++ // a scheme starts with a letter
	}
	if b == colon {
		return
	}
	stop, comma := st.urlStop(b), st.urlComma(b)
	if stop-b <= maxURLBytes {
		st.urlLookup(b, stop)
	}
	if comma < stop && comma-b <= maxURLBytes {
		st.urlLookup(b, comma)
	}
}

// urlStop is where a URL starting at p ends. URLs start left to right
// along a line, and one starting inside another ends where it does, so
// the last answer is kept: a line of "a://a://…" is read once, not once
// a URL.
func (st *lineState) urlStop(p int) int {
	if st.stopKnown && st.stopFrom <= p && p <= st.stopAt {
		return st.stopAt
	}
	line, j := st.line, p
	for j < len(line) {
		c := line[j]
		if c == '\\' {
			if j+1 < len(line) && line[j+1] == '/' {
				j += 2
				continue
			}
			if d, ok := jsonByteEscape(line[j:]); ok && cls[d]&cStop == 0 {
				j += 6
				continue
			}
			break
		}
		if cls[c]&cStop != 0 {
			break
		}
		j++
	}
	st.stopKnown, st.stopFrom, st.stopAt = true, p, j
	return j
}

// urlComma is the first comma at or after p, or the line's end; kept like
// urlStop's answer.
func (st *lineState) urlComma(p int) int {
	if st.commaKnown && st.commaFrom <= p && p <= st.commaAt {
		return st.commaAt
	}
	c := bytes.IndexByte(st.line[p:], ',')
	if c < 0 {
		c = len(st.line) - p
	}
	st.commaKnown, st.commaFrom, st.commaAt = true, p, p+c
	return p + c
}

// jsonByteEscape reads "\u00XX" at the start of b.
func jsonByteEscape(b []byte) (byte, bool) {
	if len(b) < 6 || b[1] != 'u' || b[2] != '0' || b[3] != '0' || hexVal[b[4]] < 0 || hexVal[b[5]] < 0 {
		return 0, false
	}
	return byte(hexVal[b[4]]<<4 | hexVal[b[5]]), true
}

// urlLookup compares the URL written at [s, e) of the line, which holds
// only the escapes urlStop lets through.
func (st *lineState) urlLookup(s, e int) {
	var dbuf [1024]byte
	u := dbuf[:0]
	for j := s; j < e; j++ {
		c := st.line[j]
		if c == '\\' {
			if st.line[j+1] == '/' {
				c = '/'
				j++
			} else {
				c, _ = jsonByteEscape(st.line[j:])
				j += 5
			}
		}
		u = append(u, c)
	}
	var buf [1024]byte
	key, slow := canonURLBytes(u, buf[:0])
	var head int32
	var ok bool
	if slow {
		// only when an indicator has this scheme is net/url worth its
		// allocations (a line of "a://a://…" must not cost them)
		if !st.m.hasScheme(u[:bytes.IndexByte(u, ':')]) {
			return
		}
		c, err := canonicalURL(string(u))
		if err != nil {
			return
		}
		head, ok = st.m.urls[c]
	} else if key != nil {
		head, ok = st.m.urls[string(key)]
	}
	if ok {
		st.report(head, s, e)
	}
}

// canonURLBytes writes a URL as canonicalURL would, without allocating,
// for the URLs logs are made of: a plain host name or IPv4 address, an
// optional numeric port, a path of characters net/url leaves as they are.
// Anything else (user info, IPv6 literals, %-escapes in the host, bytes
// net/url would escape) answers slow, and the caller asks canonicalURL.
// A nil key means no indicator can equal it (no host).
func canonURLBytes(u, out []byte) (key []byte, slow bool) {
	colon := bytes.IndexByte(u, ':')
	if colon < 0 || !bytes.HasPrefix(u[colon:], []byte("://")) {
		return nil, true
	}
	for _, c := range u[:colon] {
		out = append(out, lower[c])
	}
	out = append(out, "://"...)
	rest := u[colon+3:]
	if h := bytes.IndexByte(rest, '#'); h >= 0 {
		// the fragment is dropped, but net/url refuses the URL when a
		// %-escape in it is broken
		if !validEscapes(rest[h+1:]) {
			return nil, true
		}
		rest = rest[:h]
	}
	end := len(rest)
	if k := bytes.IndexAny(rest, "/?"); k >= 0 {
		end = k
	}
	host, pq := rest[:end], rest[end:]
	var port []byte
	if p := bytes.IndexByte(host, ':'); p >= 0 {
		host, port = host[:p], host[p+1:]
		if len(port) == 0 {
			port = nil // net/url drops an empty port
		}
		for _, c := range port {
			if cls[c]&cDigit == 0 {
				return nil, true
			}
		}
	}
	if len(host) == 0 {
		return nil, false
	}
	if host[len(host)-1] == '.' {
		return nil, true
	}
	for _, c := range host {
		if cls[c]&cAlnum == 0 && c != '.' && c != '-' && c != '_' {
			return nil, true
		}
		out = append(out, lower[c])
	}
	if port != nil {
		out = append(out, ':')
		out = append(out, port...)
	}
	path := pq
	if q := bytes.IndexByte(pq, '?'); q >= 0 {
		path = pq[:q]
	}
	if !validEscapes(path) {
		return nil, true
	}
	for _, c := range path {
		if c != '%' && !pathKeeps[c] {
			return nil, true
		}
	}
	switch string(pq) {
	case "":
		return append(out, '/'), false
	case "?":
		return append(out, "/?"...), false
	}
	return append(out, pq...), false
}

// validEscapes is whether every '%' in b starts an escape of two hex digits.
func validEscapes(b []byte) bool {
	for k := bytes.IndexByte(b, '%'); k >= 0; k = bytes.IndexByte(b, '%') {
		if k+2 >= len(b) || hexVal[b[k+1]] < 0 || hexVal[b[k+2]] < 0 {
			return false
		}
		b = b[k+3:]
	}
	return true
}

// pathKeeps is the bytes net/url writes back unchanged in a path.
var pathKeeps = func() (t [256]bool) {
	for c := range 256 {
		t[c] = cls[c]&cAlnum != 0
	}
	for _, c := range []byte("-._~!$&'()*+,;=:@[]/") {
		t[c] = true
	}
	return t
}()

func (m *Matcher) hasScheme(scheme []byte) bool {
	for _, s := range m.schemes {
		if len(s) == len(scheme) && bytes.EqualFold([]byte(s), scheme) {
			return true
		}
	}
	return false
}

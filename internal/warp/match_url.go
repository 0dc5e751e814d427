package warp

import "bytes"

// url reads the URL whose scheme ends at the colon, if "//" (or JSON's
// "\/\/") follows, and looks it up as Parse would write it. Its host needs
// nothing here: the runs of the host are read like any other.
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
	var buf [1024]byte
	dec := buf[:0]
	comma, commaRaw := -1, -1
	i := b
	for i < len(line) {
		c, adv := line[i], 1
		if c == '\\' {
			if i+1 < len(line) && line[i+1] == '/' {
				c, adv = '/', 2
			} else if i+5 < len(line) && line[i+1] == 'u' && line[i+2] == '0' && line[i+3] == '0' &&
				hexVal[line[i+4]] >= 0 && hexVal[line[i+5]] >= 0 {
				c, adv = byte(hexVal[line[i+4]]<<4|hexVal[line[i+5]]), 6
			} else {
				break
			}
		}
		if cls[c]&cStop != 0 {
			break
		}
		if c == ',' && comma < 0 {
			// CSV puts a comma after an unquoted URL; commas inside
			// URLs are rare but legal, so both readings are tried.
			comma, commaRaw = len(dec), i
		}
		dec = append(dec, c)
		i += adv
	}
	st.urlLookup(dec, b, i)
	if comma >= 0 {
		st.urlLookup(dec[:comma], b, commaRaw)
	}
}

func (st *lineState) urlLookup(u []byte, s, e int) {
	var buf [1024]byte
	key, slow := canonURLBytes(u, buf[:0])
	var head int32
	var ok bool
	if slow {
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
			return nil, true
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
	for k := 0; k < len(path); k++ {
		if c := path[k]; c == '%' {
			if k+2 >= len(path) || hexVal[path[k+1]] < 0 || hexVal[path[k+2]] < 0 {
				return nil, true
			}
		} else if !pathKeeps[c] {
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

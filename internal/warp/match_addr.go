package warp

import "bytes"

// Addresses in a line. netip.ParseAddr takes a string, and converting every
// candidate would allocate; the parsers here read the bytes in place and
// accept exactly what netip accepts (without zones), which
// FuzzParseAddrBytes checks.

// parse4 reads dotted-quad IPv4: four decimal fields of one to three digits,
// at most 255, no leading zeros (so "010" is not read as eight or ten).
func parse4(b []byte) (uint32, bool) {
	var a uint32
	fields, digits, v := 0, 0, 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == '.' {
			if digits == 0 || fields == 4 {
				return 0, false
			}
			a = a<<8 | uint32(v)
			fields, digits, v = fields+1, 0, 0
			continue
		}
		c := b[i]
		if c < '0' || c > '9' || digits == 3 || digits > 0 && v == 0 {
			return 0, false
		}
		v = v*10 + int(c-'0')
		digits++
		if v > 255 {
			return 0, false
		}
	}
	return a, fields == 4
}

// parse6 reads an IPv6 address: up to eight groups of one to four hex
// digits, at most one "::" standing for one or more zero groups, and
// optionally a dotted IPv4 address as the last 32 bits.
func parse6(b []byte) (u128, bool) {
	var w [8]uint16
	n, gap, i := 0, -1, 0
	if len(b) >= 2 && b[0] == ':' && b[1] == ':' {
		gap, i = 0, 2
	}
	for i < len(b) {
		j, v := i, uint32(0)
		for j < len(b) && j-i < 5 && hexVal[b[j]] >= 0 {
			v = v<<4 | uint32(hexVal[b[j]])
			j++
		}
		if j == i {
			return u128{}, false
		}
		if j < len(b) && b[j] == '.' {
			if n > 6 || gap < 0 && n != 6 {
				return u128{}, false
			}
			a, ok := parse4(b[i:])
			if !ok {
				return u128{}, false
			}
			w[n], w[n+1] = uint16(a>>16), uint16(a)
			n += 2
			break
		}
		if j-i > 4 || n == 8 {
			return u128{}, false
		}
		w[n] = uint16(v)
		n++
		if i = j; i == len(b) {
			break
		}
		if b[i] != ':' || i+1 == len(b) {
			return u128{}, false
		}
		if i++; b[i] == ':' {
			if gap >= 0 {
				return u128{}, false
			}
			gap = n
			i++
		}
	}
	switch {
	case gap < 0 && n != 8, gap >= 0 && n == 8:
		return u128{}, false
	case gap >= 0:
		// slide the groups after the gap to the end
		shift := 8 - n
		for k := n - 1; k >= gap; k-- {
			w[k+shift] = w[k]
		}
		for k := gap; k < gap+shift; k++ {
			w[k] = 0
		}
	}
	var a u128
	for k := 0; k < 4; k++ {
		a.hi = a.hi<<16 | uint64(w[k])
		a.lo = a.lo<<16 | uint64(w[k+4])
	}
	return a, true
}

// v4In6 is whether a is an IPv4-mapped address (::ffff:a.b.c.d), which
// logs print for IPv4 clients of dual-stack servers.
func (a u128) v4In6() (uint32, bool) {
	return uint32(a.lo), a.hi == 0 && a.lo>>32 == 0xffff
}

var hexVal = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = int8(c - '0')
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = int8(c - 'a' + 10)
		t[c-'a'+'A'] = int8(c - 'a' + 10)
	}
	return t
}()

// ipv4s finds dotted-decimal stretches in a unit that stand alone: not
// starting with a dot and not touching a letter or digit, so neither
// "1.2.3.4.5" nor "v1.2.3.4" yields 1.2.3.4. A trailing dot is dropped (the
// end of a sentence, or a DNS name written absolute). Such a stretch can
// only start where the unit does or after a '-' or '_', so only those
// places are tried.
func (st *lineState) ipv4s(us, ue int, joins bool) {
	line := st.line
	for r := us; r < ue; r++ {
		if r == us || cls[line[r-1]]&cJoin != 0 {
			if cls[line[r]]&cDigit != 0 {
				st.ipv4At(r, ue)
			}
			if !joins {
				return
			}
		}
	}
}

// ipv4At reads the dotted quad starting at r, giving up at the first
// byte that rules it out (so a timestamp costs four bytes): four fields
// of up to three digits, no leading zeros, none over 255, then perhaps
// trailing dots, then no letter or digit.
func (st *lineState) ipv4At(r, ue int) {
	line := st.line
	var a uint32
	j := r
	for fields := 0; ; {
		v, d := 0, 0
		for ; j < ue && cls[line[j]]&cDigit != 0; j++ {
			if d == 3 || d == 1 && v == 0 {
				return
			}
			if v = v*10 + int(line[j]-'0'); v > 255 {
				return
			}
			d++
		}
		if d == 0 {
			return
		}
		a = a<<8 | uint32(v)
		if fields++; fields == 4 {
			break
		}
		if j == ue || line[j] != '.' {
			return
		}
		j++
	}
	k := j
	for k < ue && line[k] == '.' {
		k++
	}
	if k < ue && cls[line[k]]&cAlnum != 0 {
		return // "1.2.3.4.5", "1.2.3.4.a"
	}
	st.m.v4.find(a, func(head int32) { st.report(head, r, j) })
}

// ipv6s tries the run [s, e), which has a colon and the kinds of byte f,
// as an IPv6 address; failing that, the part after its first colon when an
// interface name comes first ("outside:2001:db8::1" from a firewall); and
// the run without an escape's tail k. Runs holding a letter past f, a '-'
// or a '_' cannot be addresses, which settles times, MACs and words at once.
func (st *lineState) ipv6s(s, e, k int, f uint16) {
	line := st.line
	first := s + bytes.IndexByte(line[s:e], ':')
	if bytes.IndexByte(line[first+1:e], ':') < 0 {
		return // one colon: a port, a time, a label
	}
	if f&cNonHex == 0 {
		st.ipv6At(s, e)
	} else if kinds(line[s:first])&cNonHex != 0 && kinds(line[first+1:e])&cNonHex == 0 {
		st.ipv6At(first+1, e)
	}
	if k > 0 {
		st.ipv6At(s+k, e)
	}
}

func kinds(b []byte) (f uint16) {
	for _, c := range b {
		f |= cls[c]
	}
	return f
}

func (st *lineState) ipv6At(s, e int) {
	a, ok := parse6(st.line[s:e])
	if !ok {
		return
	}
	if v4, mapped := a.v4In6(); mapped {
		st.m.v4.find(v4, func(head int32) { st.report(head, s, e) })
		return
	}
	st.m.v6.find(a, func(head int32) { st.report(head, s, e) })
}

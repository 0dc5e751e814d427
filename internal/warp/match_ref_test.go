package warp

import (
	"net/netip"
	"regexp"
	"strings"
	"sync"
)

// refMatch is the slow, obvious statement of what MatchLine finds: regular
// expressions for the runs, netip and Parse for the values, and a walk over
// every entry for each candidate. The property test and the fuzz target
// hold the fast matcher to it.
func refMatch(entries []Entry, line string) map[int64]bool {
	hits := map[int64]bool{}
	for _, loc := range refRun.FindAllStringIndex(line, -1) {
		s, e := loc[0], loc[1]
		if line[s] == ':' && !strings.HasPrefix(line[s:e], "::") {
			s++ // a lone leading colon is not part of the run
		}
		if s == e {
			continue
		}
		starts := []int{s}
		if k := refEscape(line, s, e); k > 0 && s+k < e {
			starts = append(starts, s+k)
		}
		for vi, vs := range starts {
			run := line[vs:e]
			if strings.Count(run, ":") >= 2 {
				a, err := netip.ParseAddr(run)
				if before, after, _ := strings.Cut(run, ":"); err != nil && vi == 0 && strings.Contains(after, ":") &&
					strings.Trim(before, "0123456789abcdefABCDEF") != "" {
					a, err = netip.ParseAddr(after)
				}
				if err == nil {
					refAddr(entries, a.Unmap(), hits)
				}
			}
			if strings.HasSuffix(run, ":") && (strings.HasPrefix(line[e:], "//") || strings.HasPrefix(line[e:], `\/\/`)) {
				if p := refScheme.FindStringIndex(line[vs : e-1]); p != nil {
					refURL(entries, line[vs+p[0]:], hits)
				}
			}
			for ui, unit := range strings.Split(run, ":") {
				refUnit(entries, unit, hits)
				if ui == 0 && vi == 0 && s > 0 && line[s-1] == '@' {
					refEmail(entries, line[:s-1], unit, hits)
				}
			}
		}
	}
	return hits
}

var (
	refRun    = regexp.MustCompile(`[A-Za-z0-9._:-]+`)
	refScheme = regexp.MustCompile(`[A-Za-z][A-Za-z0-9.+-]*$`)
	refAlnum  = regexp.MustCompile(`[A-Za-z0-9]+`)
	refDotted = regexp.MustCompile(`[0-9.]+`)
	refLocal  = regexp.MustCompile(`[A-Za-z0-9._%+-]*$`)
)

func refEscape(line string, s, e int) int {
	if s == 0 {
		return 0
	}
	rest := line[s:e]
	switch line[s-1] {
	case '%':
		if len(rest) > 2 && isHex(rest[:2]) {
			return 2
		}
	case '\\':
		if len(rest) > 0 && strings.Contains("nrtbf", rest[:1]) {
			return 1
		}
		if len(rest) > 5 && rest[0] == 'u' && isHex(rest[1:5]) {
			return 5
		}
	}
	return 0
}

func refAddr(entries []Entry, a netip.Addr, hits map[int64]bool) {
	for _, en := range entries {
		switch en.Indicator.Type {
		case IPv4, IPv6:
			if en.Indicator.Value == a.String() {
				hits[en.ID] = true
			}
		case CIDR:
			if refPrefix(en.Indicator.Value).Contains(a) {
				hits[en.ID] = true
			}
		}
	}
}

var refPrefixes sync.Map

func refPrefix(v string) netip.Prefix {
	if p, ok := refPrefixes.Load(v); ok {
		return p.(netip.Prefix)
	}
	p := netip.MustParsePrefix(v)
	refPrefixes.Store(v, p)
	return p
}

func refUnit(entries []Entry, unit string, hits map[int64]bool) {
	for _, h := range refAlnum.FindAllString(unit, -1) {
		if (len(h) == 32 || len(h) == 40 || len(h) == 64) && isHex(h) {
			refEqual(entries, hits, strings.ToLower(h), MD5, SHA1, SHA256)
		}
	}
	for _, loc := range refDotted.FindAllStringIndex(unit, -1) {
		a, b := loc[0], loc[1]
		isAlnum := func(c byte) bool { return refAlnum.MatchString(string(c)) }
		if unit[a] == '.' || a > 0 && isAlnum(unit[a-1]) || b < len(unit) && isAlnum(unit[b]) {
			continue
		}
		if ip, err := netip.ParseAddr(strings.TrimRight(unit[a:b], ".")); err == nil && ip.Is4() {
			refAddr(entries, ip, hits)
		}
	}
	host := strings.ToLower(strings.Trim(unit, "."))
	if !strings.Contains(host, ".") || len(host) > 253 {
		return
	}
	for _, en := range entries {
		if d := en.Indicator.Value; en.Indicator.Type == Domain && (host == d || strings.HasSuffix(host, "."+d)) {
			hits[en.ID] = true
		}
	}
}

func refEqual(entries []Entry, hits map[int64]bool, v string, types ...Type) {
	for _, en := range entries {
		for _, t := range types {
			if en.Indicator.Type == t && en.Indicator.Value == v {
				hits[en.ID] = true
			}
		}
	}
}

// refEmail: before is the line up to the '@'.
func refEmail(entries []Entry, before, unit string, hits map[int64]bool) {
	local := refLocal.FindString(before)
	domain := strings.Trim(unit, ".")
	if local == "" || domain == "" {
		return
	}
	locals := []string{local}
	start := len(before) - len(local)
	if len(local) > 3 && local[0] == '%' && isHex(local[1:3]) {
		locals = append(locals, local[3:])
	} else if k := refEscape(before, start, len(before)); k > 0 {
		locals = append(locals, local[k:])
	}
	for _, l := range locals {
		if len(l)+1+len(domain) <= 320 {
			refEqual(entries, hits, strings.ToLower(l+"@"+domain), Email)
		}
	}
}

// refURL: from is the line from the scheme on. The URL ends at a space,
// quote, angle bracket, backquote, bar, brace or control byte; JSON's \/
// and \u00XX are read as what they stand for, any other backslash ends it.
// It is compared whole and up to its first comma (as written), each when
// at most maxURLBytes long as written.
func refURL(entries []Entry, from string, hits map[int64]bool) {
	var u strings.Builder
	rawComma, decComma := -1, -1
	i := 0
	for ; i < len(from); i++ {
		c, raw := from[i], i
		if c == '\\' {
			switch {
			case strings.HasPrefix(from[i:], `\/`):
				c, i = '/', i+1
			case len(from) >= i+6 && strings.HasPrefix(from[i:], `\u00`) && isHex(from[i+4:i+6]):
				c = byte(hexVal[from[i+4]]<<4 | hexVal[from[i+5]])
				i += 5
			default:
				c = ' '
			}
		}
		if c <= ' ' || c == 0x7f || strings.IndexByte("\"'<>`|{}", c) >= 0 {
			i = raw
			break
		}
		if from[raw] == ',' && rawComma < 0 {
			rawComma, decComma = raw, u.Len()
		}
		u.WriteByte(c)
	}
	var cands []string
	if i <= maxURLBytes {
		cands = append(cands, u.String())
	}
	if rawComma >= 0 && rawComma <= maxURLBytes {
		cands = append(cands, u.String()[:decComma])
	}
	for _, c := range cands {
		// canonicalURL is Parse(URL) without its trimming of spaces,
		// which a URL cut out of a line never has (other than the odd
		// non-ASCII one, and those are part of the URL)
		if v, err := canonicalURL(c); err == nil {
			refEqual(entries, hits, v, URL)
		}
	}
}

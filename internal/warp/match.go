package warp

import (
	"net/netip"
	"slices"
	"strings"
)

// Entry is one indicator the Matcher looks for, with the ID the caller
// knows it by (the store's indicator row), so a hit can be traced back to
// its advisory. Several entries may carry the same indicator; each is
// reported.
type Entry struct {
	ID        int64
	Indicator Indicator
}

// Hit is one entry found on one line of a log.
type Hit struct {
	Line      int // 1-based line number from Scan; 0 from MatchLine
	EntryID   int64
	Indicator Indicator
	Seen      string // the text as it appeared in the log
}

// Matcher checks log lines against a fixed set of indicators. It is built
// once and then only read, so any number of goroutines may call MatchLine
// at once.
type Matcher struct {
	entries []Entry
	next    []int32 // next entry with the same key, -1 at the end of a chain
	skipped []Entry

	domains map[string]int32 // canonical domain -> the head of its chain of entries
	hashes  map[string]int32 // lower-case hex
	emails  map[string]int32
	urls    map[string]int32 // canonicalURL form
	schemes []string         // of the URLs, lower case

	v4 v4Table // IPv4 addresses (as /32) and networks
	v6 v6Table // IPv6 addresses (as /128) and networks

	names nameFilter // keeps most names in a log away from the domain map
}

// NewMatcher builds a matcher over the entries. It expects values written as
// Parse writes them; it lower-cases names and hashes it is given in another
// case, and puts aside (see Skipped) entries it cannot use. The matcher
// keeps the slice rather than a copy (a million entries are 40 MB), so the
// caller must not change it afterwards.
func NewMatcher(entries []Entry) *Matcher {
	m := &Matcher{entries: entries, next: make([]int32, len(entries))}
	var nDomain, nHash, nEmail, nURL, nV4, nV6 int
	for _, e := range entries {
		switch e.Indicator.Type {
		case Domain:
			nDomain++
		case MD5, SHA1, SHA256:
			nHash++
		case Email:
			nEmail++
		case URL:
			nURL++
		case IPv4:
			nV4++
		case IPv6:
			nV6++
		case CIDR: // most networks shared are IPv4
			nV4++
		}
	}
	m.domains = make(map[string]int32, nDomain)
	m.names = newNameFilter(nDomain)
	m.hashes = make(map[string]int32, nHash)
	m.emails = make(map[string]int32, nEmail)
	m.urls = make(map[string]int32, nURL)
	v4 := v4Builder{nets: make([]v4Net, 0, nV4)}
	v6 := v6Builder{nets: make([]v6Net, 0, nV6)}
	for n, e := range entries {
		i := int32(n)
		m.next[i] = -1
		ok := true
		switch v := e.Indicator.Value; e.Indicator.Type {
		case Domain:
			d := strings.TrimSuffix(asciiLower(v), ".")
			if ok = strings.IndexByte(d, '.') > 0 && !strings.ContainsAny(d, "@/: "); ok {
				m.link(m.domains, d, i)
				m.names.add(d)
			}
		case MD5, SHA1, SHA256:
			h := asciiLower(v)
			if ok = len(h) == hashLen(e.Indicator.Type) && isHex(h); ok {
				m.link(m.hashes, h, i)
			}
		case Email:
			local, host, found := strings.Cut(asciiLower(v), "@")
			if ok = found && local != "" && strings.IndexByte(host, '.') > 0; ok {
				m.link(m.emails, local+"@"+strings.TrimSuffix(host, "."), i)
			}
		case URL:
			u, err := canonicalURL(v)
			if ok = err == nil; ok {
				m.link(m.urls, u, i)
				if sc, _, _ := strings.Cut(u, ":"); !slices.Contains(m.schemes, sc) {
					m.schemes = append(m.schemes, sc)
				}
			}
		case IPv4, IPv6:
			a, err := netip.ParseAddr(v)
			if ok = err == nil && a.Zone() == ""; ok {
				a = a.Unmap()
				if a.Is4() {
					v4.add(netip.PrefixFrom(a, 32), i)
				} else {
					v6.add(netip.PrefixFrom(a, 128), i)
				}
			}
		case CIDR:
			p, err := netip.ParsePrefix(v)
			if ok = err == nil; ok {
				p = unmapPrefix(p)
				if p.Addr().Is4() {
					v4.add(p, i)
				} else {
					v6.add(p, i)
				}
			}
		default:
			ok = false
		}
		if !ok {
			m.skipped = append(m.skipped, e)
		}
	}
	m.v4 = v4.build(m.next)
	m.v6 = v6.build(m.next)
	return m
}

// link makes entry i the head of the chain for key, so duplicates of one
// value cost one map slot.
func (m *Matcher) link(table map[string]int32, key string, i int32) {
	if head, dup := table[key]; dup {
		m.next[i] = head
	}
	table[key] = i
}

// Len is the number of entries the matcher checks.
func (m *Matcher) Len() int { return len(m.entries) - len(m.skipped) }

// Skipped lists the entries NewMatcher could not use (an unknown type or a
// value that is not of its type), so the caller can report them rather than
// have them silently never match.
func (m *Matcher) Skipped() []Entry { return m.skipped }

func hashLen(t Type) int {
	switch t {
	case MD5:
		return 32
	case SHA1:
		return 40
	}
	return 64
}

// asciiLower lower-cases without allocating when there is nothing to do,
// which is the normal case for canonical values.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

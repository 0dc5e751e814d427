package warp

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// Type is the kind of observable an indicator names.
type Type string

const (
	IPv4   Type = "ipv4"
	IPv6   Type = "ipv6"
	CIDR   Type = "cidr" // an IPv4 or IPv6 network
	Domain Type = "domain"
	URL    Type = "url"
	Email  Type = "email"
	MD5    Type = "md5"
	SHA1   Type = "sha1"
	SHA256 Type = "sha256"
)

// Types lists every indicator type in the order pages show them.
var Types = []Type{IPv4, IPv6, CIDR, Domain, URL, Email, MD5, SHA1, SHA256}

// ParseType accepts a type name as typed, with a few common spellings.
func ParseType(s string) (Type, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	switch t {
	case "ip", "ipv4-addr", "ipv4":
		return IPv4, nil
	case "ipv6-addr", "ipv6":
		return IPv6, nil
	case "cidr", "network", "net":
		return CIDR, nil
	case "domain", "domain-name", "hostname", "fqdn":
		return Domain, nil
	case "url", "uri":
		return URL, nil
	case "email", "email-addr", "e-mail":
		return Email, nil
	case "md5":
		return MD5, nil
	case "sha1", "sha-1":
		return SHA1, nil
	case "sha256", "sha-256":
		return SHA256, nil
	}
	return "", fmt.Errorf("unknown indicator type %q (want one of ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256)", s)
}

// Indicator is one observable, written canonically so that equal values
// compare equal: addresses as netip prints them, networks masked, domains
// and e-mail addresses in lower case without a trailing dot, hashes in lower
// case hex, URLs with a lower-case scheme and host and no fragment.
type Indicator struct {
	Type  Type   `json:"type"`
	Value string `json:"value"`
}

func (in Indicator) String() string { return string(in.Type) + ":" + in.Value }

// Parse reads a value of a known type and writes it canonically.
func Parse(t Type, value string) (Indicator, error) {
	if len(value) > MaxValueBytes {
		return Indicator{}, tooLong(t, value)
	}
	v := strings.TrimSpace(value)
	if v == "" {
		return Indicator{}, fmt.Errorf("empty %s", t)
	}
	switch t {
	case IPv4, IPv6:
		a, err := netip.ParseAddr(v)
		if err != nil {
			return Indicator{}, fmt.Errorf("%s is not an IP address", excerpt(value))
		}
		a = a.Unmap()
		if a.Zone() != "" {
			return Indicator{}, fmt.Errorf("%s has a zone; an indicator names an address on the internet", excerpt(value))
		}
		got := IPv4
		if a.Is6() {
			got = IPv6
		}
		if got != t {
			return Indicator{}, fmt.Errorf("%s is an %s address, not %s", excerpt(value), got, t)
		}
		return Indicator{t, a.String()}, nil
	case CIDR:
		p, err := netip.ParsePrefix(v)
		if err != nil {
			return Indicator{}, fmt.Errorf("%s is not a network in CIDR notation (such as 203.0.113.0/24)", excerpt(value))
		}
		p = unmapPrefix(p)
		if p.Addr().Is4() && p.Bits() < 8 || p.Addr().Is6() && p.Bits() < 16 {
			return Indicator{}, fmt.Errorf("%s is too wide a network to be an indicator", excerpt(value))
		}
		return Indicator{t, p.String()}, nil
	case Domain:
		d, err := canonicalDomain(v)
		if err != nil {
			return Indicator{}, fmt.Errorf("%s is not a domain name: %v", excerpt(value), err)
		}
		return Indicator{t, d}, nil
	case URL:
		u, err := canonicalURL(v)
		if err == nil && len(u) > maxURLBytes {
			return Indicator{}, tooLong(t, u)
		}
		if err != nil {
			return Indicator{}, fmt.Errorf("%s is not a URL: %v", excerpt(value), err)
		}
		return Indicator{t, u}, nil
	case Email:
		local, host, ok := strings.Cut(v, "@")
		if !ok || local == "" || strings.ContainsAny(local, " \t<>\"") {
			return Indicator{}, fmt.Errorf("%s is not an e-mail address", excerpt(value))
		}
		d, err := canonicalDomain(host)
		if err != nil {
			return Indicator{}, fmt.Errorf("%s is not an e-mail address: %v", excerpt(value), err)
		}
		if len(local) > 64 {
			return Indicator{}, fmt.Errorf("%s is not an e-mail address: the part before @ is longer than 64 characters", excerpt(value))
		}
		return Indicator{t, strings.ToLower(local) + "@" + d}, nil
	case MD5, SHA1, SHA256:
		want := map[Type]int{MD5: 32, SHA1: 40, SHA256: 64}[t]
		if len(v) != want || !isHex(v) {
			return Indicator{}, fmt.Errorf("%s is not an %s hash (%d hex digits)", excerpt(value), strings.ToUpper(string(t)), want)
		}
		return Indicator{t, strings.ToLower(v)}, nil
	}
	return Indicator{}, fmt.Errorf("unknown indicator type %q", t)
}

// Detect works out the type of a value from a plain feed line and writes it
// canonically. Defanged values ("evil[.]example", "hxxps://") are refanged.
func Detect(value string) (Indicator, error) {
	if len(value) > MaxValueBytes {
		return Indicator{}, tooLong("indicator", value)
	}
	v := Refang(strings.TrimSpace(value))
	if v == "" {
		return Indicator{}, fmt.Errorf("empty value")
	}
	switch {
	case strings.Contains(v, "://"):
		return Parse(URL, v)
	case strings.Contains(v, "/"):
		return Parse(CIDR, v)
	case strings.Contains(v, "@"):
		return Parse(Email, v)
	}
	if a, err := netip.ParseAddr(v); err == nil {
		if a.Unmap().Is4() {
			return Parse(IPv4, v)
		}
		return Parse(IPv6, v)
	}
	if isHex(v) {
		switch len(v) {
		case 32:
			return Parse(MD5, v)
		case 40:
			return Parse(SHA1, v)
		case 64:
			return Parse(SHA256, v)
		}
	}
	if in, err := Parse(Domain, v); err == nil {
		return in, nil
	}
	return Indicator{}, fmt.Errorf("%s is not an address, network, domain, URL, e-mail address or MD5/SHA-1/SHA-256 hash", excerpt(value))
}

// Refang undoes the usual ways of writing an indicator so nobody clicks it.
func Refang(v string) string {
	if !strings.ContainsAny(v, "[(x") {
		return v
	}
	r := strings.NewReplacer("[.]", ".", "(.)", ".", "[dot]", ".", "(dot)", ".", "[:]", ":", "[@]", "@", "[at]", "@",
		"hxxps://", "https://", "hxxp://", "http://", "hXXps://", "https://", "hXXp://", "http://", "[://]", "://")
	return r.Replace(v)
}

// unmapPrefix writes an IPv4 network given IPv4-mapped (::ffff:192.0.2.0/120)
// as IPv4, and masks it. Unmapping the address alone kept the IPv6 prefix
// length, which no IPv4 network has, and gave "invalid Prefix".
func unmapPrefix(p netip.Prefix) netip.Prefix {
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return len(s) > 0
}

// canonicalDomain lower-cases a host name, drops a trailing dot and checks
// it is made of DNS labels (letters, digits, hyphens and, as seen in real
// names, underscores), with at least two labels.
func canonicalDomain(s string) (string, error) {
	d := strings.TrimSuffix(strings.ToLower(s), ".")
	if len(d) > 253 {
		return "", fmt.Errorf("longer than 253 characters")
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return "", fmt.Errorf("want at least two labels, as in example.org")
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return "", fmt.Errorf("empty or over-long label")
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return "", fmt.Errorf("character %q is not allowed", c)
			}
		}
	}
	if _, err := netip.ParseAddr(d); err == nil {
		return "", fmt.Errorf("an address, not a name")
	}
	return d, nil
}

func canonicalURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("unreadable")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("want a scheme and a host, as in http://example.org/path")
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		host = a.Unmap().String()
		if a.Is6() {
			host = "[" + host + "]"
		}
	} else if host, err = canonicalDomain(host); err != nil {
		return "", err
	}
	if p := u.Port(); p != "" {
		host += ":" + p
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" && u.RawQuery == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// Host is the domain or address a URL or e-mail indicator names, "" for the
// other types.
func (in Indicator) Host() string {
	switch in.Type {
	case URL:
		if u, err := url.Parse(in.Value); err == nil {
			return u.Hostname()
		}
	case Email:
		_, h, _ := strings.Cut(in.Value, "@")
		return h
	}
	return ""
}

// Defang writes a value so that nobody follows it by accident from a
// ticket or an e-mail: dots in brackets, hxxp for http.
func Defang(v string) string {
	v = strings.NewReplacer("http://", "hxxp://", "https://", "hxxps://").Replace(v)
	if strings.Contains(v, "/") && !strings.Contains(v, "://") { // a network: leave it readable
		return v
	}
	return strings.ReplaceAll(v, ".", "[.]")
}

package warp

import (
	"net/netip"
	"strings"
)

// A warning list holds values that are almost never malicious in
// themselves: an indicator that falls in one is likely a false positive,
// and would flood every member's matches with noise. Publishing flags such
// indicators and asks the author to confirm them.
type WarningList struct {
	Name   string
	Reason string
	nets   []netip.Prefix
	names  map[string]bool // domains; their subdomains count too
}

// Warning is an indicator's hit on a list.
type Warning struct {
	List   string `json:"list"`
	Reason string `json:"reason"`
}

func (w Warning) String() string { return w.List + ": " + w.Reason }

// NewWarningList makes a list from addresses, networks and domains.
func NewWarningList(name, reason string, values ...string) WarningList {
	l := WarningList{Name: name, Reason: reason, names: map[string]bool{}}
	for _, v := range values {
		if p, err := netip.ParsePrefix(v); err == nil {
			l.nets = append(l.nets, p.Masked())
		} else if a, err := netip.ParseAddr(v); err == nil {
			l.nets = append(l.nets, netip.PrefixFrom(a, a.BitLen()))
		} else {
			l.names[strings.TrimSuffix(strings.ToLower(v), ".")] = true
		}
	}
	return l
}

// Holds reports whether the indicator falls in the list: an address inside
// one of its networks, a network overlapping one, a domain equal to or under
// one of its domains, a URL or e-mail address whose host does.
func (l WarningList) Holds(in Indicator) bool {
	switch in.Type {
	case IPv4, IPv6:
		a, err := netip.ParseAddr(in.Value)
		return err == nil && l.holdsAddr(a)
	case CIDR:
		p, err := netip.ParsePrefix(in.Value)
		if err != nil {
			return false
		}
		for _, n := range l.nets {
			if n.Overlaps(p) {
				return true
			}
		}
		return false
	case Domain:
		return l.holdsName(in.Value)
	case URL, Email:
		h := strings.Trim(in.Host(), "[]")
		if a, err := netip.ParseAddr(h); err == nil {
			return l.holdsAddr(a)
		}
		return l.holdsName(h)
	}
	return false
}

func (l WarningList) holdsAddr(a netip.Addr) bool {
	a = a.Unmap()
	for _, n := range l.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

func (l WarningList) holdsName(d string) bool {
	for d != "" {
		if l.names[d] {
			return true
		}
		_, rest, ok := strings.Cut(d, ".")
		if !ok {
			return false
		}
		d = rest
	}
	return false
}

// WarningLists is the set of lists publishing checks against.
type WarningLists []WarningList

// Check lists the warnings an indicator raises.
func (ls WarningLists) Check(in Indicator) []Warning {
	var out []Warning
	for _, l := range ls {
		if l.Holds(in) {
			out = append(out, Warning{List: l.Name, Reason: l.Reason})
		}
	}
	return out
}

// With adds a list.
func (ls WarningLists) With(l WarningList) WarningLists {
	return append(append(WarningLists(nil), ls...), l)
}

// BuiltinWarningLists are the lists every publication is checked against;
// the service adds each member org's own domains.
func BuiltinWarningLists() WarningLists {
	return WarningLists{
		NewWarningList("private addresses", "a private, loopback, link-local or shared address: it names a machine inside some network, not an attacker's",
			"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8",
			"::1/128", "fc00::/7", "fe80::/10", "224.0.0.0/4", "255.255.255.255/32"),
		NewWarningList("public resolvers", "a public DNS resolver: every network talks to it",
			"8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222", "208.67.220.220",
			"94.140.14.14", "94.140.15.15", "2001:4860:4860::8888", "2001:4860:4860::8844", "2606:4700:4700::1111",
			"2606:4700:4700::1001", "2620:fe::fe", "2620:fe::9"),
		NewWarningList("common services", "a domain of a service nearly every council uses: matching it would flag ordinary traffic",
			"microsoft.com", "office.com", "office365.com", "microsoftonline.com", "windows.net", "windowsupdate.com", "live.com",
			"outlook.com", "sharepoint.com", "google.com", "googleapis.com", "gstatic.com", "gov.uk", "service.gov.uk", "nhs.uk",
			"nhs.net", "apple.com", "icloud.com", "amazonaws.com", "cloudflare.com", "akamaiedge.net", "bbc.co.uk"),
	}
}

// OwnDomains is the list of an org's own domains.
func OwnDomains(orgName string, domains []string) WarningList {
	return NewWarningList("own domains of "+orgName, "one of "+orgName+"'s own domains", domains...)
}

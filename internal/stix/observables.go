package stix

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/warp"
)

// Observables are the values the pattern tests for that ward can match on,
// and a note for everything else. Ward's matcher treats an indicator as
// "any of these values": so each comparison that says a property equals a
// value (=, or IN a list; ISSUBSET a network for an address) of
//
//	ipv4-addr:value, ipv6-addr:value   an address, or a network with /n
//	domain-name:value, url:value, email-addr:value
//	file:hashes.MD5, 'SHA-1', 'SHA-256' (also SHA1, SHA256)
//
// becomes a warp.Indicator, and every other comparison is listed in
// unmatched with the reason, as are qualifiers and AND or FOLLOWEDBY joins
// when they narrow a pattern whose observables ward keeps. A value that is
// not what its property says (a domain with a space in it) is unmatched,
// not an error: the feed is still worth importing.
func (p Pattern) Observables() (found []warp.Indicator, unmatched []string) {
	var joins []Join
	var qualifiers []Qualifier
	var comparisons []Comparison
	walkObservation(p.Expr, &joins, &qualifiers, &comparisons)
	for _, c := range comparisons {
		got, notes := comparisonObservables(c)
		for _, in := range got {
			if !slices.Contains(found, in) {
				found = append(found, in)
			}
		}
		unmatched = append(unmatched, notes...)
	}
	if len(found) > 0 {
		for _, q := range qualifiers {
			unmatched = append(unmatched, q.String()+" (ward does not keep qualifiers: each observable matches whenever it is seen)")
		}
		for _, j := range []Join{And, FollowedBy} {
			if slices.Contains(joins, j) {
				unmatched = append(unmatched, string(j)+" (ward matches each observable on its own, not only together)")
			}
		}
	}
	return found, slices.Compact(unmatched)
}

func walkObservation(o Observation, joins *[]Join, qs *[]Qualifier, cs *[]Comparison) {
	switch o := o.(type) {
	case ObservationTest:
		walkTest(o.Test, joins, cs)
	case ObservationJoin:
		*joins = append(*joins, o.Op)
		walkObservation(o.Left, joins, qs, cs)
		walkObservation(o.Right, joins, qs, cs)
	case Qualified:
		walkObservation(o.Expr, joins, qs, cs)
		*qs = append(*qs, o.Qualifier)
	}
}

func walkTest(t Test, joins *[]Join, cs *[]Comparison) {
	switch t := t.(type) {
	case TestJoin:
		*joins = append(*joins, t.Op)
		walkTest(t.Left, joins, cs)
		walkTest(t.Right, joins, cs)
	case Comparison:
		*cs = append(*cs, t)
	}
}

// observableType is the ward type a comparison's path holds values of.
func observableType(path ObjectPath) (warp.Type, bool) {
	s := path.Steps
	if len(s) == 1 && s[0].Kind == KeyStep && s[0].Key == "value" {
		switch path.Type {
		case "ipv4-addr":
			return warp.IPv4, true
		case "ipv6-addr":
			return warp.IPv6, true
		case "domain-name":
			return warp.Domain, true
		case "url":
			return warp.URL, true
		case "email-addr":
			return warp.Email, true
		}
	}
	if path.Type == "file" && len(s) == 2 && s[0].Key == "hashes" && s[1].Kind == KeyStep {
		switch strings.ReplaceAll(strings.ToUpper(s[1].Key), "-", "") {
		case "MD5":
			return warp.MD5, true
		case "SHA1":
			return warp.SHA1, true
		case "SHA256":
			return warp.SHA256, true
		}
	}
	return "", false
}

func comparisonObservables(c Comparison) ([]warp.Indicator, []string) {
	t, ok := observableType(c.Path)
	if !ok {
		return nil, []string{c.String() + " (ward has no indicator for " + c.Path.String() + ")"}
	}
	address := t == warp.IPv4 || t == warp.IPv6
	values := []Literal{c.Value}
	switch {
	case c.Negated:
		return nil, []string{c.String() + " (ward keeps only tests that a value is present, not absent)"}
	case c.Op == In:
		values = c.Set
	case c.Op == IsSubset && address:
		if !strings.Contains(c.Value.Text, "/") {
			return nil, []string{c.String() + " (ISSUBSET wants a network such as 198.51.100.0/24)"}
		}
	case c.Op != Equal:
		return nil, []string{c.String() + " (ward keeps only = and IN tests as indicators)"}
	}
	var found []warp.Indicator
	var notes []string
	for _, v := range values {
		one := Comparison{Path: c.Path, Op: Equal, Value: v}
		if v.Kind != StringLiteral {
			notes = append(notes, one.String()+" (the value is not a string)")
			continue
		}
		in, err := observable(t, v.Text)
		if err != nil {
			notes = append(notes, one.String()+" ("+err.Error()+")")
			continue
		}
		found = append(found, in)
	}
	return found, notes
}

// observable reads one value of a path's type; an address with a prefix
// length is a network unless the prefix is the whole address.
func observable(t warp.Type, v string) (warp.Indicator, error) {
	if (t == warp.IPv4 || t == warp.IPv6) && strings.Contains(v, "/") {
		p, err := netip.ParsePrefix(strings.TrimSpace(v))
		if err == nil && p.Addr().Is4() != (t == warp.IPv4) {
			return warp.Indicator{}, fmt.Errorf("%s is not an %s network", quoted(v), t)
		}
		if err == nil && p.Bits() == p.Addr().BitLen() {
			return warp.Parse(t, p.Addr().String())
		}
		return warp.Parse(warp.CIDR, v)
	}
	return warp.Parse(t, v)
}

package stix

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/ward-shared-service/ward/internal/warp"
)

// PatternFor writes the STIX pattern that matches any of the observables:
// one observation whose comparisons are joined by OR, as in
// [ipv4-addr:value = '203.0.113.7' OR file:hashes.'SHA-256' = '…'].
// Networks are written as ipv4-addr or ipv6-addr values with their prefix
// length, as STIX 2.1 does. Each value is checked and written canonically
// first, so a pattern never carries a value ward would not accept.
func PatternFor(observables []warp.Indicator) (string, error) {
	if len(observables) == 0 {
		return "", errors.New("no observables: an indicator needs at least one")
	}
	parts := make([]string, 0, len(observables))
	for _, o := range observables {
		in, err := warp.Parse(o.Type, o.Value)
		if err != nil {
			return "", fmt.Errorf("observable %s: %v", o, err)
		}
		parts = append(parts, patternPath(in)+" = "+quoteString(in.Value))
	}
	return "[" + strings.Join(parts, " OR ") + "]", nil
}

func patternPath(in warp.Indicator) string {
	switch in.Type {
	case warp.IPv4:
		return "ipv4-addr:value"
	case warp.IPv6:
		return "ipv6-addr:value"
	case warp.CIDR:
		if p, err := netip.ParsePrefix(in.Value); err == nil && p.Addr().Is6() {
			return "ipv6-addr:value"
		}
		return "ipv4-addr:value"
	case warp.Domain:
		return "domain-name:value"
	case warp.URL:
		return "url:value"
	case warp.Email:
		return "email-addr:value"
	case warp.MD5:
		return "file:hashes.MD5"
	case warp.SHA1:
		return "file:hashes.'SHA-1'"
	}
	return "file:hashes.'SHA-256'"
}

// Package warpgen writes synthetic WARP data for the demo, the CLI (ward
// warp generate) and the matcher's benchmarks: indicators of every type,
// and logs in five styles that name them exactly where told to. The same
// seed always gives the same data.
package warpgen

import (
	"encoding/hex"
	"math/rand/v2"
	"net/netip"
	"strings"

	"github.com/ward-shared-service/ward/internal/warp"
)

// Generated data keeps clear of the logs' benign traffic by construction,
// so a generated log hits exactly where it was told to:
//   - indicator domains are registered under a made-up word of
//     consonant-vowel syllables ("kivaro.com", "login.kivaro.com"); the
//     benign hosts of Log are registered under words of another
//     shape ("bbc", "citypark"), so none is an indicator or under one;
//   - indicator addresses and networks avoid private ranges and the first
//     octets (and IPv6 first groups) the benign servers use.

var (
	genTLDs      = []string{"com", "net", "org", "info", "xyz", "top", "ru", "cn", "io", "co.uk", "biz", "online", "site", "shop", "club"}
	genSubLabels = []string{"login", "secure", "cdn", "mail", "update", "portal", "account", "files", "api", "verify"}
	consonants   = "bcdfghjklmnprstvwz"
	vowels       = "aeiou"
	// first IPv4 octets of the benign servers in generated logs
	benignOctets = [...]byte{13, 20, 23, 52, 104, 142, 151, 157}
	// first IPv6 groups of the benign servers in generated logs
	benignV6 = [...]uint16{0x2a00, 0x2a03, 0x2606, 0x2620}
)

// Indicators makes n distinct, canonical indicators, the same for
// the same seed: half domains, the rest IPv4 and IPv6 addresses, IPv4 and
// IPv6 networks, and MD5, SHA-1 and SHA-256 hashes, shuffled together.
func Indicators(n int, seed int64) []warp.Indicator {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	out := make([]warp.Indicator, 0, n)
	seen := make(map[string]bool, n)
	add := func(t warp.Type, v string) bool {
		if seen[v] {
			return false
		}
		seen[v] = true
		out = append(out, warp.Indicator{Type: t, Value: v})
		return true
	}
	rest := n - n/2
	// shares of the non-domain half, in per mille
	kinds := []struct {
		t    warp.Type
		per  int
		make func() string
	}{
		{warp.IPv4, 300, func() string { return genIPv4(rng).String() }},
		{warp.IPv6, 100, func() string { return genIPv6(rng).String() }},
		{warp.CIDR, 150, func() string { return genPrefix4(rng).String() }},
		{warp.CIDR, 50, func() string { return genPrefix6(rng).String() }},
		{warp.MD5, 150, func() string { return genHex(rng, 16) }},
		{warp.SHA1, 100, func() string { return genHex(rng, 20) }},
		{warp.SHA256, 150, func() string { return genHex(rng, 32) }},
		{warp.Domain, 0, func() string { return genDomain(rng) }},
	}
	// the order of kinds is shuffled first and the values made in that
	// order, so they lie in memory in the order of the slice, as values
	// read from a database do
	order := make([]uint8, 0, n)
	left := rest
	for k, c := range kinds[:len(kinds)-1] {
		count := rest * c.per / 1000
		if k == len(kinds)-2 {
			count = left
		}
		left -= count
		for range count {
			order = append(order, uint8(k))
		}
	}
	for len(order) < n {
		order = append(order, uint8(len(kinds)-1))
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, k := range order {
		for !add(kinds[k].t, kinds[k].make()) {
		}
	}
	return out
}

// Entries numbers indicators from 1 as a list's entries, for a matcher
// built from generated indicators.
func Entries(ins []warp.Indicator) []warp.Entry {
	es := make([]warp.Entry, len(ins))
	for i, in := range ins {
		es[i] = warp.Entry{ID: int64(i + 1), Indicator: in}
	}
	return es
}

// genWord is two to four consonant-vowel syllables.
func genWord(rng *rand.Rand) string {
	var b strings.Builder
	for range 2 + rng.IntN(3) {
		b.WriteByte(consonants[rng.IntN(len(consonants))])
		b.WriteByte(vowels[rng.IntN(len(vowels))])
	}
	return b.String()
}

func genDomain(rng *rand.Rand) string {
	name := genWord(rng)
	if rng.IntN(4) == 0 {
		name += "-" + genWord(rng)
	}
	d := name + "." + genTLDs[rng.IntN(len(genTLDs))]
	if rng.IntN(5) == 0 {
		d = genSubLabels[rng.IntN(len(genSubLabels))] + "." + d
	}
	return d
}

func genIPv4(rng *rand.Rand) netip.Addr {
	for {
		a := rng.Uint32()
		b := [4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}
		if publicV4(b) {
			return netip.AddrFrom4(b)
		}
	}
}

func publicV4(b [4]byte) bool {
	switch {
	case b[0] == 0, b[0] == 10, b[0] == 127, b[0] >= 224,
		b[0] == 100 && b[1]&0xc0 == 64, b[0] == 169 && b[1] == 254,
		b[0] == 172 && b[1]&0xf0 == 16, b[0] == 192 && b[1] == 168:
		return false
	}
	for _, o := range benignOctets {
		if b[0] == o {
			return false
		}
	}
	return true
}

func genIPv6(rng *rand.Rand) netip.Addr {
	for {
		var b [16]byte
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		b[0] = 0x20 | b[0]&0x1f // 2000::/3, global unicast
		first := uint16(b[0])<<8 | uint16(b[1])
		ok := true
		for _, g := range benignV6 {
			ok = ok && first != g
		}
		if ok {
			return netip.AddrFrom16(b)
		}
	}
}

func genPrefix4(rng *rand.Rand) netip.Prefix {
	bits := 20 + rng.IntN(5) // mostly /20 to /24
	switch r := rng.IntN(20); {
	case r == 0:
		bits = 16
	case r < 8:
		bits = 25 + rng.IntN(6)
	}
	return netip.PrefixFrom(genIPv4(rng), bits).Masked()
}

func genPrefix6(rng *rand.Rand) netip.Prefix {
	return netip.PrefixFrom(genIPv6(rng), []int{32, 40, 48, 56, 64}[rng.IntN(5)]).Masked()
}

func genHex(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return hex.EncodeToString(b)
}

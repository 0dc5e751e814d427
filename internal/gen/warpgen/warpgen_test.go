package warpgen

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/warp"
)

func TestGenerateIndicators(t *testing.T) {
	a, b := Indicators(2000, 1), Indicators(2000, 1)
	if !slices.Equal(a, b) {
		t.Fatal("same seed, different indicators")
	}
	if slices.Equal(a, Indicators(2000, 2)) {
		t.Fatal("different seeds, same indicators")
	}
	count := map[warp.Type]int{}
	seen := map[string]bool{}
	for _, in := range a {
		c, err := warp.Parse(in.Type, in.Value)
		if err != nil || c != in {
			t.Fatalf("%v is not canonical: %v, %v", in, c, err)
		}
		if seen[in.Value] {
			t.Fatalf("%v twice", in)
		}
		seen[in.Value] = true
		count[in.Type]++
	}
	if count[warp.Domain] != 1000 {
		t.Errorf("%d domains of 2000", count[warp.Domain])
	}
	for _, ty := range []warp.Type{warp.IPv4, warp.IPv6, warp.CIDR, warp.MD5, warp.SHA1, warp.SHA256} {
		if count[ty] < 50 {
			t.Errorf("only %d %s", count[ty], ty)
		}
	}
}

// The generator's promise that benign traffic never hits rests on benign
// names never having the shape of generated indicator names.
func TestBenignNamesAreNotIndicatorShaped(t *testing.T) {
	hosts := append(slices.Clone(genPopular), genLongTail(newTestRand(), 5000)...)
	suffixes := append(slices.Clone(genTLDs), append(genBenignTLDs, "gov.uk", "us")...)
	for _, h := range hosts {
		name := h
		for _, s := range suffixes { // co.uk before uk: strip the longest
			if strings.HasSuffix(h, "."+s) && len(h)-len(s)-1 < len(name) {
				name = h[:len(h)-len(s)-1]
			}
		}
		// only the registered label matters: an indicator (word.tld or
		// sub.word.tld) is the host or a parent of it only if the host's
		// registered label is the indicator's word
		if l := name[strings.LastIndexByte(name, '.')+1:]; isSyllableLabel(l) {
			t.Errorf("benign host %q is registered under the indicator-shaped label %q", h, l)
		}
	}
}

func TestGenerateLog(t *testing.T) {
	ins := Indicators(500, 3)
	m := warp.NewMatcher(Entries(ins))
	for _, style := range LogStyles {
		spec := LogSpec{Style: style, Lines: 4000, Seed: 5, Indicators: ins, HitShare: 0.1, NearMisses: 0.1}
		var x, y bytes.Buffer
		if err := Log(&x, spec); err != nil {
			t.Fatal(err)
		}
		Log(&y, spec)
		if !bytes.Equal(x.Bytes(), y.Bytes()) {
			t.Fatalf("%s: same spec, different logs", style)
		}
		hitLines := map[int]bool{}
		n, err := m.Scan(&x, func(h warp.Hit) { hitLines[h.Line] = true })
		want := 4000
		if style == ProxyCSV {
			want++ // the header
		}
		if err != nil || n != want {
			t.Fatalf("%s: %d lines, %v", style, n, err)
		}
		if share := float64(len(hitLines)) / 4000; share < 0.08 || share > 0.12 {
			t.Errorf("%s: %.3f of lines hit, want about 0.1", style, share)
		}
		if style == ProxyLog {
			if avg := y.Len() / 4000; avg < 140 || avg > 180 {
				t.Errorf("proxy lines average %d bytes, want about 160", avg)
			}
		}
	}
	if err := Log(&bytes.Buffer{}, LogSpec{Style: "syslog"}); err == nil {
		t.Error("unknown style accepted")
	}
}

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

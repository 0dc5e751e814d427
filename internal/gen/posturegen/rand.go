package posturegen

import (
	"math/bits"
	"math/rand/v2"

	"github.com/ward-shared-service/ward/internal/posture"
)

// The generator's randomness and the small draws built on it.

// gen draws only through Uint64 of a seeded PCG, whose output the Go
// project specifies, so the same seed gives the same data on every release.
type gen struct{ r *rand.PCG }

func newGen(seed int64) *gen { return &gen{rand.NewPCG(uint64(seed), 0x5eed_0f_3a7d)} }

func (g *gen) intn(n int) int {
	hi, _ := bits.Mul64(g.r.Uint64(), uint64(n))
	return int(hi)
}

// chance is true with probability p.
func (g *gen) chance(p float64) bool { return float64(g.r.Uint64()>>11)/(1<<53) < p }

// pick returns one of the weighted choices.
func pick[T any](g *gen, choices []weighted[T]) T {
	total := 0
	for _, c := range choices {
		total += c.w
	}
	n := g.intn(total)
	for _, c := range choices {
		if n < c.w {
			return c.v
		}
		n -= c.w
	}
	return choices[len(choices)-1].v
}

type weighted[T any] struct {
	w int
	v T
}

// fact is Yes, No or Unknown with the given percentages of No and Unknown.
func (g *gen) fact(noPct, unknownPct int) posture.Fact {
	switch n := g.intn(100); {
	case n < noPct:
		return posture.No
	case n < noPct+unknownPct:
		return posture.Unknown
	}
	return posture.Yes
}

func (g *gen) alnum(n int) string {
	const chars = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[g.intn(len(chars))]
	}
	return string(b)
}

func (g *gen) hex(n int) string {
	const chars = "0123456789abcdef"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[g.intn(16)]
	}
	return string(b)
}

func (g *gen) uuid() string {
	return g.hex(8) + "-" + g.hex(4) + "-4" + g.hex(3) + "-a" + g.hex(3) + "-" + g.hex(12)
}

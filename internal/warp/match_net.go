package warp

import (
	"cmp"
	"encoding/binary"
	"net/netip"
	"slices"
)

// Addresses and networks share one structure per family: an address is a
// network of one. Networks are nested or disjoint, never partly
// overlapping, so sorted by start (wider first on a tie) the networks that
// hold an address are the last network starting at or before it and that
// network's ancestors. One search and a short walk up finds every
// containing network, however many prefix lengths are loaded.

type v4Net struct {
	lo, hi uint32
	parent int32 // the nearest network holding this one, -1 if none
	head   int32 // first entry of this network's chain
}

type v4Table struct {
	nets []v4Net
	// bucket[b] is the index of the first network starting at or after
	// b<<16, so a search only looks inside one /16's networks.
	bucket []int32
}

type v4Builder struct{ nets []v4Net }

func (b *v4Builder) add(p netip.Prefix, entry int32) {
	a := p.Addr().As4()
	lo := binary.BigEndian.Uint32(a[:])
	hi := lo | uint32(uint64(1)<<(32-p.Bits())-1)
	b.nets = append(b.nets, v4Net{lo: lo, hi: hi, head: entry})
}

func (b *v4Builder) build(next []int32) v4Table {
	nets := b.nets
	slices.SortFunc(nets, func(x, y v4Net) int {
		return cmp.Or(cmp.Compare(x.lo, y.lo), cmp.Compare(y.hi, x.hi))
	})
	nets = dedupNets(nets, func(x, y v4Net) bool { return x.lo == y.lo && x.hi == y.hi },
		func(n *v4Net) *int32 { return &n.head }, next)
	var stack []int32
	for i := range nets {
		for len(stack) > 0 && nets[stack[len(stack)-1]].hi < nets[i].lo {
			stack = stack[:len(stack)-1]
		}
		nets[i].parent = -1
		if len(stack) > 0 {
			nets[i].parent = stack[len(stack)-1]
		}
		stack = append(stack, int32(i))
	}
	t := v4Table{nets: nets}
	if len(nets) > 0 {
		t.bucket = make([]int32, 1<<16+1)
		j := 0
		for b := range 1 << 16 {
			for j < len(nets) && nets[j].lo>>16 < uint32(b) {
				j++
			}
			t.bucket[b] = int32(j)
		}
		t.bucket[1<<16] = int32(len(nets))
	}
	return t
}

// dedupNets merges equal networks (sorted, so adjacent) into one, chaining
// their entries.
func dedupNets[N any](nets []N, same func(x, y N) bool, head func(*N) *int32, next []int32) []N {
	out := nets[:0]
	for _, n := range nets {
		if k := len(out) - 1; k >= 0 && same(out[k], n) {
			h := head(&n)
			next[*h] = *head(&out[k])
			*head(&out[k]) = *h
			continue
		}
		out = append(out, n)
	}
	return out
}

// find calls hit with the chain head of every network holding a.
func (t *v4Table) find(a uint32, hit func(head int32)) {
	if len(t.nets) == 0 {
		return
	}
	lo, hi := int(t.bucket[a>>16]), int(t.bucket[a>>16+1])
	// the last network in [lo, hi) starting at or before a, else lo-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.nets[mid].lo <= a {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := int32(lo - 1); i >= 0; i = t.nets[i].parent {
		if a <= t.nets[i].hi {
			hit(t.nets[i].head)
		}
	}
}

// u128 orders IPv6 addresses as numbers.
type u128 struct{ hi, lo uint64 }

func (x u128) cmp(y u128) int { return cmp.Or(cmp.Compare(x.hi, y.hi), cmp.Compare(x.lo, y.lo)) }

type v6Net struct {
	lo, hi u128
	parent int32
	head   int32
}

type v6Table struct{ nets []v6Net }

type v6Builder struct{ nets []v6Net }

func (b *v6Builder) add(p netip.Prefix, entry int32) {
	a := p.Addr().As16()
	lo := u128{binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(a[8:])}
	hi := lo
	if bits := p.Bits(); bits < 64 {
		hi.hi |= uint64(1)<<(64-bits) - 1
		hi.lo = ^uint64(0)
	} else if bits < 128 {
		hi.lo |= uint64(1)<<(128-bits) - 1
	}
	b.nets = append(b.nets, v6Net{lo: lo, hi: hi, head: entry})
}

func (b *v6Builder) build(next []int32) v6Table {
	nets := b.nets
	slices.SortFunc(nets, func(x, y v6Net) int { return cmp.Or(x.lo.cmp(y.lo), y.hi.cmp(x.hi)) })
	nets = dedupNets(nets, func(x, y v6Net) bool { return x.lo == y.lo && x.hi == y.hi },
		func(n *v6Net) *int32 { return &n.head }, next)
	var stack []int32
	for i := range nets {
		for len(stack) > 0 && nets[stack[len(stack)-1]].hi.cmp(nets[i].lo) < 0 {
			stack = stack[:len(stack)-1]
		}
		nets[i].parent = -1
		if len(stack) > 0 {
			nets[i].parent = stack[len(stack)-1]
		}
		stack = append(stack, int32(i))
	}
	return v6Table{nets: nets}
}

func (t *v6Table) find(a u128, hit func(head int32)) {
	lo, hi := 0, len(t.nets)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if t.nets[mid].lo.cmp(a) <= 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for i := int32(lo - 1); i >= 0; i = t.nets[i].parent {
		if a.cmp(t.nets[i].hi) <= 0 {
			hit(t.nets[i].head)
		}
	}
}

package warp

import (
	"bytes"
	"math/bits"
	"strings"
)

// nameFilter turns away, from tables small enough to stay in the processor's
// cache, the names no domain indicator can be: first by their last label
// (file names, version numbers and timestamps end in labels no indicator
// has), then name by name (a one-word Bloom filter over every indicator
// domain, about 16 bits each). Only names that pass touch the domain map,
// which for a million indicators is far bigger than any cache; a busy
// proxy's long tail of hosts would otherwise cost a memory fetch a parent.
type nameFilter struct {
	tlds  [tldBits / 64]uint64
	words []uint64
	shift uint // 64 - log2(len(words))
}

const (
	tldBits = 1 << 14
	// suffixMul is odd, so the suffix hash mixes every byte
	suffixMul = 0x100000001b3
)

func newNameFilter(n int) nameFilter {
	logw := max(0, bits.Len(uint(n/4))) // about 16 bits a name
	return nameFilter{words: make([]uint64, 1<<logw), shift: uint(64 - logw)}
}

// suffixHash hashes a lower-case name from its last byte to its first, so
// the matcher can hash every parent of a name in the same one pass.
func suffixHash(d string) uint64 {
	h := uint64(0)
	for i := len(d) - 1; i >= 0; i-- {
		h = h*suffixMul + uint64(d[i])
	}
	return h
}

func (f *nameFilter) add(d string) {
	t := tldHash(d[strings.LastIndexByte(d, '.')+1:]) % tldBits
	f.tlds[t/64] |= 1 << (t % 64)
	w, b := f.slot(suffixHash(d))
	f.words[w] |= b
}

func (f *nameFilter) slot(h uint64) (word uint64, bits uint64) {
	x := h * 0x9e3779b97f4a7c15
	if f.shift == 64 {
		word = 0
	} else {
		word = x >> f.shift
	}
	y := x ^ x>>29
	return word, 1<<(y&63) | 1<<(y>>6&63)
}

func (f *nameFilter) mayHold(h uint64) bool {
	w, b := f.slot(h)
	return f.words[w]&b == b
}

func (f *nameFilter) mayEndIn(label []byte) bool {
	t := tldHash(label) % tldBits
	return f.tlds[t/64]&(1<<(t%64)) != 0
}

// tldHash is FNV-1a; it only has to spread labels over the bit set.
func tldHash[T string | []byte](s T) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(lower[s[i]])
		h *= 16777619
	}
	return h
}

// domain looks up a name and each of its parents with two labels or more
// (an indicator has at least two), lower-casing and hashing it from the
// right in one pass.
func (st *lineState) domain(us, ue int) {
	line, m := st.line, st.m
	for us < ue && line[us] == '.' {
		us++
	}
	for ue > us && line[ue-1] == '.' {
		ue--
	}
	last := bytes.LastIndexByte(line[us:ue], '.')
	if last < 0 || ue-us > 253 || !m.names.mayEndIn(line[us+last+1:ue]) {
		return
	}
	b := st.name[:ue-us]
	h, dots := uint64(0), 0
	for i := len(b) - 1; i >= 0; i-- {
		c := lower[line[us+i]]
		b[i] = c
		if c == '.' {
			if dots++; dots >= 2 {
				st.domainAt(b[i+1:], h, us, ue)
			}
		}
		h = h*suffixMul + uint64(c)
	}
	st.domainAt(b, h, us, ue)
}

// domainAt looks up one name of the host [us, ue), which a hit shows whole.
func (st *lineState) domainAt(name []byte, h uint64, us, ue int) {
	if !st.m.names.mayHold(h) {
		return
	}
	if head, ok := st.m.domains[string(name)]; ok {
		st.report(head, us, ue)
	}
}

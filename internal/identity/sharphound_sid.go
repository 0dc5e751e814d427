package identity

import "bytes"

// sidCache resolves a domain SID (S-1-5-21-a-b-c-RID) to its node through
// a table indexed by RID, in front of the builder's map. A big collection
// resolves millions of ACE principals and members; hashing and comparing
// 45-byte strings in a map of a hundred thousand entries was the reader's
// largest cost, and a domain's RIDs are small dense numbers.
//
// The table is keyed by the id's exact bytes (the domain part compared
// byte for byte, the RID in canonical decimal), so it answers exactly as
// Builder.Ref would for the same bytes.
type sidCache struct {
	doms []sidDomain
	last int // the domain matched last: usually the only one
}

type sidDomain struct {
	prefix []byte  // "S-1-5-21-a-b-c-"
	index  []int32 // node index + 1 by RID; 0 for not seen
}

const (
	sidMaxRID     = 1 << 22 // larger RIDs go through the map; bounds a table at 16 MiB
	sidMaxDomains = 8       // a forest's domains; more go through the map
)

// slot finds where a SID's node index is kept: its domain's table and its
// RID; ok is false for ids the cache does not cover.
func (c *sidCache) slot(id []byte) (dom int, rid int, ok bool) {
	const head = "S-1-5-21-"
	if len(id) <= len(head) || string(id[:len(head)]) != head {
		return 0, 0, false
	}
	dash := lastDash(id)
	digits := id[dash+1:]
	if len(digits) == 0 || len(digits) > 7 || (digits[0] == '0' && len(digits) > 1) {
		return 0, 0, false
	}
	for _, d := range digits {
		if d < '0' || d > '9' {
			return 0, 0, false
		}
		rid = rid*10 + int(d-'0')
	}
	if rid >= sidMaxRID {
		return 0, 0, false
	}
	prefix := id[:dash+1]
	if c.last < len(c.doms) && bytes.Equal(c.doms[c.last].prefix, prefix) {
		return c.last, rid, true
	}
	for i := range c.doms {
		if bytes.Equal(c.doms[i].prefix, prefix) {
			c.last = i
			return i, rid, true
		}
	}
	if len(c.doms) == sidMaxDomains {
		return 0, 0, false
	}
	c.doms = append(c.doms, sidDomain{prefix: bytes.Clone(prefix)})
	c.last = len(c.doms) - 1
	return c.last, rid, true
}

// get returns the node index kept for a slot, or -1.
func (c *sidCache) get(dom, rid int) int32 {
	if t := c.doms[dom].index; rid < len(t) {
		return t[rid] - 1
	}
	return -1
}

// put keeps a node index for a slot, growing the table as RIDs arrive.
func (c *sidCache) put(dom, rid int, at int32) {
	d := &c.doms[dom]
	if rid >= len(d.index) {
		n := min(max(rid+1, 2*len(d.index), 1024), sidMaxRID)
		t := make([]int32, n)
		copy(t, d.index)
		d.index = t
	}
	d.index[rid] = at + 1
}

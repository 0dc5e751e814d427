package sharphound

import (
	"bytes"
	"unicode/utf8"
)

// ref finds or adds the node with this id straight from the scanner's
// bytes: domain SIDs through the RID tables, anything else through
// Builder.Find, which does not allocate, so only ids seen for the first
// time cost a string. Ids are matched upper-cased, as Ref does.
func (r *sharpHoundReader) ref(id []byte) int32 {
	dom, rid, cached := r.sids.slot(id)
	if cached {
		if at := r.sids.get(dom, rid); at >= 0 {
			return at
		}
	}
	at := r.refSlow(id)
	if cached {
		r.sids.put(dom, rid, at)
	}
	return at
}

func (r *sharpHoundReader) refSlow(id []byte) int32 {
	if i, ok := r.b.Find(id); ok {
		return i
	}
	lower := false
	for _, c := range id {
		if c >= utf8.RuneSelf {
			if !utf8.Valid(id) { // a member's or ACE principal's id
				r.s.fail(notUTF8)
			}
			return r.b.Ref(string(id)) // let Ref upper-case it properly
		}
		if c >= 'a' && c <= 'z' {
			lower = true
		}
	}
	if lower {
		r.up = r.up[:0]
		for _, c := range id {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			r.up = append(r.up, c)
		}
		id = r.up
		if i, ok := r.b.Find(id); ok {
			return i
		}
	}
	return r.b.Ref(string(id))
}

// sidCache resolves a domain SID (S-1-5-21-a-b-c-RID, or SharpHound's
// DOMAIN-S-1-5-32-RID for built-in groups) to its node through a table
// indexed by RID, in front of the builder's map. A big collection
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
	prefix []byte  // "S-1-5-21-a-b-c-" or "DOMAIN-S-1-5-32-"
	index  []int32 // node index + 1 by RID; 0 for not seen
}

const (
	sidMaxRID     = 1 << 22 // larger RIDs go through the map; bounds a table at 16 MiB
	sidMaxDomains = 8       // a forest's domains; more go through the map
)

// slot finds where a SID's node index is kept: its domain's table and its
// RID; ok is false for ids the cache does not cover.
func (c *sidCache) slot(id []byte) (dom int, rid int, ok bool) {
	dash := lastDash(id)
	if dash < 4 || !(string(id[:4]) == "S-1-" || bytes.Contains(id[:dash], []byte("-S-1-"))) {
		return 0, 0, false
	}
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

package identity

import (
	"cmp"
	"slices"
	"strings"
)

// Builder collects a directory as a reader streams it: nodes may be referred
// to (by an ACE, a membership) before they are described, so Ref makes a
// placeholder that Describe later fills in.
type Builder struct {
	dir   Directory
	index map[string]int32
}

// NewBuilder starts a directory of one source.
func NewBuilder(src Source) *Builder {
	return &Builder{dir: Directory{Source: src}, index: make(map[string]int32, 1024)}
}

// Ref returns the index of the node with this id, adding a placeholder if it
// has not been seen. Ids are compared as the export writes them, upper-cased
// (SIDs and GUIDs are case-insensitive).
func (b *Builder) Ref(id string) int32 {
	if i, ok := b.index[id]; ok {
		return i
	}
	key := strings.ToUpper(id)
	if key != id {
		if i, ok := b.index[key]; ok {
			return i
		}
	}
	i := int32(len(b.dir.Nodes))
	b.dir.Nodes = append(b.dir.Nodes, Node{ID: key})
	b.index[key] = i
	return i
}

// Describe records what the export says of a node and returns its index.
// Described is set on it.
func (b *Builder) Describe(n Node) int32 {
	i := b.Ref(n.ID)
	n.ID = b.dir.Nodes[i].ID
	n.Flags |= Described
	b.dir.Nodes[i] = n
	return i
}

// Find returns the index of the node whose id is exactly id, as Ref keeps
// it (upper-cased), without adding a placeholder. It takes the bytes a
// streaming reader holds: the lookup does not allocate, so only an id seen
// for the first time costs a string.
func (b *Builder) Find(id []byte) (int32, bool) {
	i, ok := b.index[string(id)]
	return i, ok
}

// Node gives the node at an index, to update it in place.
func (b *Builder) Node(i int32) *Node { return &b.dir.Nodes[i] }

// Edge records a relation. Repeats (a session listed twice) are dropped
// when the build finishes.
func (b *Builder) Edge(from, to int32, k EdgeKind) {
	b.dir.Edges = append(b.dir.Edges, Edge{from, to, k})
}

// Len says how many nodes and edges the builder holds so far.
func (b *Builder) Len() (nodes, edges int) { return len(b.dir.Nodes), len(b.dir.Edges) }

// SetName names the directory (domain or tenant) if it has no name yet.
func (b *Builder) SetName(name string) {
	if b.dir.Name == "" {
		b.dir.Name = name
	}
}

// Directory finishes the build: edges sorted and repeats dropped;
// placeholders keep their id and, where the id is a well-known SID, get a
// readable name.
func (b *Builder) Directory() *Directory {
	for i := range b.dir.Nodes {
		n := &b.dir.Nodes[i]
		if n.Name == "" {
			n.Name = WellKnownName(n.ID)
		}
	}
	b.dir.Edges = sortEdges(b.dir.Edges)
	d := b.dir
	return &d
}

// sortEdges orders edges by source, kind and target, and drops repeats.
// Millions of edges go through here on every import, so it places them by
// source first (a counting sort, linear) and sorts each source's few edges
// on their own, which is several times quicker than one comparison sort.
func sortEdges(es []Edge) []Edge {
	if len(es) < 2 {
		return es
	}
	var top int32
	for _, e := range es {
		top = max(top, e.From)
	}
	start := make([]int32, top+2)
	for _, e := range es {
		start[e.From+1]++
	}
	for i := int32(1); i < int32(len(start)); i++ {
		start[i] += start[i-1]
	}
	out := make([]Edge, len(es))
	fill := append([]int32(nil), start[:top+1]...)
	for _, e := range es {
		out[fill[e.From]] = e
		fill[e.From]++
	}
	for n := int32(0); n <= top; n++ {
		bucket := out[start[n]:start[n+1]]
		if len(bucket) > 1 {
			slices.SortFunc(bucket, func(a, b Edge) int {
				if a.Kind != b.Kind {
					return cmp.Compare(a.Kind, b.Kind)
				}
				return cmp.Compare(a.To, b.To)
			})
		}
	}
	return slices.Compact(out)
}

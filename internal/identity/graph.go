package identity

import (
	"strings"
)

// Graph is an org's directories joined into one: every node once, every
// edge once, with both directions indexed for the walks the analysis makes.
type Graph struct {
	Nodes []Node
	Edges []Edge // sorted by From, then Kind, then To

	outStart []int32 // Edges[outStart[n]:outStart[n+1]] leave node n
	inStart  []int32 // inEdges[inStart[n]:inStart[n+1]] arrive at node n
	inEdges  []int32 // edge indexes, grouped by To
	byID     map[string]int32
}

// Combine joins directories into a graph. A node described by more than one
// directory (a trusted domain's group, say) appears once, as the directory
// that described it says; one that is only referred to stays a placeholder.
// Then it adds what no single export states:
//   - an AD account synced to Entra leads to its cloud account (SyncedTo);
//   - holding both replication rights on a domain, directly or through
//     groups, is DCSync;
//   - every account of a domain belongs to its Everyone and Authenticated
//     Users groups, which matters only when those groups hold rights.
func Combine(dirs ...*Directory) *Graph {
	total, totalEdges := 0, 0
	for _, d := range dirs {
		total += len(d.Nodes)
		totalEdges += len(d.Edges)
	}
	g := &Graph{Nodes: make([]Node, 0, total), byID: make(map[string]int32, total)}
	edges := make([]Edge, 0, totalEdges)
	for _, d := range dirs {
		remap := make([]int32, len(d.Nodes))
		for i := range d.Nodes {
			n := &d.Nodes[i]
			if at, ok := g.byID[n.ID]; ok {
				if !g.Nodes[at].Is(Described) && n.Is(Described) {
					g.Nodes[at] = *n
					if d.Source == EntraID {
						g.Nodes[at].Flags |= Cloud
					}
				}
				remap[i] = at
				continue
			}
			at := int32(len(g.Nodes))
			g.Nodes = append(g.Nodes, *n)
			if d.Source == EntraID {
				g.Nodes[at].Flags |= Cloud
			}
			g.byID[n.ID] = at
			remap[i] = at
		}
		for _, e := range d.Edges {
			edges = append(edges, Edge{remap[e.From], remap[e.To], e.Kind})
		}
	}
	if len(dirs) > 1 {
		edges = sortEdges(edges)
	}
	g.Edges = edges
	g.index()
	if extra := g.derivedEdges(); len(extra) > 0 {
		g.Edges = sortEdges(append(g.Edges, extra...))
		g.index()
	}
	return g
}

// index builds the adjacency offsets over the sorted edges.
func (g *Graph) index() {
	n := len(g.Nodes)
	g.outStart = make([]int32, n+1)
	g.inStart = make([]int32, n+1)
	for _, e := range g.Edges {
		g.outStart[e.From+1]++
		g.inStart[e.To+1]++
	}
	for i := 0; i < n; i++ {
		g.outStart[i+1] += g.outStart[i]
		g.inStart[i+1] += g.inStart[i]
	}
	g.inEdges = make([]int32, len(g.Edges))
	fill := make([]int32, n)
	copy(fill, g.inStart[:n])
	for i, e := range g.Edges {
		g.inEdges[fill[e.To]] = int32(i)
		fill[e.To]++
	}
}

// Out returns the edges leaving node n.
func (g *Graph) Out(n int32) []Edge { return g.Edges[g.outStart[n]:g.outStart[n+1]] }

// In returns the indexes of the edges arriving at node n.
func (g *Graph) In(n int32) []int32 { return g.inEdges[g.inStart[n]:g.inStart[n+1]] }

// Lookup finds a node by id (case-insensitive).
func (g *Graph) Lookup(id string) (int32, bool) {
	i, ok := g.byID[strings.ToUpper(id)]
	return i, ok
}

// derivedEdges works out the relations that no export states directly.
func (g *Graph) derivedEdges() []Edge {
	var extra []Edge
	for i := range g.Nodes {
		n := &g.Nodes[i]
		if n.OnPremID == "" {
			continue
		}
		if ad, ok := g.byID[strings.ToUpper(n.OnPremID)]; ok && ad != int32(i) {
			extra = append(extra, Edge{ad, int32(i), SyncedTo})
		}
	}
	extra = append(extra, g.dcsyncEdges()...)
	extra = append(extra, g.implicitMemberships()...)
	return extra
}

// dcsyncEdges gives DCSync to every principal that holds both replication
// rights on a domain, each either itself or through a group it belongs to.
func (g *Graph) dcsyncEdges() []Edge {
	var extra []Edge
	for d := range g.Nodes {
		if g.Nodes[d].Kind != Domain {
			continue
		}
		var changes, changesAll []int32
		for _, ei := range g.In(int32(d)) {
			switch e := g.Edges[ei]; e.Kind {
			case GetChanges:
				changes = append(changes, e.From)
			case GetChangesAll:
				changesAll = append(changesAll, e.From)
			}
		}
		if len(changes) == 0 || len(changesAll) == 0 {
			continue
		}
		has := g.membersOf(changes)
		for m := range g.membersOf(changesAll) {
			if has[m] {
				extra = append(extra, Edge{m, int32(d), DCSync})
			}
		}
	}
	return extra
}

// membersOf is the set of the given principals and everything that belongs
// to them, through any depth of nesting.
func (g *Graph) membersOf(roots []int32) map[int32]bool {
	set := make(map[int32]bool, len(roots))
	queue := append([]int32(nil), roots...)
	for _, r := range roots {
		set[r] = true
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, ei := range g.In(n) {
			e := g.Edges[ei]
			if e.Kind == MemberOf && !set[e.From] {
				set[e.From] = true
				queue = append(queue, e.From)
			}
		}
	}
	return set
}

// implicitMemberships adds every account of a domain to its Everyone and
// Authenticated Users groups, but only where those groups can act on
// something: otherwise the edges would cost memory and say nothing.
func (g *Graph) implicitMemberships() []Edge {
	var extra []Edge
	for i := range g.Nodes {
		domain, sid := splitSID(g.Nodes[i].ID)
		if sid != "S-1-1-0" && sid != "S-1-5-11" {
			continue
		}
		acts := false
		for _, e := range g.Out(int32(i)) {
			if e.Kind.Traversable() {
				acts = true
				break
			}
		}
		if !acts {
			continue
		}
		for j := range g.Nodes {
			m := &g.Nodes[j]
			if m.Kind.IsAccount() && m.Kind != ServicePrincipal && (domain == "" || strings.EqualFold(m.Directory, domain)) {
				extra = append(extra, Edge{int32(j), int32(i), MemberOf})
			}
		}
	}
	return extra
}

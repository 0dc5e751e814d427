package identity

import (
	"cmp"
	"slices"
)

// Analysis is what the attack-path walk found in a graph.
type Analysis struct {
	Graph    *Graph
	TierZero []bool
	Why      []string // why each Tier Zero node is one
	// Dist is each node's number of steps to Tier Zero: 0 for Tier Zero
	// itself, -1 for no path.
	Dist []int32
	// next is the edge each node takes on its shortest path, -1 for none.
	next []int32
	// Reaching lists the enabled accounts outside Tier Zero that have a
	// path into it, nearest first, then by name.
	Reaching []int32
	// Accounts counts the enabled accounts outside Tier Zero.
	Accounts int
	// ChokePoints are the edges whose removal cuts the most accounts off
	// from Tier Zero, most first.
	ChokePoints []ChokePoint
}

// Analyse walks the graph backwards from Tier Zero, one breadth-first pass
// over every traversable edge, so each node learns its distance and the
// first step of one shortest path. Ties go to the edge that sorts first
// (by source, kind, target), so the same graph always gives the same path.
func Analyse(g *Graph, addedTierZero []string) *Analysis {
	n := len(g.Nodes)
	a := &Analysis{Graph: g, Dist: make([]int32, n), next: make([]int32, n)}
	a.TierZero, a.Why = TierZero(g, addedTierZero)
	queue := make([]int32, 0, n)
	for i := range n {
		a.next[i] = -1
		a.Dist[i] = -1
		if a.TierZero[i] {
			a.Dist[i] = 0
			queue = append(queue, int32(i))
		}
	}
	for head := 0; head < len(queue); head++ {
		to := queue[head]
		for _, ei := range g.In(to) {
			e := &g.Edges[ei]
			if a.Dist[e.From] >= 0 || !e.Kind.Traversable() {
				continue
			}
			a.Dist[e.From] = a.Dist[to] + 1
			a.next[e.From] = ei
			queue = append(queue, e.From)
		}
	}
	for i := range n {
		nd := &g.Nodes[i]
		if a.TierZero[i] || !nd.Kind.IsAccount() || !nd.Is(Enabled) {
			continue
		}
		a.Accounts++
		if a.Dist[i] > 0 {
			a.Reaching = append(a.Reaching, int32(i))
		}
	}
	slices.SortFunc(a.Reaching, func(x, y int32) int {
		if c := cmp.Compare(a.Dist[x], a.Dist[y]); c != 0 {
			return c
		}
		return cmp.Compare(g.Nodes[x].Name, g.Nodes[y].Name)
	})
	a.ChokePoints = chokePoints(a)
	return a
}

// Step is one node on a path and the edge that leaves it; the last step,
// in Tier Zero, has no edge.
type Step struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Edge string `json:"edge,omitempty"`
}

// Path is the shortest path from a node into Tier Zero, nil if it has none.
func (a *Analysis) Path(from int32) []Step {
	if a.Dist[from] < 0 {
		return nil
	}
	steps := make([]Step, 0, a.Dist[from]+1)
	for at := from; ; {
		nd := &a.Graph.Nodes[at]
		s := Step{ID: nd.ID, Name: nd.Name, Kind: nd.Kind.String()}
		ei := a.next[at]
		if ei < 0 {
			steps = append(steps, s)
			return steps
		}
		e := a.Graph.Edges[ei]
		s.Edge = e.Kind.String()
		steps = append(steps, s)
		at = e.To
	}
}

// Reach is one account with a path to Tier Zero, for reports.
type Reach struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Hops int    `json:"hops"`
	Path []Step `json:"path"`
}

// Reach describes the account at node i.
func (a *Analysis) Reach(i int32) Reach {
	nd := &a.Graph.Nodes[i]
	return Reach{ID: nd.ID, Name: nd.Name, Kind: nd.Kind.String(), Hops: int(a.Dist[i]), Path: a.Path(i)}
}

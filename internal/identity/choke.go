package identity

import (
	"cmp"
	"slices"
)

// ChokePoint is a relation (one node's rights over another, whatever their
// kinds) that every path into Tier Zero of some accounts goes through:
// remove it and Cut accounts lose their last path.
type ChokePoint struct {
	From, To int32
	Kinds    []EdgeKind
	Cut      int
}

// maxChokePoints bounds what an analysis keeps: the list is for people to
// work through, and past the first hundred the cuts are ones and twos.
const maxChokePoints = 100

// chokePoints finds the relations whose removal cuts accounts off, exactly,
// with dominators. Turn the graph round and add a root that leads to every
// Tier Zero node: a node x is cut off by removing a relation iff that
// relation dominates x there. A relation x→y (in the graph's own direction)
// dominates x iff y is x's immediate dominator and every other node x has
// a traversable edge to is itself dominated by x (those routes come back
// through x, so they are no way round); and then it dominates exactly the
// nodes x dominates. So one dominator tree gives every relation's cut.
func chokePoints(a *Analysis) []ChokePoint {
	g := a.Graph
	n := int32(len(g.Nodes))
	root := n

	// Depth-first order from the root over the turned-round graph.
	post := make([]int32, n+1)
	for i := range post {
		post[i] = -1
	}
	order := make([]int32, 0, n+1) // postorder
	type frame struct{ v, i int32 }
	visited := make([]bool, n+1)
	stack := []frame{{root, 0}}
	visited[root] = true
	// The root leads to the seeds of Tier Zero, not to their members: a
	// membership of Domain Admins is itself a relation whose removal can
	// cut accounts off. depth is each node's distance from the seeds.
	var tz []int32
	seed := make([]bool, n)
	for v := range n {
		if a.TierZero[v] && a.Why[v] != ReasonMember && a.Why[v] != ReasonRoleHolder {
			tz = append(tz, v)
			seed[v] = true
		}
	}
	depth := seedDepths(g, tz)
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		var child int32 = -1
		if top.v == root {
			for top.i < int32(len(tz)) && child < 0 {
				if c := tz[top.i]; !visited[c] {
					child = c
				}
				top.i++
			}
		} else {
			in := g.In(top.v)
			for top.i < int32(len(in)) && child < 0 {
				e := &g.Edges[in[top.i]]
				if e.Kind.Traversable() && !visited[e.From] {
					child = e.From
				}
				top.i++
			}
		}
		if child < 0 {
			post[top.v] = int32(len(order))
			order = append(order, top.v)
			stack = stack[:len(stack)-1]
			continue
		}
		visited[child] = true
		stack = append(stack, frame{child, 0})
	}

	// Immediate dominators by the iterative method of Cooper, Harvey and
	// Kennedy: a few passes in reverse postorder until nothing changes.
	idom := make([]int32, n+1)
	for i := range idom {
		idom[i] = -1
	}
	idom[root] = root
	intersect := func(b1, b2 int32) int32 {
		for b1 != b2 {
			for post[b1] < post[b2] {
				b1 = idom[b1]
			}
			for post[b2] < post[b1] {
				b2 = idom[b2]
			}
		}
		return b1
	}
	for changed := true; changed; {
		changed = false
		for k := len(order) - 2; k >= 0; k-- { // the root is last in postorder
			b := order[k]
			var nd int32 = -1
			if seed[b] {
				nd = root
			}
			for _, e := range g.Out(b) {
				p := e.To
				if !e.Kind.Traversable() || idom[p] < 0 {
					continue
				}
				if nd < 0 {
					nd = p
				} else {
					nd = intersect(p, nd)
				}
			}
			if idom[b] != nd {
				idom[b] = nd
				changed = true
			}
		}
	}

	// A node the turned-round search reached but no pass gave a dominator
	// has no place in the tree: it is left out rather than numbered from a
	// dominator it does not have. Fuzzing found one in a damaged snapshot
	// read back (several nodes sharing an id); a collection's graph has
	// not shown one.
	order = slices.DeleteFunc(order, func(v int32) bool { return v != root && idom[v] < 0 })

	// Number the dominator tree so "x dominates p" is two comparisons.
	kids := make([]int32, n+2)
	for _, v := range order {
		if v != root {
			kids[idom[v]+1]++
		}
	}
	for i := int32(1); i <= n+1; i++ {
		kids[i] += kids[i-1]
	}
	childList := make([]int32, len(order))
	fill := append([]int32(nil), kids[:n+1]...)
	for _, v := range order {
		if v != root {
			childList[fill[idom[v]]] = v
			fill[idom[v]]++
		}
	}
	pre, last := make([]int32, n+1), make([]int32, n+1)
	counter := int32(0)
	type dframe struct{ v, i int32 }
	dstack := []dframe{{root, kids[root]}}
	pre[root] = counter
	counter++
	for len(dstack) > 0 {
		top := &dstack[len(dstack)-1]
		if top.i < kids[top.v+1] {
			c := childList[top.i]
			top.i++
			pre[c] = counter
			counter++
			dstack = append(dstack, dframe{c, kids[c]})
			continue
		}
		last[top.v] = counter - 1
		dstack = dstack[:len(dstack)-1]
	}
	dominates := func(x, p int32) bool { return pre[x] <= pre[p] && pre[p] <= last[x] }

	// Accounts under each node of the dominator tree; a dominator is always
	// nearer Tier Zero, so visiting nodes farthest first adds up subtrees.
	sub := make([]int32, n+1)
	byDist := make([]int32, 0, len(order))
	for _, v := range order {
		if v != root {
			byDist = append(byDist, v)
			nd := &g.Nodes[v]
			if !a.TierZero[v] && nd.Kind.IsAccount() && nd.Is(Enabled) {
				sub[v] = 1
			}
		}
	}
	slices.SortFunc(byDist, func(x, y int32) int { return cmp.Compare(depth[y], depth[x]) })
	for _, v := range byDist {
		if d := idom[v]; d != root {
			sub[d] += sub[v]
		}
	}

	var out []ChokePoint
	for _, x := range byDist {
		y := idom[x]
		if y == root || sub[x] == 0 {
			continue
		}
		var kinds []EdgeKind
		sole := true
		for _, e := range g.Out(x) {
			if !e.Kind.Traversable() || depth[e.To] < 0 {
				continue
			}
			if e.To == y {
				kinds = append(kinds, e.Kind)
			} else if !dominates(x, e.To) {
				sole = false
				break
			}
		}
		if sole && len(kinds) > 0 {
			out = append(out, ChokePoint{From: x, To: y, Kinds: kinds, Cut: int(sub[x])})
		}
	}
	slices.SortFunc(out, func(p, q ChokePoint) int {
		if c := cmp.Compare(q.Cut, p.Cut); c != 0 {
			return c
		}
		if c := cmp.Compare(g.Nodes[p.From].Name, g.Nodes[q.From].Name); c != 0 {
			return c
		}
		return cmp.Compare(g.Nodes[p.To].Name, g.Nodes[q.To].Name)
	})
	if len(out) > maxChokePoints {
		out = out[:maxChokePoints]
	}
	return out
}

// seedDepths is each node's number of steps to the nearest seed, over
// traversable edges; -1 for none.
func seedDepths(g *Graph, seeds []int32) []int32 {
	depth := make([]int32, len(g.Nodes))
	for i := range depth {
		depth[i] = -1
	}
	queue := append(make([]int32, 0, len(g.Nodes)), seeds...)
	for _, s := range seeds {
		depth[s] = 0
	}
	for head := 0; head < len(queue); head++ {
		to := queue[head]
		for _, ei := range g.In(to) {
			e := &g.Edges[ei]
			if depth[e.From] < 0 && e.Kind.Traversable() {
				depth[e.From] = depth[to] + 1
				queue = append(queue, e.From)
			}
		}
	}
	return depth
}

package identity

import (
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/finding"
)

// PathText writes a path as one line: names joined by their edge kinds.
func PathText(steps []Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(s.Name)
		if s.Edge != "" {
			b.WriteString(" —" + s.Edge + "→")
		}
	}
	return b.String()
}

// paths raises the attack-path findings: one per account that reaches
// Tier Zero, and one per relation that cuts enough accounts off.
func (c *checker) paths() {
	g := c.a.Graph
	if c.on(CheckTierZeroPath) {
		for _, i := range c.a.Reaching {
			n := &g.Nodes[i]
			c.fail(CheckTierZeroPath, AccountSubject(n),
				finding.Evidence{Field: "shortest path to Tier Zero", Value: PathText(c.a.Path(i)), Want: "no path"},
				finding.Evidence{Field: "steps", Value: strconv.Itoa(int(c.a.Dist[i]))})
		}
	}
	if !c.on(CheckChokePoint) {
		return
	}
	least, _ := strconv.Atoi(c.in.Settings.Value(CheckChokePoint, "min_accounts"))
	for _, cp := range c.a.ChokePoints {
		if cp.Cut < least {
			break // sorted, most first
		}
		c.fail(CheckChokePoint, RelationSubject(g, cp),
			finding.Evidence{Field: "rights", Value: KindsText(cp.Kinds), Want: "removed"},
			finding.Evidence{Field: "accounts cut off from Tier Zero by removing it", Value: strconv.Itoa(cp.Cut)})
	}
}

// RelationSubject names a choke point as a finding's subject.
func RelationSubject(g *Graph, cp ChokePoint) finding.Subject {
	from, to := &g.Nodes[cp.From], &g.Nodes[cp.To]
	return finding.Subject{Kind: finding.Relation, Key: from.ID + ">" + to.ID, Name: from.Name + " → " + to.Name}
}

// KindsText joins edge kinds with "+".
func KindsText(kinds []EdgeKind) string {
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = k.String()
	}
	return strings.Join(parts, "+")
}

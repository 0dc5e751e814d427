package identity

import (
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/finding"
)

// roleHolders is everyone who holds a role, through any depth of groups:
// active holders, and eligible ones too when eligible is set.
func roleHolders(g *Graph, role int32, eligible bool) map[int32]bool {
	set := map[int32]bool{}
	queue := []int32{role}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, ei := range g.In(n) {
			e := g.Edges[ei]
			ok := e.Kind == MemberOf || e.Kind == HasRole || (eligible && e.Kind == HasEligibleRole)
			if ok && !set[e.From] {
				set[e.From] = true
				queue = append(queue, e.From)
			}
		}
	}
	return set
}

// privilegedRoles finds the cloud users who hold or may activate an
// administrator role: any role Tier Zero or named "… Administrator".
func (c *checker) privilegedRoles() {
	c.privileged = map[int32]string{}
	if !c.on(CheckRoleMFA) {
		return
	}
	g := c.a.Graph
	for i := range g.Nodes {
		r := &g.Nodes[i]
		if r.Kind != Role || !(c.a.TierZero[i] || strings.Contains(strings.ToUpper(r.Name), "ADMINISTRATOR")) {
			continue
		}
		for h := range roleHolders(g, int32(i), true) {
			if _, held := c.privileged[h]; !held || c.a.TierZero[i] {
				c.privileged[h] = roleName(r)
			}
		}
	}
}

func roleName(r *Node) string {
	name, _, _ := strings.Cut(r.Name, "@")
	return name
}

// globalAdmins counts a tenant's standing Global Administrators.
func (c *checker) globalAdmins(tenant int32, t *Node) {
	if !c.on(CheckGlobalAdmins) {
		return
	}
	g := c.a.Graph
	role, ok := g.Lookup(t.ID + "-" + GlobalAdministratorRole)
	if !ok {
		return
	}
	count := 0
	for h := range roleHolders(g, role, false) {
		if n := &g.Nodes[h]; n.Kind == User && n.Is(Enabled) {
			count++
		}
	}
	limit, _ := strconv.Atoi(c.in.Settings.Value(CheckGlobalAdmins, "max_global_admins"))
	if count > limit {
		c.fail(CheckGlobalAdmins, finding.Subject{Kind: finding.Directory, Key: t.ID, Name: t.Name},
			finding.Evidence{Field: "active Global Administrators", Value: strconv.Itoa(count), Want: "at most " + strconv.Itoa(limit)})
	}
}

package identitygen

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/identity"
)

// Reading the plan: which department, site, members and name an object
// has, worked out from its index when it is written.

func (g *adGen) serverRole(c int32) string {
	return genServerRoles[int(c-g.cSrv)%len(genServerRoles)]
}

// serverNumber numbers each role's servers from 01: ASH-SQL03.
func (g *adGen) serverNumber(c int32) int {
	s := int(c - g.cSrv)
	role := genServerRoles[s%len(genServerRoles)]
	n := 0
	for i, r := range genServerRoles {
		if r == role && i < s%len(genServerRoles) {
			n++
		}
	}
	per := 0
	for _, r := range genServerRoles {
		if r == role {
			per++
		}
	}
	return s/len(genServerRoles)*per + n + 1
}

func (g *adGen) deptOfUser(u int32) *genDept {
	for i := range g.depts {
		if u < g.depts[i].u1 {
			return &g.depts[i]
		}
	}
	return &g.depts[len(g.depts)-1]
}

func (g *adGen) deptOfGroup(gi int32) *genDept {
	for i := range g.depts {
		if gi < g.depts[i].g1 {
			return &g.depts[i]
		}
	}
	return &g.depts[len(g.depts)-1]
}

// deptOfComputer: workstations in the Computers container were never
// moved to their department's OU, but still belong to someone in one.
func (g *adGen) deptOfComputer(c int32) *genDept {
	if c >= g.cStray {
		r := genStream(g.seed, identity.Computer, c, 3)
		return &g.depts[r.intn(len(g.depts))]
	}
	for i := range g.depts {
		if c < g.depts[i].c1 {
			return &g.depts[i]
		}
	}
	return &g.depts[len(g.depts)-1]
}

func (g *adGen) site(c int32) int {
	r := genStream(g.seed, identity.Computer, c, 4)
	return r.intn(g.sites)
}

// primaryUser is the member of staff a workstation is issued to.
func (g *adGen) primaryUser(c int32) int32 {
	d := g.deptOfComputer(c)
	r := genStream(g.seed, identity.Computer, c, 5)
	return d.u0 + int32(r.intn(int(d.u1-d.u0)))
}

func (g *adGen) members(gi int32) []genRef { return g.mem[g.memOff[gi]:g.memOff[gi+1]] }

// memberUsers lists the user members of a group, for picking who signs in.
func (g *adGen) memberUsers(gi int32) []genRef {
	var out []genRef
	for _, m := range g.members(gi) {
		if m.kind == identity.User {
			out = append(out, m)
		}
	}
	return out
}

func (g *adGen) groupName(gi int32) string {
	switch {
	case gi < gwCount:
		return genWellKnown[gi].name
	case gi < g.gRole+grDesktop:
		return genRoleNames[gi-g.gRole]
	case gi < g.gDept:
		return "ICT DESKTOP SUPPORT - " + genSites[gi-g.gRole-grDesktop].name
	}
	d := g.deptOfGroup(gi)
	j := int(gi - d.g0)
	if j == 0 {
		return d.name + " - ALL STAFF"
	}
	name := d.name + " - " + genGroupSuffixes[(j-1)%len(genGroupSuffixes)]
	if n := (j-1)/len(genGroupSuffixes) + 1; n > 1 {
		name += " " + strconv.Itoa(n)
	}
	return name
}

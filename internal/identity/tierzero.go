package identity

import "strings"

// Why a node is Tier Zero, for the pages to say.
const (
	ReasonWellKnown  = "well-known privileged group"
	ReasonDomain     = "domain object"
	ReasonDC         = "domain controller"
	ReasonAdminSD    = "AdminSDHolder container"
	ReasonDCOU       = "Domain Controllers OU"
	ReasonCloudRole  = "privileged Entra role"
	ReasonMember     = "member of Tier Zero"
	ReasonRoleHolder = "holds a Tier Zero role"
	ReasonAnalyst    = "added by an analyst"
)

// TierZero marks the nodes whose control is control of the directory: the
// domain objects, the domain controllers, the well-known privileged groups,
// AdminSDHolder and the Domain Controllers OU, Entra's Global and
// Privileged Role Administrator roles, whatever an analyst adds (by id),
// and — because membership is identity — every member of those groups and
// every active holder of those roles, through any depth of nesting. An
// eligible (PIM) holder is not Tier Zero until they activate the role: they
// reach it in one step instead.
func TierZero(g *Graph, added []string) (marked []bool, reason []string) {
	marked = make([]bool, len(g.Nodes))
	reason = make([]string, len(g.Nodes))
	var queue []int32
	mark := func(i int32, why string) {
		if !marked[i] {
			marked[i] = true
			reason[i] = why
			queue = append(queue, i)
		}
	}
	for i := range g.Nodes {
		if why := seedReason(&g.Nodes[i]); why != "" {
			mark(int32(i), why)
		}
	}
	for _, id := range added {
		if i, ok := g.Lookup(id); ok {
			mark(i, ReasonAnalyst)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, ei := range g.In(n) {
			switch e := g.Edges[ei]; e.Kind {
			case MemberOf:
				mark(e.From, ReasonMember)
			case HasRole:
				mark(e.From, ReasonRoleHolder)
			}
		}
	}
	return marked, reason
}

func seedReason(n *Node) string {
	switch {
	case n.Kind == Domain:
		return ReasonDomain
	case n.Is(DomainController):
		return ReasonDC
	case wellKnownTierZero(n.ID):
		return ReasonWellKnown
	case n.Kind == Container && strings.HasPrefix(n.Name, "ADMINSDHOLDER@"):
		return ReasonAdminSD
	case n.Kind == OU && strings.HasPrefix(n.Name, "DOMAIN CONTROLLERS@"):
		return ReasonDCOU
	case n.Kind == Role && (strings.HasSuffix(n.ID, "-"+strings.ToUpper(GlobalAdministratorRole)) ||
		strings.HasSuffix(n.ID, "-"+strings.ToUpper(PrivilegedRoleAdministratorRole))):
		return ReasonCloudRole
	}
	return ""
}

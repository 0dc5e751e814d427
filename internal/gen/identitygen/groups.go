package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// groups.json.

var genRoleDescs = [grDesktop]string{
	"Service desk analysts: password resets, new starters and leavers",
	"Administrators of member servers",
	"Network, storage and backup team",
	"May read local administrator passwords (LAPS)",
	"sysadmin on the council's SQL Server instances",
	"May connect to the remote-access VPN",
	"Everyone employed by the council",
	"Members of this group have permission to modify the security of the domain (Exchange setup)",
	"Exchange servers",
}

func (g *adGen) groupParent(gi int32) (genRef, bool) {
	switch {
	case gi < gwBuiltinCount:
		return genRef{}, false // CN=Builtin, which SharpHound does not describe
	case gi < gwCount:
		return genRef{identity.Container, ctUsers}, true
	case gi < g.gDept:
		return genRef{identity.OU, ouICTGroups}, true
	}
	return genRef{identity.OU, int32(g.deptOfGroup(gi).ouGroups)}, true
}

func (g *adGen) writeGroups(o *genOut) {
	n := int32(g.spec.Groups)
	g.header(o, "groups", int(n))
	builtinDN := "CN=BUILTIN," + g.qDN
	var own []genACE
	var name []byte
	for gi := range n {
		o.comma(int(gi))
		name = append(name[:0], g.groupName(gi)...) // plain ASCII: no escaping needed
		parent, inTree := g.groupParent(gi)
		pdn := builtinDN
		if inTree {
			pdn = g.parentDN(parent)
		}
		g.props(o, name, '@', "CN=", pdn)
		o.raw(`,"description":`)
		r := genStream(g.seed, identity.Group, gi, 1)
		created := g.domainCreated() + int64(r.intn(600))
		switch {
		case gi < gwCount:
			o.str(genWellKnown[gi].desc)
		case gi < g.gRole+grDesktop:
			o.str(genRoleDescs[gi-g.gRole])
			created = g.ago(&r, 1500, 4000)
		default:
			o.raw("null")
			created = g.ago(&r, 30, 4000)
		}
		g.whenCreated(o, created)
		o.raw(`,"admincount":`)
		o.bool(gi < gwCount && genWellKnown[gi].protected)
		o.raw(`},"Members":[`)
		members := g.members(gi)
		for i, m := range members {
			o.comma(i)
			g.ref(o, m)
			o.maybeFlush()
		}
		o.members += len(members)
		o.byKind[identity.MemberOf] += len(members)
		o.b = append(o.b, ']')
		g.containedBy(o, parent, inTree)
		own = g.groupACEs(gi, own)
		fill := 0
		if gi >= g.gRole {
			fill = g.fillCount(g.fillUsers + int64(gi-g.gRole))
		}
		g.aces(o, own, genFillGroup, fill)
		g.tail(o, gw(gi), gi < gwCount && genWellKnown[gi].protected)
		o.maybeFlush()
	}
	g.footer(o, "groups", int(n))
}

// domainCreated is when the domain was built: long ago, as councils'
// domains mostly were.
func (g *adGen) domainCreated() int64 {
	r := genRand{genMix(g.seed ^ 0xdc)}
	return g.ago(&r, 6000, 7000)
}

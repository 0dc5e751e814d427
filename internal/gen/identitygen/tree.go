package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// The directory's tree: the domain, its OUs and containers, and the GPOs
// linked to them. Every object has exactly one parent, and the parent
// lists it among its ChildObjects, so each Contains edge is written twice
// (ChildObjects and ContainedBy) and counted once.

type genChild struct {
	kind   identity.Kind
	lo, hi int32
}

// genContainer is an OU or a container.
type genContainer struct {
	name   string // as it appears in the name and DN, escaped
	dn     string
	guid   string
	desc   string
	parent genRef
	kids   []genChild
	links  []int    // GPOs linked here
	aces   []genACE // planted on top of the default ACL
	blocks bool     // blocks GPO inheritance
}

type genGPO struct {
	name, guid, cn string
	aces           []genACE
}

const (
	ouDCs = iota
	ouStaff
	ouICT
	ouAdmins
	ouICTGroups
	ouService
	ouServers
	ouFixed // department OUs follow, four each
)

const (
	ctUsers = iota
	ctComputers
	ctSystem
	ctAdminSDHolder
	ctPolicies
	ctMSA
	ctFSP
	ctProgramData
)

const (
	gpDDP = iota
	gpDDCP
	gpBaseline
	gpUsers
	gpServers
	gpLAPS
	gpBitLocker
	gpFixed // a drive-mappings GPO per department follows
)

var genDomainRef = genRef{identity.Domain, 0}

func (g *adGen) buildTree() {
	ou := func(name, parentDN string, parent genRef, kids ...genChild) genContainer {
		n := genEscape(name)
		return genContainer{name: n, dn: "OU=" + n + "," + parentDN, guid: g.guid(identity.OU, len(g.ous)), parent: parent, kids: kids}
	}
	comps := int32(g.spec.Computers)
	dcs := ou("DOMAIN CONTROLLERS", g.qDN, genDomainRef, genChild{identity.Computer, 0, g.cSrv})
	dcs.desc, dcs.links = "Default container for domain controllers", []int{gpDDCP}
	g.ous = append(g.ous, dcs)
	staff := ou("STAFF", g.qDN, genDomainRef)
	staff.links = []int{gpUsers, gpLAPS, gpBitLocker}
	g.ous = append(g.ous, staff)
	ict := ou("ICT ADMINISTRATION", g.qDN, genDomainRef, genChild{identity.OU, ouAdmins, ouICTGroups + 1})
	ict.blocks = true // tier-zero accounts stay out of the staff GPOs
	g.ous = append(g.ous, ict)
	g.ous = append(g.ous, ou("ADMIN ACCOUNTS", g.ous[ouICT].dn, genRef{identity.OU, ouICT}, genChild{identity.User, g.uAdm, g.uSvc}))
	g.ous = append(g.ous, ou("ICT GROUPS", g.ous[ouICT].dn, genRef{identity.OU, ouICT}, genChild{identity.Group, g.gRole, g.gDept}))
	g.ous = append(g.ous, ou("SERVICE ACCOUNTS", g.qDN, genDomainRef, genChild{identity.User, g.uSvc, g.uStaff}))
	servers := ou("SERVERS", g.qDN, genDomainRef, genChild{identity.Computer, g.cSrv, g.cWS})
	servers.links = []int{gpServers, gpLAPS}
	g.ous = append(g.ous, servers)
	for i := range g.depts {
		d := &g.depts[i]
		d.ou = len(g.ous)
		d.ouUsers, d.ouGroups, d.ouC = d.ou+1, d.ou+2, d.ou+3
		g.ous[ouStaff].kids = append(g.ous[ouStaff].kids, genChild{identity.OU, int32(d.ou), int32(d.ou + 1)})
		top := ou(d.name, g.ous[ouStaff].dn, genRef{identity.OU, ouStaff}, genChild{identity.OU, int32(d.ouUsers), int32(d.ouC + 1)})
		top.links = []int{gpFixed + i}
		g.ous = append(g.ous, top)
		g.ous = append(g.ous, ou(d.name+" USERS", top.dn, genRef{identity.OU, int32(d.ou)}, genChild{identity.User, d.u0, d.u1}))
		g.ous = append(g.ous, ou(d.name+" GROUPS", top.dn, genRef{identity.OU, int32(d.ou)}, genChild{identity.Group, d.g0, d.g1}))
		g.ous = append(g.ous, ou(d.name+" COMPUTERS", top.dn, genRef{identity.OU, int32(d.ou)}, genChild{identity.Computer, d.c0, d.c1}))
	}

	ct := func(name, parentDN string, parent genRef, kids ...genChild) genContainer {
		return genContainer{name: name, dn: "CN=" + name + "," + parentDN, guid: g.guid(identity.Container, len(g.containers)), parent: parent, kids: kids}
	}
	users := ct("USERS", g.qDN, genDomainRef, genChild{identity.User, 0, g.uAdm}, genChild{identity.Group, gwBuiltinCount, gwCount})
	users.desc = "Default container for upgraded user accounts"
	g.containers = append(g.containers, users)
	computers := ct("COMPUTERS", g.qDN, genDomainRef, genChild{identity.Computer, g.cStray, comps})
	computers.desc = "Default container for upgraded computer accounts"
	g.containers = append(g.containers, computers)
	g.containers = append(g.containers, ct("SYSTEM", g.qDN, genDomainRef, genChild{identity.Container, ctAdminSDHolder, ctPolicies + 1}))
	sys := g.containers[ctSystem].dn
	g.containers = append(g.containers, ct("ADMINSDHOLDER", sys, genRef{identity.Container, ctSystem}))
	g.containers = append(g.containers, ct("POLICIES", sys, genRef{identity.Container, ctSystem}))
	g.containers = append(g.containers, ct("MANAGED SERVICE ACCOUNTS", g.qDN, genDomainRef))
	g.containers = append(g.containers, ct("FOREIGNSECURITYPRINCIPALS", g.qDN, genDomainRef))
	g.containers = append(g.containers, ct("PROGRAM DATA", g.qDN, genDomainRef))

	gpo := func(name, cn string) genGPO {
		if cn == "" {
			cn = g.guid(identity.GPO, 1000+len(g.gpos))
		}
		return genGPO{name: genEscape(name), guid: g.guid(identity.GPO, len(g.gpos)), cn: cn}
	}
	g.gpos = append(g.gpos, gpo("DEFAULT DOMAIN POLICY", "31B2F340-016D-11D2-945F-00C04FB984F9"))
	g.gpos = append(g.gpos, gpo("DEFAULT DOMAIN CONTROLLERS POLICY", "6AC1786C-016F-11D2-945F-00C04FB984F9"))
	for _, name := range []string{"COUNCIL SECURITY BASELINE", "STAFF USER SETTINGS", "SERVER BASELINE", "LAPS", "BITLOCKER"} {
		g.gpos = append(g.gpos, gpo(name, ""))
	}
	for _, d := range g.depts {
		g.gpos = append(g.gpos, gpo(d.name+" DRIVE MAPPINGS", ""))
	}
	g.containers[ctPolicies].kids = []genChild{{identity.GPO, 0, int32(len(g.gpos))}}

	g.domainKids = []genChild{{identity.OU, ouDCs, ouICT + 1}, {identity.OU, ouService, ouServers + 1},
		{identity.Container, ctUsers, ctSystem + 1}, {identity.Container, ctMSA, ctProgramData + 1}}
	g.domainLink = []int{gpDDP, gpBaseline}
}

// guid makes a stable object GUID for the i-th object of a kind.
func (g *adGen) guid(k identity.Kind, i int) string {
	r := genStream(g.seed, k, int32(i), 7)
	a, b := r.next(), r.next()
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, 36)
	for n := range 32 {
		if n == 8 || n == 12 || n == 16 || n == 20 {
			out = append(out, '-')
		}
		w := a
		if n >= 16 {
			w = b
		}
		out = append(out, hex[w>>(60-4*(n%16))&0xf])
	}
	return string(out)
}

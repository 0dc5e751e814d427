package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// domains.json, ous.json, containers.json and gpos.json: a handful of
// objects, but they hold the tree (every Contains edge) and the GPO links.

const genNoGPOChanges = `,"GPOChanges":{"LocalAdmins":[],"RemoteDesktopUsers":[],"DcomUsers":[],"PSRemoteUsers":[],"AffectedComputers":[]}`

func (g *adGen) writeDomains(o *genOut) {
	g.header(o, "domains", 1)
	o.raw(`{"Properties":{"domain":"`)
	o.raw(g.domain)
	o.raw(`","name":"`)
	o.raw(g.domain)
	o.raw(`","distinguishedname":"`)
	o.raw(g.qDN)
	o.raw(`","domainsid":"`)
	o.raw(g.sid)
	o.raw(`","description":null,"functionallevel":"2016","collected":true`)
	g.whenCreated(o, g.domainCreated())
	o.b = append(o.b, '}')
	g.children(o, g.domainKids)
	o.raw(`,"Trusts":[]`)
	g.links(o, g.domainLink)
	o.raw(genNoGPOChanges)
	g.containedBy(o, genRef{}, false)
	g.aces(o, g.domainACEs, nil, 0)
	g.tail(o, genDomainRef, false)
	g.footer(o, "domains", 1)
}

func (g *adGen) writeOUs(o *genOut) {
	g.header(o, "ous", len(g.ous))
	created := g.domainCreated()
	for i := range g.ous {
		ou := &g.ous[i]
		o.comma(i)
		g.props(o, []byte(ou.name), '@', "OU=", g.parentDN(ou.parent))
		o.raw(`,"description":`)
		if ou.desc != "" {
			o.str(ou.desc)
		} else {
			o.raw("null")
		}
		g.whenCreated(o, created+int64(i)*genDay)
		o.raw(`,"blocksinheritance":`)
		o.bool(ou.blocks)
		o.b = append(o.b, '}')
		g.links(o, ou.links)
		g.children(o, ou.kids)
		o.raw(genNoGPOChanges)
		g.containedBy(o, ou.parent, true)
		g.aces(o, append(append([]genACE(nil), genOUACEs...), ou.aces...), nil, 0)
		g.tail(o, genRef{identity.OU, int32(i)}, false)
		o.maybeFlush()
	}
	g.footer(o, "ous", len(g.ous))
}

func (g *adGen) writeContainers(o *genOut) {
	g.header(o, "containers", len(g.containers))
	for i := range g.containers {
		ct := &g.containers[i]
		o.comma(i)
		g.props(o, []byte(ct.name), '@', "CN=", g.parentDN(ct.parent))
		o.b = append(o.b, '}')
		g.children(o, ct.kids)
		g.containedBy(o, ct.parent, true)
		g.aces(o, genContainerACEs, nil, 0)
		g.tail(o, genRef{identity.Container, int32(i)}, i == ctAdminSDHolder)
		o.maybeFlush()
	}
	g.footer(o, "containers", len(g.containers))
}

func (g *adGen) writeGPOs(o *genOut) {
	g.header(o, "gpos", len(g.gpos))
	created := g.domainCreated()
	policies := g.containers[ctPolicies].dn
	for i := range g.gpos {
		p := &g.gpos[i]
		o.comma(i)
		o.raw(`{"Properties":{"domain":"`)
		o.raw(g.domain)
		o.raw(`","name":"`)
		o.raw(p.name)
		o.b = append(o.b, '@')
		o.raw(g.domain)
		o.raw(`","distinguishedname":"CN={`)
		o.raw(p.cn)
		o.raw("},")
		o.raw(policies)
		o.raw(`","domainsid":"`)
		o.raw(g.sid)
		o.b = append(o.b, '"')
		g.whenCreated(o, created+int64(i)*7*genDay)
		// gpcpath is a UNC path: its backslashes are escaped in JSON.
		o.raw(`,"gpcpath":`)
		o.str(`\\` + g.dnsPlain + `\SYSVOL\` + g.dnsPlain + `\POLICIES\{` + p.cn + `}`)
		o.b = append(o.b, '}')
		g.containedBy(o, genRef{identity.Container, ctPolicies}, true)
		g.aces(o, append(append([]genACE(nil), genGPOACEs...), p.aces...), nil, 0)
		g.tail(o, genRef{identity.GPO, int32(i)}, false)
	}
	g.footer(o, "gpos", len(g.gpos))
}

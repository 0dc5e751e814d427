package identitygen

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/identity"
)

// computers.json and sessions.json.

// computerName appends a host name: ASH-DC01, ASH-SQL03, ASH-THL-LT01234.
func (g *adGen) computerName(b []byte, c int32) []byte {
	b = append(b, g.prefix...)
	b = append(b, '-')
	switch {
	case c < g.cSrv:
		return genTwoDigits(append(b, "DC"...), int(c)+1)
	case c < g.cWS:
		return genTwoDigits(append(b, g.serverRole(c)...), g.serverNumber(c))
	}
	b = append(b, genSites[g.site(c)].code...)
	r := genStream(g.seed, identity.Computer, c, 11)
	if r.chance(0.6) {
		b = append(b, "-LT"...)
	} else {
		b = append(b, "-PC"...)
	}
	for d := int32(10000); d > 1 && c < d; d /= 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(c), 10)
}

func (g *adGen) computerParent(c int32) genRef {
	switch {
	case c < g.cSrv:
		return genRef{identity.OU, ouDCs}
	case c < g.cWS:
		return genRef{identity.OU, ouServers}
	case c >= g.cStray:
		return genRef{identity.Container, ctComputers}
	}
	return genRef{identity.OU, int32(g.deptOfComputer(c).ouC)}
}

func (g *adGen) writeComputers(o *genOut) {
	n := int32(g.spec.Computers)
	g.header(o, "computers", int(n))
	var own []genACE
	var name []byte
	var sess []genSession
	var admins []genRef
	for c := range n {
		o.comma(int(c))
		f := g.computerFacts(c)
		name = g.computerName(name[:0], c)
		parent := g.computerParent(c)
		g.props(o, name, '.', "CN=", g.parentDN(parent))
		delegate := g.delegateTo(c)
		unconstrained := g.unconstrained(c)
		o.raw(`,"haslaps":`)
		o.bool(f.laps)
		o.raw(`,"description":null`)
		g.whenCreated(o, f.created)
		o.raw(`,"enabled":`)
		o.bool(f.state != stDisabled)
		o.raw(`,"unconstraineddelegation":`)
		o.bool(unconstrained)
		o.raw(`,"trustedtoauth":`)
		o.bool(delegate >= 0)
		o.raw(`,"lastlogon":`)
		o.int(f.lastLogon)
		o.raw(`,"lastlogontimestamp":`)
		o.int(f.logonTS)
		o.raw(`,"pwdlastset":`)
		o.int(f.pwdSet)
		o.raw(`,"serviceprincipalnames":["HOST/`)
		o.b = append(o.b, name...)
		o.raw(`","HOST/`)
		o.b = append(o.b, name...)
		o.b = append(o.b, '.')
		o.raw(g.dnsLower)
		o.raw(`"],"operatingsystem":`)
		o.str(f.os)
		o.raw(`,"sidhistory":[]},"PrimaryGroupSID":"`)
		if c < g.cSrv {
			g.sidRID(o, int64(genWellKnown[gwDomainControllers].rid))
		} else {
			g.sidRID(o, int64(genWellKnown[gwDomainComputers].rid))
		}
		o.primary++
		o.byKind[identity.MemberOf]++
		o.raw(`","AllowedToDelegate":[`)
		if delegate >= 0 {
			g.ref(o, genRef{identity.Computer, delegate})
			o.other++
			o.byKind[identity.AllowedToDelegate]++
		}
		o.raw(`],"AllowedToAct":[`)
		if a := g.actor(c); a >= 0 {
			g.ref(o, genRef{identity.Computer, a})
			o.other++
			o.byKind[identity.AllowedToAct]++
		}
		o.raw(`],"HasSIDHistory":[],"DumpSMSAPassword":[]`)
		sess = g.sessions(c, sess)
		for _, list := range [...]struct {
			key   string
			where uint8
		}{{"Sessions", sessNet}, {"PrivilegedSessions", sessPriv}, {"RegistrySessions", sessReg}} {
			o.raw(`,"`)
			o.raw(list.key)
			o.raw(`":{"Results":[`)
			i := 0
			for _, s := range sess {
				if s.where == list.where {
					o.comma(i)
					i++
					g.session(o, c, s.u)
				}
			}
			o.raw(`],"Collected":true,"FailureReason":null}`)
		}
		admins = g.localAdmins(c, admins)
		g.localGroups(o, c, name, admins)
		o.raw(`,"UserRights":[],"Status":null,"IsDC":`)
		o.bool(c < g.cSrv)
		o.raw(`,"UnconstrainedDelegation":`)
		o.bool(unconstrained)
		o.raw(`,"DomainSID":"`)
		o.raw(g.sid)
		o.b = append(o.b, '"')
		g.containedBy(o, parent, true)
		own = g.computerACEs(c, &f, own)
		fill := 0
		if c >= g.cSrv {
			fill = g.fillCount(g.fillUsers + g.fillGroups + int64(c-g.cSrv))
		}
		g.aces(o, own, genFillUser, fill)
		g.tail(o, genRef{identity.Computer, c}, false)
		o.maybeFlush()
	}
	g.footer(o, "computers", int(n))
}

func (g *adGen) session(o *genOut, c, u int32) {
	o.raw(`{"UserSID":`)
	g.id(o, genRef{identity.User, u})
	o.raw(`,"ComputerSID":`)
	g.id(o, genRef{identity.Computer, c})
	o.b = append(o.b, '}')
	o.sessions++
	o.byKind[identity.HasSession]++
}

// localGroups writes the computer's local Administrators group and, on the
// remote-desktop servers, Remote Desktop Users (Domain Users).
func (g *adGen) localGroups(o *genOut, c int32, host []byte, admins []genRef) {
	o.raw(`,"LocalGroups":[`)
	if c >= g.cSrv {
		g.localGroup(o, c, host, "ADMINISTRATORS", 544, admins)
		o.byKind[identity.AdminTo] += len(admins)
		if g.rdpUsers(c) {
			o.b = append(o.b, ',')
			g.localGroup(o, c, host, "REMOTE DESKTOP USERS", 555, []genRef{gw(gwDomainUsers)})
			o.byKind[identity.CanRDP]++
		}
	}
	o.b = append(o.b, ']')
}

func (g *adGen) localGroup(o *genOut, c int32, host []byte, name string, rid int64, members []genRef) {
	o.raw(`{"Collected":true,"FailureReason":null,"Results":[`)
	for i, m := range members {
		o.comma(i)
		g.ref(o, m)
	}
	o.local += len(members)
	o.raw(`],"LocalNames":[],"Name":"`)
	o.raw(name)
	o.b = append(o.b, '@')
	o.b = append(o.b, host...)
	o.b = append(o.b, '.')
	o.raw(g.domain)
	o.raw(`","ObjectIdentifier":"`)
	g.sidRID(o, g.ridComp+int64(c))
	o.b = append(o.b, '-')
	o.int(rid)
	o.raw(`"}`)
}

// writeSessions writes the sessions SharpHound's loop collection saw, kept
// apart from the ones in computers.json so that no session is counted
// twice.
func (g *adGen) writeSessions(o *genOut) {
	g.header(o, "sessions", g.sessionsFile)
	var sess []genSession
	n := 0
	for c := range int32(g.spec.Computers) {
		sess = g.sessions(c, sess)
		for _, s := range sess {
			if s.where != sessFile {
				continue
			}
			o.comma(n)
			n++
			o.raw(`{"ComputerSID":`)
			g.id(o, genRef{identity.Computer, c})
			o.raw(`,"UserSID":`)
			g.id(o, genRef{identity.User, s.u})
			o.raw(`,"LogonType":2}`)
			o.sessions++
			o.byKind[identity.HasSession]++
		}
		o.maybeFlush()
	}
	g.footer(o, "sessions", n)
}

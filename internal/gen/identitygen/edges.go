package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// The relations each user, group and computer carries. Both the counting
// pass and the writer call these, so what is counted is what is written.

// Where a session was seen, which decides the list it is written in.
const (
	sessNet  = iota // Sessions: NetSessionEnum
	sessPriv        // PrivilegedSessions: logged-on users
	sessReg         // RegistrySessions
	sessFile        // sessions.json, SharpHound's separate loop collection
)

type genSession struct {
	u     int32
	where uint8
}

// prepare caches the lists the per-object functions pick from.
func (g *adGen) prepare() {
	g.serverAdmins = g.userMembers(g.role(grServerAdmins))
	g.helpdeskUsers = g.userMembers(g.role(grHelpdesk))
	g.sqlSvc, g.bkpSvc = nil, nil
	for u := g.uSvc + 1; u < g.uStaff; u++ {
		switch genServices[int(u-g.uSvc-1)%len(genServices)].name {
		case "SQL", "CIVICA", "NORTHGATE", "ACADEMY", "PAYROLL", "MOSAIC":
			g.sqlSvc = append(g.sqlSvc, u)
		case "BACKUP", "VEEAM":
			g.bkpSvc = append(g.bkpSvc, u)
		}
	}
}

func (g *adGen) userMembers(gi int32) []int32 {
	var out []int32
	for _, m := range g.members(gi) {
		if m.kind == identity.User {
			out = append(out, m.i)
		}
	}
	return out
}

// userACEs is a user's ACL apart from the default entries the budget fills.
func (g *adGen) userACEs(u int32, out []genACE) []genACE {
	out = out[:0]
	if u < g.uSvc { // built-in and admin accounts: AdminSDHolder's ACL
		return append(out, genProtected...)
	}
	out = append(out, genACE{gw(gwDomainAdmins), identity.Owns, false})
	if u >= g.uStaff {
		out = append(out, genACE{gw(g.role(grHelpdesk)), identity.ForceChangePassword, true})
	}
	return append(out, g.extra[genRef{identity.User, u}]...)
}

func (g *adGen) groupACEs(gi int32, out []genACE) []genACE {
	out = out[:0]
	if gi < gwCount {
		for _, a := range genProtected {
			if a.p != gw(gi) {
				out = append(out, a)
			}
		}
	} else {
		out = append(out, genACE{gw(gwDomainAdmins), identity.Owns, false})
	}
	return append(out, g.extra[gw(gi)]...)
}

// computerACEs: a few workstations are owned by the service-desk analyst
// who joined them to the domain, which makes the analyst their admin.
func (g *adGen) computerACEs(c int32, f *genComputer, out []genACE) []genACE {
	out = out[:0]
	if c < g.cSrv {
		return append(out, genDCACEs...)
	}
	owner := gw(gwDomainAdmins)
	if c >= g.cWS && len(g.helpdeskUsers) > 0 {
		if r := genStream(g.seed, identity.Computer, c, 9); r.chance(0.05) {
			owner = genRef{identity.User, g.helpdeskUsers[r.intn(len(g.helpdeskUsers))]}
		}
	}
	out = append(out, genACE{owner, identity.Owns, false})
	if f.laps {
		out = append(out, genACE{gw(g.role(grLAPS)), identity.ReadLAPSPassword, true})
	}
	return append(out, g.extra[genRef{identity.Computer, c}]...)
}

// fillCount is how many default ACEs the idx-th ordinary object gets:
// fillEdges spread as evenly as whole numbers allow.
func (g *adGen) fillCount(idx int64) int {
	if g.fillObjects == 0 {
		return 0
	}
	return int((idx+1)*g.fillEdges/g.fillObjects - idx*g.fillEdges/g.fillObjects)
}

// sessions lists who was signed in on a computer. Domain Admins sign in on
// the domain controllers, now and then on a member server, and (the
// careless ones) on a workstation; staff sign in on their own PCs and on
// the Citrix and remote-desktop servers.
func (g *adGen) sessions(c int32, out []genSession) []genSession {
	out = out[:0]
	add := func(u int32, w uint8) {
		for _, s := range out {
			if s.u == u {
				return
			}
		}
		out = append(out, genSession{u, w})
	}
	r := genStream(g.seed, identity.Computer, c, 6)
	staff := func() int32 { return g.uStaff + int32(r.intn(g.spec.Users-int(g.uStaff))) }
	switch {
	case c < g.cSrv:
		if c == 0 {
			add(0, sessPriv)
		}
		for a := g.uAdm; a < g.uAdm+g.nDA; a++ {
			if (a-g.uAdm)%g.cSrv == c {
				add(a, sessPriv)
			}
		}
	case c < g.cWS:
		if len(g.serverAdmins) > 0 && r.chance(0.5) {
			add(g.serverAdmins[r.intn(len(g.serverAdmins))], sessPriv)
		}
		if c == g.cSrv+1 || r.chance(0.03) {
			add(g.uAdm+int32(r.intn(int(g.nDA))), sessPriv)
		}
		switch g.serverRole(c) {
		case "CTX", "RDS":
			for n := r.between(10, 40); n > 0; n-- {
				if u := staff(); g.userActive(u) {
					add(u, sessNet)
				}
			}
		case "SQL":
			if len(g.sqlSvc) > 0 {
				add(g.sqlSvc[r.intn(len(g.sqlSvc))], sessNet)
			}
		case "BKP":
			if len(g.bkpSvc) > 0 {
				add(g.bkpSvc[r.intn(len(g.bkpSvc))], sessNet)
			}
		}
	default:
		if p := g.primaryUser(c); g.userActive(p) {
			add(p, sessNet)
		}
		d := g.deptOfComputer(c)
		colleague := func() int32 { return d.u0 + int32(r.intn(int(d.u1-d.u0))) }
		if r.chance(0.25) {
			add(colleague(), sessNet) // hot-desking
		}
		if r.chance(0.1) {
			add(colleague(), sessReg)
		}
		if r.chance(0.1) {
			add(colleague(), sessFile)
		}
		for _, a := range g.adminWS[c] {
			add(a, sessPriv)
		}
	}
	return out
}

// localAdmins lists the members of a computer's local Administrators
// group. Domain controllers have none (SharpHound does not collect local
// groups there).
func (g *adGen) localAdmins(c int32, out []genRef) []genRef {
	out = out[:0]
	if c < g.cSrv {
		return out
	}
	out = append(out, gw(gwDomainAdmins))
	if c < g.cWS {
		out = append(out, gw(g.role(grServerAdmins)))
		switch g.serverRole(c) {
		case "SQL":
			out = append(out, gw(g.role(grSQL)))
		case "EXCH":
			out = append(out, gw(g.role(grExchTrusted)))
		case "BKP":
			if len(g.bkpSvc) > 0 {
				out = append(out, genRef{identity.User, g.bkpSvc[int(c)%len(g.bkpSvc)]})
			}
		}
		return out
	}
	out = append(out, gw(g.role(grDesktop+g.site(c))))
	if r := genStream(g.seed, identity.Computer, c, 8); r.chance(0.08) {
		out = append(out, genRef{identity.User, g.primaryUser(c)}) // "they need it for one old app"
	}
	return out
}

// rdpUsers: everyone may use the Citrix and remote-desktop servers.
func (g *adGen) rdpUsers(c int32) bool {
	if c < g.cSrv || c >= g.cWS {
		return false
	}
	role := g.serverRole(c)
	return role == "CTX" || role == "RDS"
}

// delegateTo: web front ends may delegate to the first SQL server.
func (g *adGen) delegateTo(c int32) int32 {
	if c >= g.cSrv && c < g.cWS && g.serverRole(c) == "WEB" {
		if sql := g.byRole["SQL"]; len(sql) > 0 {
			return sql[0]
		}
	}
	return -1
}

// actor: one server trusts a workstation to act for users on it
// (resource-based constrained delegation someone set up for a test).
func (g *adGen) actor(c int32) int32 {
	if c != g.cSrv+2 || c >= g.cWS {
		return -1
	}
	r := genStream(g.seed, identity.Computer, c, 10)
	return g.cWS + int32(r.intn(g.spec.Computers-int(g.cWS)))
}

// unconstrained: domain controllers, and two legacy application servers.
func (g *adGen) unconstrained(c int32) bool {
	if c < g.cSrv {
		return true
	}
	app := g.byRole["APP"]
	return c < g.cWS && len(app) > 0 && (c == app[0] || len(app) > 1 && c == app[1])
}

// spnTarget: SQL service accounts are sysadmin on a SQL server.
func (g *adGen) spnTarget(u int32, f *genUser) int32 {
	sql := g.byRole["SQL"]
	if u < g.uSvc || u >= g.uStaff || f.spn < 0 || genServices[f.spn].spn != "MSSQLSvc" || len(sql) == 0 {
		return -1
	}
	return sql[int(u)%len(sql)]
}

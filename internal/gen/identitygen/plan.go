package identitygen

import (
	"errors"
	"fmt"
	"strings"
)

// adGen is the plan of one generated directory. Objects live in index
// ranges (users [0, Users), groups [0, Groups), computers [0, Computers)),
// and most of what an object looks like is drawn from its own random stream
// when it is written; only what links objects to each other (group
// members, planted misconfigurations, which admins sign in where) is held
// in memory, and that is a few bytes per object.
type adGen struct {
	spec Spec
	seed uint64
	now  int64

	// These strings are JSON-escaped, without quotes, ready to copy into
	// the output; dnsPlain alone is not, to build other strings from.
	domain   string // upper case
	dnsLower string // for SPNs
	dnsPlain string
	mailDom  string
	prefix   string // three letters that start computer names
	sid      string // domain SID
	qDN      string // DC=ASHCOMBE,DC=LOCAL
	msol     string // the Entra Connect account's name

	// Users: [0,3) built in; [uAdm,uSvc) admin accounts, the first nDA of
	// them Domain Admins; [uSvc,uStaff) service accounts; [uStaff,Users)
	// staff, by department.
	uAdm, uSvc, uStaff, nDA int32
	// Groups: [0,gwCount) well known; [gRole,gDept) ICT role groups;
	// [gDept,Groups) department groups.
	gRole, gDept int32
	// Computers: [0,cSrv) domain controllers; [cSrv,cWS) servers;
	// [cWS,cStray) workstations by department; [cStray,Computers) left in
	// the default Computers container.
	cSrv, cWS, cStray int32

	depts []genDept
	sites int
	// RIDs of ordinary objects start here, groups then users then computers.
	ridGroup, ridUser, ridComp int64

	memOff []int32 // group i's members are mem[memOff[i]:memOff[i+1]]
	mem    []genRef

	extra   map[genRef][]genACE // planted ACEs, by the object they are on
	adminWS map[int32][]int32   // workstation → admin accounts signed in on it
	byRole  map[string][]int32  // servers by role

	ous        []genContainer
	containers []genContainer
	gpos       []genGPO
	domainKids []genChild
	domainLink []int
	domainACEs []genACE

	// The edge budget: structural is every edge but the default ACEs of
	// ordinary objects; fillEdges of those are spread over fillObjects.
	structural, fillEdges, fillObjects int64
	fillUsers, fillGroups              int64
	sessionsFile                       int

	// Picked from when objects are written (see prepare).
	serverAdmins, helpdeskUsers, sqlSvc, bkpSvc []int32
}

type genDept struct {
	name                       string
	u0, u1, g0, g1, c0, c1     int32
	ou, ouUsers, ouGroups, ouC int
}

// Role groups, by offset from gRole; the desktop-support groups (one per
// site) follow.
const (
	grHelpdesk = iota
	grServerAdmins
	grInfra
	grLAPS
	grSQL
	grVPN
	grAllStaff
	grExchPerm
	grExchTrusted
	grDesktop
)

var genRoleNames = [grDesktop]string{
	"ICT SERVICE DESK", "ICT SERVER ADMINS", "ICT INFRASTRUCTURE", "LAPS PASSWORD READERS", "SQL ADMINS",
	"VPN USERS", "ALL STAFF", "EXCHANGE WINDOWS PERMISSIONS", "EXCHANGE TRUSTED SUBSYSTEM",
}

func (g *adGen) role(r int) int32 { return g.gRole + int32(r) }

func newADGen(spec Spec) (*adGen, error) {
	if spec.Now.IsZero() {
		return nil, errors.New("generate: Spec.Now is zero; every timestamp is relative to it")
	}
	domain := strings.ToUpper(strings.TrimSpace(spec.Domain))
	if domain == "" {
		return nil, errors.New("generate: Spec.Domain is empty")
	}
	g := &adGen{spec: spec, seed: uint64(spec.Seed), now: spec.Now.Unix()}
	g.domain = genEscape(domain)
	labels := strings.Split(domain, ".")
	g.qDN = genEscape("DC=" + strings.Join(labels, ",DC="))
	g.dnsPlain = strings.ToLower(domain)
	g.dnsLower = genEscape(g.dnsPlain)
	g.mailDom = genEscape(strings.ToLower(labels[0]) + ".gov.uk")
	for _, c := range labels[0] {
		if c >= 'A' && c <= 'Z' && len(g.prefix) < 3 {
			g.prefix += string(c)
		}
	}
	if len(g.prefix) < 3 {
		g.prefix = "WRD"
	}
	g.sid = spec.DomainSID
	if g.sid == "" {
		r := genRand{genMix(g.seed ^ 0xd0a1)}
		g.sid = fmt.Sprintf("S-1-5-21-%d-%d-%d", 1e9+r.intn(3e9), 1e9+r.intn(3e9), 1e9+r.intn(3e9))
	} else if !strings.HasPrefix(g.sid, "S-1-5-21-") || strings.Trim(g.sid[9:], "0123456789-") != "" {
		return nil, fmt.Errorf("generate: domain SID %q is not of the form S-1-5-21-x-y-z", g.sid)
	}
	r := genRand{genMix(g.seed ^ 0x4d5f)}
	g.msol = fmt.Sprintf("MSOL_%012X", r.next()>>16)
	if err := g.layout(); err != nil {
		return nil, err
	}
	g.buildTree()
	return g, nil
}

func genEscape(s string) string {
	b := genAppendString(nil, s)
	return string(b[1 : len(b)-1])
}

// layout divides the requested counts into the ranges above.
func (g *adGen) layout() error {
	users, groups, comps := g.spec.Users, g.spec.Groups, g.spec.Computers
	nAdm := max(2, (users+50)/100)
	nSvc := max(2, (users+50)/100)
	staff := users - 3 - nAdm - nSvc
	if staff < 3 {
		return fmt.Errorf("generate: %d users asked for; at least %d are needed (the built-in accounts, two admins, two service accounts and three staff)", users, users-staff+3)
	}
	nDept := min(max(staff/40, 3), len(genDeptNames))
	g.sites = min(max(comps/200, 2), len(genSites))
	nDC := min(max(2+comps/4000, 2), 10)
	nSrv := max(2, comps/10)
	nStray := comps / 100
	if comps-nDC-nSrv-nStray < 1 {
		return fmt.Errorf("generate: %d computers asked for; at least %d are needed (two domain controllers, two servers, a workstation)", comps, nDC+nSrv+1)
	}
	nRole := int(grDesktop) + g.sites
	if need := gwCount + nRole + nDept; groups < need {
		return fmt.Errorf("generate: %d groups asked for; at least %d are needed (%d well-known, %d ICT role groups, one per department)", groups, need, gwCount, nRole)
	}
	g.uAdm, g.uSvc, g.uStaff = 3, int32(3+nAdm), int32(3+nAdm+nSvc)
	g.nDA = int32(min(max((users+250)/500, 1), nAdm))
	g.gRole, g.gDept = gwCount, int32(gwCount+nRole)
	g.cSrv, g.cWS, g.cStray = int32(nDC), int32(nDC+nSrv), int32(comps-nStray)
	g.ridGroup = 1101
	g.ridUser = g.ridGroup + int64(groups)
	g.ridComp = g.ridUser + int64(users)

	weights := make([]int, nDept)
	for i := range weights {
		weights[i] = genDeptNames[i].weight
	}
	us := genSplit(staff, weights, 1)
	gs := genSplit(groups-int(g.gDept), weights, 1)
	cs := genSplit(int(g.cStray-g.cWS), weights, 0)
	u, gi, c := g.uStaff, g.gDept, g.cWS
	for i := range nDept {
		d := genDept{name: genDeptNames[i].name, u0: u, g0: gi, c0: c}
		u, gi, c = u+int32(us[i]), gi+int32(gs[i]), c+int32(cs[i])
		d.u1, d.g1, d.c1 = u, gi, c
		g.depts = append(g.depts, d)
	}
	g.byRole = map[string][]int32{}
	for s := g.cSrv; s < g.cWS; s++ {
		role := g.serverRole(s)
		g.byRole[role] = append(g.byRole[role], s)
	}
	return nil
}

// genSplit shares total out in proportion to weights, each at least min,
// summing exactly to total.
func genSplit(total int, weights []int, least int) []int {
	out := make([]int, len(weights))
	rest := total - least*len(weights)
	sum := 0
	for _, w := range weights {
		sum += w
	}
	cum, prev := 0, 0
	for i, w := range weights {
		cum += w
		at := int(int64(rest) * int64(cum) / int64(sum))
		out[i] = least + at - prev
		prev = at
	}
	return out
}

package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// Group membership and the planted misconfigurations: the relations that
// tie one object to another and so cannot be drawn object by object.

type genPair struct {
	g int32
	m genRef
}

// buildMembers plans every group's members. extra is a number of further
// memberships spread over the staff, used when the edge budget is larger
// than the default ACLs can fill.
func (g *adGen) buildMembers(extra int64) {
	r := genRand{genMix(g.seed ^ 0x6e6d)}
	var pairs []genPair
	add := func(gi int32, m genRef) { pairs = append(pairs, genPair{gi, m}) }
	user := func(u int32) genRef { return genRef{identity.User, u} }

	// The built-in groups, as a new forest has them, plus the admins.
	add(gwAdministrators, gw(gwDomainAdmins))
	add(gwAdministrators, gw(gwEnterpriseAdmins))
	add(gwAdministrators, user(0))
	add(gwUsers, gw(gwDomainUsers))
	add(gwGuests, gw(gwDomainGuests))
	add(gwGuests, user(1))
	for _, gi := range []int32{gwDomainAdmins, gwEnterpriseAdmins, gwSchemaAdmins, gwGPOCreators} {
		add(gi, user(0))
	}
	for a := g.uAdm; a < g.uAdm+g.nDA; a++ {
		add(gwDomainAdmins, user(a))
		if (a-g.uAdm)%2 == 0 {
			add(gwProtectedUsers, user(a))
		}
	}
	operators := []int32{gwServerOps, gwAccountOps, gwBackupOps, gwServerOps, gwPrintOps}
	for a := g.uAdm + g.nDA; a < g.uSvc; a++ {
		add(operators[int(a-g.uAdm-g.nDA)%len(operators)], user(a))
	}
	for _, gi := range []int32{gwCertPublishers, gwDomainAdmins, gwEnterpriseAdmins, gwSchemaAdmins, gwGPOCreators, gwDomainControllers, gwRODCs} {
		add(gwDeniedRODC, gw(gi))
	}
	add(gwDeniedRODC, user(2))

	// ICT role groups, from ICT's own staff.
	ict := &g.depts[0]
	users := g.spec.Users
	pick := func(gi int32, n int) {
		for _, u := range genPick(&r, ict.u0, ict.u1, n) {
			add(gi, user(u))
		}
	}
	pick(g.role(grHelpdesk), max(3, users/250))
	pick(g.role(grServerAdmins), max(2, users/500))
	pick(g.role(grInfra), max(2, users/1000))
	pick(g.role(grSQL), max(2, users/1500))
	add(g.role(grLAPS), gw(g.role(grHelpdesk)))
	for s := range g.sites {
		gi := g.role(grDesktop + s)
		add(gi, gw(g.role(grHelpdesk))) // the service desk supports every site
		pick(gi, max(2, users/1000))
	}
	for u := g.uStaff; u < int32(users); u++ {
		if r.chance(0.1) {
			add(g.role(grVPN), user(u))
		}
	}
	for _, d := range g.depts {
		add(g.role(grAllStaff), gw(d.g0))
	}
	for _, c := range g.byRole["EXCH"] {
		add(g.role(grExchTrusted), genRef{identity.Computer, c})
	}
	add(g.role(grExchPerm), gw(g.role(grExchTrusted)))

	// Staff: their department's all-staff group and a few of its teams.
	staff := int64(int32(users) - g.uStaff)
	var mine []int32
	for i, d := range g.depts {
		teams := d.g1 - d.g0 - 1
		for u := d.u0; u < d.u1; u++ {
			add(d.g0, user(u))
			s := int64(u - g.uStaff)
			m := 1 + r.intn(3) + int(extra*(s+1)/staff-extra*s/staff)
			mine = genPick(&r, d.g0+1, d.g1, min(m, int(teams)))
			for _, gi := range mine {
				add(gi, user(u))
			}
		}
		// Nested teams: within the department, and now and then across,
		// always into an earlier group so membership has no cycles.
		for gi := d.g0 + 2; gi < d.g1; gi++ {
			var parent int32 = -1
			if r.chance(0.25) {
				parent = d.g0 + 1 + int32(r.intn(int(gi-d.g0-1)))
				add(parent, gw(gi))
			}
			if i > 0 && r.chance(0.05) {
				other := g.depts[r.intn(i)]
				if p := other.g0 + int32(r.intn(int(other.g1-other.g0))); p != other.g0 && p != parent {
					add(p, gw(gi))
				}
			}
		}
	}
	g.memOff, g.mem = genCSR(pairs, g.spec.Groups)
}

// genPick draws n distinct values from [lo, hi), or all of them if there
// are no more than n.
func genPick(r *genRand, lo, hi int32, n int) []int32 {
	size := int(hi - lo)
	if n <= 0 || size <= 0 {
		return nil
	}
	out := make([]int32, 0, min(n, size))
	if n >= size {
		for v := lo; v < hi; v++ {
			out = append(out, v)
		}
		return out
	}
	for len(out) < n {
		v := lo + int32(r.intn(size))
		dup := false
		for _, w := range out {
			if w == v {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

// genCSR groups the pairs by group, keeping their order within a group.
func genCSR(pairs []genPair, groups int) ([]int32, []genRef) {
	off := make([]int32, groups+1)
	for _, p := range pairs {
		off[p.g+1]++
	}
	for i := 1; i <= groups; i++ {
		off[i] += off[i-1]
	}
	mem := make([]genRef, len(pairs))
	at := append([]int32(nil), off[:groups]...)
	for _, p := range pairs {
		mem[at[p.g]] = p.m
		at[p.g]++
	}
	return off, mem
}

// buildMisconfig plants the mistakes that give ordinary accounts a way to
// Tier Zero. The service desk is the choke point: Customer Services can add
// themselves to it (a delegation left over from when they reset passwords),
// and it can add members to the server admins (whose servers Domain Admins
// sign in on) and control the service-accounts OU (where the Entra Connect
// account holds DCSync rights).
func (g *adGen) buildMisconfig() {
	r := genRand{genMix(g.seed ^ 0x3c0f)}
	g.extra = map[genRef][]genACE{}
	plant := func(target genRef, p genRef, right identity.EdgeKind) {
		g.extra[target] = append(g.extra[target], genACE{p, right, false})
	}
	helpdesk := gw(g.role(grHelpdesk))
	plant(helpdesk, gw(g.depts[1].g0), identity.AddSelf)
	plant(gw(g.role(grServerAdmins)), helpdesk, identity.AddMember)
	plant(gw(gwBackupOps), gw(g.role(grInfra)), identity.AddMember)
	g.ous[ouStaff].aces = []genACE{{helpdesk, identity.GenericAll, false}}
	g.ous[ouService].aces = []genACE{{helpdesk, identity.GenericAll, false}}
	desk0 := gw(g.role(grDesktop))
	g.gpos[gpBaseline].aces = []genACE{{desk0, identity.WriteDacl, false}, {desk0, identity.GenericWrite, false}}
	msol := genRef{identity.User, g.uSvc}
	g.domainACEs = append(append([]genACE(nil), genDomainACEs...),
		genACE{msol, identity.GetChanges, false}, genACE{msol, identity.GetChangesAll, false},
		genACE{gw(g.role(grExchPerm)), identity.WriteDacl, false})

	// Scattered one-off grants between ordinary staff and their groups and
	// machines: lateral movement, and now and then a longer path.
	objects := g.spec.Users + g.spec.Groups + g.spec.Computers
	seen := map[genACE]map[genRef]bool{}
	for n := max(5, objects/500); n > 0; {
		var p genRef
		if r.chance(0.7) {
			p = genRef{identity.User, g.uStaff + int32(r.intn(g.spec.Users-int(g.uStaff)))}
		} else {
			p = gw(g.gDept + int32(r.intn(g.spec.Groups-int(g.gDept))))
		}
		var t genRef
		var rights []identity.EdgeKind
		switch x := r.intn(10); {
		case x < 4:
			t = genRef{identity.User, g.uStaff + int32(r.intn(g.spec.Users-int(g.uStaff)))}
			rights = []identity.EdgeKind{identity.GenericWrite, identity.GenericAll, identity.ForceChangePassword, identity.WriteDacl, identity.AddKeyCredentialLink}
		case x < 8:
			t = gw(g.gDept + int32(r.intn(g.spec.Groups-int(g.gDept))))
			rights = []identity.EdgeKind{identity.GenericWrite, identity.AddMember, identity.GenericAll, identity.WriteOwner, identity.WriteDacl}
		default:
			t = genRef{identity.Computer, g.cWS + int32(r.intn(g.spec.Computers-int(g.cWS)))}
			rights = []identity.EdgeKind{identity.GenericAll, identity.AddAllowedToAct, identity.GenericWrite, identity.WriteDacl}
		}
		right := rights[r.intn(len(rights))]
		key := genACE{p, right, false}
		if p == t || seen[key][t] {
			continue
		}
		if seen[key] == nil {
			seen[key] = map[genRef]bool{}
		}
		seen[key][t] = true
		plant(t, p, right)
		n--
	}

	// Careless admins: some sign in on ordinary workstations, which is
	// what lets a workstation's administrators reach them.
	g.adminWS = map[int32][]int32{}
	ws := g.spec.Computers - int(g.cWS)
	for a := g.uAdm; a < g.uSvc; a++ {
		if a == g.uAdm || r.chance(0.3) {
			c := g.cWS + int32(r.intn(ws))
			g.adminWS[c] = append(g.adminWS[c], a)
		}
	}
}

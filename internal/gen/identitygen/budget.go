package identitygen

import "io"

// The edge budget. Everything that ties the directory together is planned
// first and counted; the default ACEs of ordinary objects (up to one per
// entry of genFillUser or genFillGroup each) then make up the difference
// to Spec.Edges. When even full default ACLs fall short, staff join
// more of their department's groups.

func planGen(spec Spec) (*adGen, error) {
	g, err := newADGen(spec)
	if err != nil {
		return nil, err
	}
	g.fillUsers = int64(spec.Users) - int64(g.uSvc)
	g.fillGroups = int64(spec.Groups) - int64(g.gRole)
	g.fillObjects = g.fillUsers + g.fillGroups + int64(spec.Computers) - int64(g.cSrv)
	capacity := g.fillUsers*int64(len(genFillUser)) + g.fillGroups*int64(len(genFillGroup)) +
		(g.fillObjects-g.fillUsers-g.fillGroups)*int64(len(genFillUser))

	g.buildMembers(0)
	g.buildMisconfig()
	g.prepare()
	s := g.countStructural()
	if short := int64(spec.Edges) - s - capacity; short > 0 {
		// Leave a tenth of the default ACLs free so the fill, not the
		// memberships, lands the total exactly.
		g.buildMembers(short + capacity/10)
		g.prepare()
		s = g.countStructural()
	}
	// The default lists are equally long and fillCount gives no object more
	// than one entry above the average, so within capacity none runs out.
	g.structural = s
	g.fillEdges = min(max(int64(spec.Edges)-s, 0), capacity)
	return g, nil
}

// countStructural counts every edge the writers will write before the
// fill, with the same per-object functions they use, and how many entries
// sessions.json will hold (its meta, when written first, needs the count).
func (g *adGen) countStructural() int64 {
	var n int64
	var aces []genACE
	var sess []genSession
	var refs []genRef
	for u := range int32(g.spec.Users) {
		f := g.userFacts(u)
		aces = g.userACEs(u, aces)
		n += 1 + int64(len(aces)) // the primary group and the ACL
		if g.spnTarget(u, &f) >= 0 {
			n++
		}
	}
	for gi := range int32(g.spec.Groups) {
		aces = g.groupACEs(gi, aces)
		n += int64(len(g.members(gi)) + len(aces))
	}
	g.sessionsFile = 0
	for c := range int32(g.spec.Computers) {
		f := g.computerFacts(c)
		aces = g.computerACEs(c, &f, aces)
		sess = g.sessions(c, sess)
		refs = g.localAdmins(c, refs)
		n += 1 + int64(len(aces)+len(sess)+len(refs))
		for _, s := range sess {
			if s.where == sessFile {
				g.sessionsFile++
			}
		}
		if g.rdpUsers(c) {
			n++
		}
		if g.delegateTo(c) >= 0 {
			n++
		}
		if g.actor(c) >= 0 {
			n++
		}
	}
	// The tree files are small: write them to nowhere and count.
	o := newGenOut(io.Discard)
	g.writeDomains(o)
	g.writeOUs(o)
	g.writeContainers(o)
	g.writeGPOs(o)
	for _, k := range o.byKind {
		n += int64(k)
	}
	return n
}

package identitygen

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/identity"
)

// Pieces every collector file shares: the meta block, ids, references and
// ACE lists. SharpHound writes compact JSON; so does the generator.

func (g *adGen) header(o *genOut, typ string, count int) {
	if g.spec.MetaLast {
		o.raw(`{"data":[`)
		return
	}
	o.raw(`{"meta":`)
	g.meta(o, typ, count)
	o.raw(`,"data":[`)
}

func (g *adGen) footer(o *genOut, typ string, count int) {
	if g.spec.MetaLast {
		o.raw(`],"meta":`)
		g.meta(o, typ, count)
		o.raw("}\n")
	} else {
		o.raw("]}\n")
	}
	o.flush()
}

func (g *adGen) meta(o *genOut, typ string, count int) {
	o.raw(`{"methods":46067,"type":"`)
	o.raw(typ)
	o.raw(`","count":`)
	o.int(int64(count))
	o.raw(`,"version":6}`)
}

func (g *adGen) sidRID(o *genOut, rid int64) {
	o.raw(g.sid)
	o.b = append(o.b, '-')
	o.int(rid)
}

// id writes a node's ObjectIdentifier, quoted.
func (g *adGen) id(o *genOut, r genRef) {
	o.b = append(o.b, '"')
	switch r.kind {
	case identity.User:
		if r.i < g.uAdm {
			g.sidRID(o, int64(genWKUsers[r.i].rid))
		} else {
			g.sidRID(o, g.ridUser+int64(r.i))
		}
	case identity.Group:
		switch {
		case r.i < gwBuiltinCount:
			o.raw(g.domain)
			o.raw("-S-1-5-32-")
			o.int(int64(genWellKnown[r.i].rid))
		case r.i < gwCount:
			g.sidRID(o, int64(genWellKnown[r.i].rid))
		default:
			g.sidRID(o, g.ridGroup+int64(r.i-gwCount))
		}
	case identity.Computer:
		g.sidRID(o, g.ridComp+int64(r.i))
	case identity.OU:
		o.raw(g.ous[r.i].guid)
	case identity.Container:
		o.raw(g.containers[r.i].guid)
	case identity.GPO:
		o.raw(g.gpos[r.i].guid)
	case identity.Domain:
		o.raw(g.sid)
	default:
		o.raw(g.domain)
		o.raw("-S-1-5-9")
	}
	o.b = append(o.b, '"')
}

var genTypeNames = [identity.NumKinds]string{identity.User: "User", identity.Computer: "Computer", identity.Group: "Group", identity.Domain: "Domain",
	identity.OU: "OU", identity.GPO: "GPO", identity.Container: "Container", identity.UnknownKind: "Group"}

// ref writes {"ObjectIdentifier": …, "ObjectType": …}.
func (g *adGen) ref(o *genOut, r genRef) {
	o.raw(`{"ObjectIdentifier":`)
	g.id(o, r)
	o.raw(`,"ObjectType":"`)
	o.raw(genTypeNames[r.kind])
	o.raw(`"}`)
}

// aces writes an ACL: the object's own entries, then the first fill of the
// default ones.
func (g *adGen) aces(o *genOut, own []genACE, defaults []genACE, fill int) {
	o.raw(`,"Aces":[`)
	n := 0
	for _, list := range [2][]genACE{own, defaults[:fill]} {
		for _, a := range list {
			o.comma(n)
			n++
			o.raw(`{"PrincipalSID":`)
			g.id(o, a.p)
			o.raw(`,"PrincipalType":"`)
			o.raw(genTypeNames[a.p.kind])
			o.raw(`","RightName":"`)
			o.raw(a.right.String())
			o.raw(`","IsInherited":`)
			o.bool(a.inh)
			o.b = append(o.b, '}')
			o.byKind[a.right]++
		}
	}
	o.aces += n
	o.b = append(o.b, ']')
}

// tail closes an object: its id and SharpHound's bookkeeping flags.
func (g *adGen) tail(o *genOut, r genRef, protected bool) {
	o.raw(`,"ObjectIdentifier":`)
	g.id(o, r)
	o.raw(`,"IsDeleted":false,"IsACLProtected":`)
	o.bool(protected)
	o.b = append(o.b, '}')
}

func (g *adGen) containedBy(o *genOut, parent genRef, ok bool) {
	o.raw(`,"ContainedBy":`)
	if !ok {
		o.raw("null")
		return
	}
	g.ref(o, parent)
}

// children writes ChildObjects, one Contains edge each.
func (g *adGen) children(o *genOut, kids []genChild) {
	o.raw(`,"ChildObjects":[`)
	n := 0
	for _, k := range kids {
		for i := k.lo; i < k.hi; i++ {
			o.comma(n)
			n++
			g.ref(o, genRef{k.kind, i})
			o.maybeFlush()
		}
	}
	o.contains += n
	o.byKind[identity.Contains] += n
	o.b = append(o.b, ']')
}

// links writes the GPOs linked to an OU or the domain.
func (g *adGen) links(o *genOut, links []int) {
	o.raw(`,"Links":[`)
	for i, l := range links {
		o.comma(i)
		o.raw(`{"IsEnforced":false,"GUID":"`)
		o.raw(g.gpos[l].guid)
		o.raw(`"}`)
	}
	o.links += len(links)
	o.byKind[identity.GPLink] += len(links)
	o.b = append(o.b, ']')
}

// props opens an object's Properties with the fields every object has.
// name is already escaped; sep joins it to the domain ('@', or '.' for a
// computer's DNS name).
func (g *adGen) props(o *genOut, name []byte, sep byte, dnPrefix, parentDN string) {
	o.raw(`{"Properties":{"domain":"`)
	o.raw(g.domain)
	o.raw(`","name":"`)
	o.b = append(o.b, name...)
	o.b = append(o.b, sep)
	o.raw(g.domain)
	o.raw(`","distinguishedname":"`)
	o.raw(dnPrefix)
	o.b = append(o.b, name...)
	o.b = append(o.b, ',')
	o.raw(parentDN)
	o.raw(`","domainsid":"`)
	o.raw(g.sid)
	o.b = append(o.b, '"')
}

func (g *adGen) whenCreated(o *genOut, t int64) {
	o.raw(`,"whencreated":`)
	o.int(t)
}

// parentDN is the distinguished name of an OU, container or the domain.
func (g *adGen) parentDN(p genRef) string {
	switch p.kind {
	case identity.OU:
		return g.ous[p.i].dn
	case identity.Container:
		return g.containers[p.i].dn
	}
	return g.qDN
}

func genTwoDigits(b []byte, n int) []byte {
	if n < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, int64(n), 10)
}

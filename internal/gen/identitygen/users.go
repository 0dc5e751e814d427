package identitygen

import (
	"strconv"

	"github.com/ward-shared-service/ward/internal/identity"
)

// users.json and groups.json.

// sam appends a user's account name: JSMITH1234, ADM-JSMITH1006,
// SVC-CIVICA01, MSOL_… . The number is the user's index, so names are
// unique.
func (g *adGen) sam(b []byte, u int32, f *genUser) []byte {
	switch {
	case u < g.uAdm:
		return append(b, genWKUsers[u].name...)
	case u == g.uSvc:
		return append(b, g.msol...)
	case u > g.uSvc && u < g.uStaff:
		k := int(u - g.uSvc - 1)
		b = append(b, "SVC-"...)
		b = append(b, genServices[k%len(genServices)].name...)
		return genTwoDigits(b, k/len(genServices)+1)
	case u < g.uSvc:
		b = append(b, "ADM-"...)
	}
	b = append(b, genFirstNames[f.first][0])
	b = append(b, genSurnames[f.last]...)
	return strconv.AppendInt(b, 1000+int64(u), 10)
}

func (g *adGen) userParent(u int32) genRef {
	switch {
	case u < g.uAdm:
		return genRef{identity.Container, ctUsers}
	case u < g.uSvc:
		return genRef{identity.OU, ouAdmins}
	case u < g.uStaff:
		return genRef{identity.OU, ouService}
	}
	return genRef{identity.OU, int32(g.deptOfUser(u).ouUsers)}
}

func (g *adGen) writeUsers(o *genOut) {
	n := int32(g.spec.Users)
	g.header(o, "users", int(n))
	var own []genACE
	var name []byte
	for u := range n {
		o.comma(int(u))
		f := g.userFacts(u)
		name = g.sam(name[:0], u, &f)
		parent := g.userParent(u)
		g.props(o, name, '@', "CN=", g.parentDN(parent))
		o.raw(`,"description":`)
		switch {
		case u < g.uAdm:
			o.str(genWKUsers[u].desc)
		case u == g.uSvc:
			o.raw(`"Account created by Microsoft Azure Active Directory Connect with installation identifier on computer configured to synchronize to tenant. This account must have directory replication permissions in the local Active Directory and write permission on certain attributes to enable Hybrid Deployment."`)
		case u > g.uSvc && u < g.uStaff:
			o.str(`Service account - do not disable. Owner: ICT "Applications" team, see \\FS01\ICT\Docs`)
		default:
			o.raw("null")
		}
		g.whenCreated(o, f.created)
		o.raw(`,"sensitive":`)
		o.bool(f.sensitive)
		o.raw(`,"dontreqpreauth":`)
		o.bool(f.noPreauth)
		o.raw(`,"passwordnotreqd":`)
		o.bool(f.pwdNotReqd)
		o.raw(`,"unconstraineddelegation":false,"pwdneverexpires":`)
		o.bool(f.pwdNeverExpires)
		o.raw(`,"enabled":`)
		o.bool(f.state != stDisabled)
		o.raw(`,"trustedtoauth":false,"lastlogon":`)
		o.int(f.lastLogon)
		o.raw(`,"lastlogontimestamp":`)
		o.int(f.lastLogonTS)
		o.raw(`,"pwdlastset":`)
		o.int(f.pwdSet)
		o.raw(`,"serviceprincipalnames":[`)
		target := g.spnTarget(u, &f)
		if f.spn >= 0 {
			o.b = append(o.b, '"')
			o.raw(genServices[f.spn].spn)
			o.b = append(o.b, '/')
			switch sql := g.byRole["SQL"]; {
			case target >= 0:
				o.b = g.computerName(o.b, target)
			case len(sql) > 0: // an admin account someone once ran SQL Server as
				o.b = g.computerName(o.b, sql[0])
			default:
				o.b = g.sam(o.b, u, &f)
			}
			o.b = append(o.b, '.')
			o.raw(g.dnsLower)
			if genServices[f.spn].spn == "MSSQLSvc" {
				o.raw(":1433")
			}
			o.b = append(o.b, '"')
		}
		o.raw(`],"hasspn":`)
		o.bool(f.spn >= 0)
		g.userContact(o, u, &f)
		o.raw(`,"admincount":`)
		o.bool(u != 1 && u < g.uSvc)
		o.raw(`,"sidhistory":[]},"AllowedToDelegate":[],"PrimaryGroupSID":"`)
		primary := int64(genWellKnown[gwDomainUsers].rid)
		if u == 1 {
			primary = int64(genWellKnown[gwDomainGuests].rid)
		}
		g.sidRID(o, primary)
		o.primary++
		o.byKind[identity.MemberOf]++
		o.raw(`","HasSIDHistory":[],"SpnTargets":[`)
		if target >= 0 {
			o.raw(`{"ComputerSID":`)
			g.id(o, genRef{identity.Computer, target})
			o.raw(`,"Port":1433,"Service":"SQLAdmin"}`)
			o.other++
			o.byKind[identity.SQLAdmin]++
		}
		o.raw(`],"UnconstrainedDelegation":false,"DomainSID":"`)
		o.raw(g.sid)
		o.b = append(o.b, '"')
		g.containedBy(o, parent, true)
		own = g.userACEs(u, own)
		fill := 0
		if u >= g.uSvc {
			fill = g.fillCount(int64(u - g.uSvc))
		}
		g.aces(o, own, genFillUser, fill)
		g.tail(o, genRef{identity.User, u}, u < g.uSvc)
		o.maybeFlush()
	}
	g.footer(o, "users", int(n))
}

// userContact writes the display name and e-mail address staff have
// (first names are valid UTF-8 without quotes, so they need no escaping).
func (g *adGen) userContact(o *genOut, u int32, f *genUser) {
	if u < g.uAdm || (u >= g.uSvc && u < g.uStaff) {
		o.raw(`,"displayname":null,"email":null`)
		return
	}
	first, last := genFirstNames[f.first], genSurnames[f.last]
	o.raw(`,"displayname":"`)
	o.raw(first)
	o.b = append(o.b, ' ', last[0])
	for i := 1; i < len(last); i++ {
		o.b = append(o.b, genLower(last[i]))
	}
	if u < g.uStaff {
		o.raw(` (Admin)","email":null`)
		return
	}
	o.raw(`","email":"`)
	for i := 0; i < len(first); i++ {
		o.b = append(o.b, genLower(first[i]))
	}
	o.b = append(o.b, '.')
	for i := 0; i < len(last); i++ {
		o.b = append(o.b, genLower(last[i]))
	}
	o.int(1000 + int64(u))
	o.b = append(o.b, '@')
	o.raw(g.mailDom)
	o.b = append(o.b, '"')
}

func genLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

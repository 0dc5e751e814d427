package identity

import (
	"bytes"
	"encoding/json"
	"io"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
)

// The product target is a council of 100,000 users, 20,000 groups and
// 30,000 computers with about 2,000,000 relations, imported and analysed
// in under 5 s on one core. benchCollection writes such a collection the
// way SharpHound does (compact JSON, data before meta, ACE lists of a dozen
// entries per object) so the reader's share of that budget can be measured.

const benchDomainSID = "S-1-5-21-3130019616-2776909439-2417379446"

var (
	benchFiles       = sync.OnceValue(func() []benchFile { return benchCollection(100_000, 20_000, 30_000, false) })
	benchFilesSpread = sync.OnceValue(func() []benchFile { return benchCollection(100_000, 20_000, 30_000, true) })
	// SharpHound's --prettyprint output: the same objects, indented.
	benchFilesIndented = sync.OnceValue(func() []benchFile {
		var out []benchFile
		for _, f := range benchFiles() {
			var buf bytes.Buffer
			if err := json.Indent(&buf, f.data, "", "    "); err != nil {
				panic(err)
			}
			out = append(out, benchFile{f.name, buf.Bytes()})
		}
		return out
	})
)

type benchFile struct {
	name string
	data []byte
}

func benchCollection(users, groups, computers int, spread bool) []benchFile {
	g := &benchGen{rnd: rand.New(rand.NewPCG(1, 2)), users: users, groups: groups, computers: computers, spread: spread}
	return []benchFile{
		{"20240101123456_computers.json", g.file("computers", computers, g.computer)},
		{"20240101123456_domains.json", g.file("domains", 1, g.domain)},
		{"20240101123456_groups.json", g.file("groups", groups, g.group)},
		{"20240101123456_users.json", g.file("users", users, g.user)},
	}
}

type benchGen struct {
	rnd                      *rand.Rand
	users, groups, computers int
	spread                   bool // principals spread evenly (see randomPrincipal)
	b                        []byte
}

// Object RIDs: users from 10000, groups from 200000, computers from 300000.
func (g *benchGen) sid(rid int) {
	g.b = append(g.b, '"')
	g.b = append(g.b, benchDomainSID...)
	g.b = append(g.b, '-')
	g.b = strconv.AppendInt(g.b, int64(rid), 10)
	g.b = append(g.b, '"')
}

// randomPrincipal picks who an ACE is for. In a real domain most ACEs are
// the same few dozen admin and delegation groups on every object; the
// rest name owners and the odd team group. benchSpread makes every
// principal equally likely instead, the worst case for the id lookups.
func (g *benchGen) randomPrincipal() int {
	if g.spread {
		return g.anyPrincipal()
	}
	switch r := g.rnd.IntN(100); {
	case r < 80:
		return benchAdminRIDs[g.rnd.IntN(len(benchAdminRIDs))]
	case r < 92:
		return 200000 + g.rnd.IntN(g.groups)
	}
	return 10000 + g.rnd.IntN(g.users)
}

func (g *benchGen) anyPrincipal() int {
	if g.rnd.IntN(2) == 0 {
		return 10000 + g.rnd.IntN(g.users)
	}
	return 200000 + g.rnd.IntN(g.groups)
}

// The domain's admin groups and twenty delegated helpdesk groups.
var benchAdminRIDs = []int{512, 516, 518, 519, 526, 527, 544, 548,
	200000, 200001, 200002, 200003, 200004, 200005, 200006, 200007, 200008, 200009,
	200010, 200011, 200012, 200013, 200014, 200015, 200016, 200017, 200018, 200019}

var benchRights = []string{"GenericAll", "WriteDacl", "WriteOwner", "GenericWrite", "Owns", "AllExtendedRights",
	"ForceChangePassword", "AddMember", "AddKeyCredentialLink", "WriteSPN", "WriteAccountRestrictions"}

func (g *benchGen) aces(n int) {
	g.b = append(g.b, `"Aces":[`...)
	for i := range n {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		g.b = append(g.b, `{"PrincipalSID":`...)
		g.sid(g.randomPrincipal())
		g.b = append(g.b, `,"PrincipalType":"Group","RightName":"`...)
		g.b = append(g.b, benchRights[g.rnd.IntN(len(benchRights))]...)
		g.b = append(g.b, `","IsInherited":`...)
		g.b = strconv.AppendBool(g.b, g.rnd.IntN(2) == 0)
		g.b = append(g.b, '}')
	}
	g.b = append(g.b, "],"...)
}

func (g *benchGen) file(typ string, n int, obj func(i int)) []byte {
	g.b = append([]byte(nil), `{"data":[`...)
	for i := range n {
		if i > 0 {
			g.b = append(g.b, ',')
		}
		obj(i)
	}
	g.b = append(g.b, `],"meta":{"methods":46067,"type":"`...)
	g.b = append(g.b, typ...)
	g.b = append(g.b, `","count":`...)
	g.b = strconv.AppendInt(g.b, int64(n), 10)
	g.b = append(g.b, `,"version":6}}`...)
	return g.b
}

func (g *benchGen) props(name string, i int, extra string) {
	g.b = append(g.b, `"Properties":{"domain":"TESTLAB.LOCAL","name":"`...)
	g.b = append(g.b, name...)
	g.b = strconv.AppendInt(g.b, int64(i), 10)
	g.b = append(g.b, `@TESTLAB.LOCAL","distinguishedname":"CN=`...)
	g.b = append(g.b, name...)
	g.b = strconv.AppendInt(g.b, int64(i), 10)
	g.b = append(g.b, `,OU=STAFF,DC=TESTLAB,DC=LOCAL","domainsid":"`+benchDomainSID+`","isaclprotected":false,"description":null,"whencreated":1568667899`...)
	g.b = append(g.b, extra...)
	g.b = append(g.b, "},"...)
}

func (g *benchGen) tail(rid int) {
	g.b = append(g.b, `"ObjectIdentifier":`...)
	g.sid(rid)
	g.b = append(g.b, `,"IsDeleted":false,"IsACLProtected":false,"ContainedBy":{"ObjectIdentifier":"ECAD920E-8EB1-4E31-A80E-DD36367F81F4","ObjectType":"Container"}}`...)
}

func (g *benchGen) user(i int) {
	g.b = append(g.b, '{')
	g.props("USER", i, `,"sensitive":false,"dontreqpreauth":false,"passwordnotreqd":false,"unconstraineddelegation":false,"pwdneverexpires":true,"enabled":true,"trustedtoauth":false,"lastlogon":1637005123,"lastlogontimestamp":1636426386,"pwdlastset":1635350932,"serviceprincipalnames":[],"hasspn":false,"displayname":"A Person","email":"a.person@council.gov.uk","title":"Officer","homedirectory":null,"userpassword":null,"admincount":false,"sidhistory":[]`)
	g.b = append(g.b, `"AllowedToDelegate":[],"SpnTargets":[],"HasSIDHistory":[],"PrimaryGroupSID":`...)
	g.sid(513)
	g.b = append(g.b, ',')
	g.aces(12)
	g.tail(10000 + i)
}

func (g *benchGen) group(i int) {
	g.b = append(g.b, '{')
	g.props("GROUP", i, `,"admincount":false`)
	g.b = append(g.b, `"Members":[`...)
	for j := range 10 { // 200,000 memberships over 20,000 groups
		if j > 0 {
			g.b = append(g.b, ',')
		}
		g.b = append(g.b, `{"ObjectIdentifier":`...)
		g.sid(g.anyPrincipal())
		g.b = append(g.b, `,"ObjectType":"User"}`...)
	}
	g.b = append(g.b, "],"...)
	g.aces(12)
	g.tail(200000 + i)
}

func (g *benchGen) computer(i int) {
	g.b = append(g.b, '{')
	g.props("PC", i, `,"haslaps":true,"enabled":true,"unconstraineddelegation":false,"trustedtoauth":false,"lastlogon":1637005123,"lastlogontimestamp":1636426386,"pwdlastset":1635350932,"serviceprincipalnames":["HOST/PC","TERMSRV/PC"],"operatingsystem":"Windows 11 Enterprise","sidhistory":[]`)
	g.b = append(g.b, `"PrimaryGroupSID":`...)
	g.sid(515)
	g.b = append(g.b, `,"AllowedToDelegate":[],"AllowedToAct":[],"HasSIDHistory":[],"Sessions":{"Results":[{"UserSID":`...)
	g.sid(10000 + g.rnd.IntN(g.users))
	g.b = append(g.b, `,"ComputerSID":`...)
	g.sid(300000 + i)
	g.b = append(g.b, `}],"Collected":true,"FailureReason":null},"PrivilegedSessions":{"Results":[],"Collected":true,"FailureReason":null},"RegistrySessions":{"Results":[],"Collected":true,"FailureReason":null},"LocalGroups":[`...)
	for j, rid := range []int{544, 555, 562, 580} {
		if j > 0 {
			g.b = append(g.b, ',')
		}
		g.b = append(g.b, `{"Collected":true,"FailureReason":null,"Results":[{"ObjectIdentifier":`...)
		g.sid(512)
		g.b = append(g.b, `,"ObjectType":"Group"},{"ObjectIdentifier":`...)
		g.sid(200000 + g.rnd.IntN(g.groups))
		g.b = append(g.b, `,"ObjectType":"Group"}],"LocalNames":[],"Name":"LOCAL@PC","ObjectIdentifier":`...)
		g.b = append(g.b, `"`+benchDomainSID+`-`...)
		g.b = strconv.AppendInt(g.b, int64(300000+i), 10)
		g.b = append(g.b, '-')
		g.b = strconv.AppendInt(g.b, int64(rid), 10)
		g.b = append(g.b, `"}`...)
	}
	g.b = append(g.b, `],"UserRights":[],"Status":null,`...)
	g.aces(10)
	g.tail(300000 + i)
}

func (g *benchGen) domain(int) {
	g.b = append(g.b, '{')
	g.props("TESTLAB.LOCAL", 0, "")
	g.b = append(g.b, `"Trusts":[],"Links":[],`...)
	g.aces(20)
	g.b = append(g.b, `"ObjectIdentifier":"`+benchDomainSID+`","IsDeleted":false,"IsACLProtected":false}`...)
}

func benchNamed(files []benchFile) []NamedFile {
	out := make([]NamedFile, len(files))
	for i, f := range files {
		out[i] = NamedFile{Name: f.name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(f.data)), nil }}
	}
	return out
}

func benchSize(files []benchFile) (n int64) {
	for _, f := range files {
		n += int64(len(f.data))
	}
	return n
}

// BenchmarkReadSharpHound reads the whole collection into a builder: the
// reader's own cost.
func BenchmarkReadSharpHound(b *testing.B) { benchRead(b, benchFiles(), false) }

// BenchmarkReadSharpHoundSpread is the same with ACE principals spread
// evenly over every user and group.
func BenchmarkReadSharpHoundSpread(b *testing.B) { benchRead(b, benchFilesSpread(), false) }

// BenchmarkReadSharpHoundIndented reads pretty-printed files, which are
// about half white space.
func BenchmarkReadSharpHoundIndented(b *testing.B) { benchRead(b, benchFilesIndented(), false) }

// BenchmarkOpenSharpHoundDirectory adds finishing the build (sorting and
// de-duplicating the edges), which is what an import hands to the analysis.
func BenchmarkOpenSharpHoundDirectory(b *testing.B) { benchRead(b, benchFiles(), true) }

func benchRead(b *testing.B, files []benchFile, finish bool) {
	b.SetBytes(benchSize(files))
	b.ReportAllocs()
	var edges int
	for b.Loop() {
		bl := NewBuilder(ActiveDirectory)
		if _, err := ReadSharpHoundFiles(bl, benchNamed(files)...); err != nil {
			b.Fatal(err)
		}
		_, edges = bl.Len()
		if finish {
			edges = len(bl.Directory().Edges)
		}
	}
	b.ReportMetric(float64(edges), "edges")
}

package sharphound

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
)

// The fixtures are SharpHound v6 output for a small TESTLAB.LOCAL domain,
// published with BloodHound CE; they live outside the repository.
func sharpHoundFixtures(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "identity", "sharphound-v6")
	if _, err := os.Stat(filepath.Join(dir, "users.json")); err != nil {
		t.Skipf("SharpHound fixtures not present (%v)", err)
	}
	return dir
}

func openFixture(t *testing.T) *identity.Directory {
	t.Helper()
	d, err := Open(sharpHoundFixtures(t))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// nodeNamed finds a node by its name as an analyst sees it.
func nodeNamed(t *testing.T, d *identity.Directory, name string) int32 {
	t.Helper()
	for i := range d.Nodes {
		if d.Nodes[i].Name == name {
			return int32(i)
		}
	}
	t.Fatalf("no node named %s", name)
	return -1
}

func countEdges(d *identity.Directory, from, to int32, k identity.EdgeKind) int {
	n := 0
	for _, e := range d.Edges {
		if e.From == from && e.To == to && e.Kind == k {
			n++
		}
	}
	return n
}

func TestSharpHoundFixtureCounts(t *testing.T) {
	d := openFixture(t)
	if d.Source != identity.ActiveDirectory || d.Name != "TESTLAB.LOCAL" {
		t.Errorf("source %q name %q, want ad TESTLAB.LOCAL", d.Source, d.Name)
	}
	kinds := map[identity.Kind]int{}
	described := 0
	for _, n := range d.Nodes {
		kinds[n.Kind]++
		if n.Is(identity.Described) {
			described++
		}
	}
	// Counted from the files: objects in each, and the ids only referred to
	// (built-in groups not collected, the missing -12344 and -12345, …).
	want := map[identity.Kind]int{identity.User: 17, identity.Group: 30, identity.Computer: 4, identity.Domain: 1, identity.OU: 2, identity.GPO: 7, identity.Container: 23, identity.UnknownKind: 14}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("nodes by kind %v, want %v", kinds, want)
	}
	if described != 84 {
		t.Errorf("%d described, want 84", described)
	}
	// 730 distinct relations, as an independent reading of the files with
	// Python's json module and the same mapping found.
	if len(d.Edges) != 730 {
		t.Errorf("%d edges, want 730", len(d.Edges))
	}
}

func TestSharpHoundFixtureEdges(t *testing.T) {
	d := openFixture(t)
	for _, c := range []struct {
		from string
		kind identity.EdgeKind
		to   string
	}{
		{"DFM@TESTLAB.LOCAL", identity.AdminTo, "WIN10.TESTLAB.LOCAL"}, // local group -544
		{"DOMAIN ADMINS@TESTLAB.LOCAL", identity.AdminTo, "WIN10.TESTLAB.LOCAL"},
		{"DOMAIN USERS@TESTLAB.LOCAL", identity.CanRDP, "WIN10.TESTLAB.LOCAL"},  // -555
		{"EVERYONE@TESTLAB.LOCAL", identity.ExecuteDCOM, "WIN10.TESTLAB.LOCAL"}, // -562
		{"DFM@TESTLAB.LOCAL", identity.CanPSRemote, "WIN10.TESTLAB.LOCAL"},      // -580
		{"WIN10.TESTLAB.LOCAL", identity.HasSession, "ADMINISTRATOR@TESTLAB.LOCAL"},
		{"WIN10.TESTLAB.LOCAL", identity.HasSession, "DFM@TESTLAB.LOCAL"},
		{"WIN10.TESTLAB.LOCAL", identity.HasSession, "WRITEDACLTEST@TESTLAB.LOCAL"}, // sessions.json
		{"DCSYNCDIRECT@TESTLAB.LOCAL", identity.GetChanges, "TESTLAB.LOCAL"},
		{"DCSYNCDIRECT@TESTLAB.LOCAL", identity.GetChangesAll, "TESTLAB.LOCAL"},
		{"TIERZEROGPO@TESTLAB.LOCAL", identity.GPLink, "TESTLAB.LOCAL"},
		{"TESTGPO@TESTLAB.LOCAL", identity.GPLink, "TESTOU@TESTLAB.LOCAL"},
		{"TESTOU@TESTLAB.LOCAL", identity.Contains, "WIN10.TESTLAB.LOCAL"},
		{"TESTLAB.LOCAL", identity.Contains, "COMPUTERS@TESTLAB.LOCAL"}, // ContainedBy
		{"USERS@TESTLAB.LOCAL", identity.Contains, "DFM@TESTLAB.LOCAL"}, // ChildObjects
		{"ESID@TESTLAB.LOCAL", identity.HasSIDHistory, "ADMINISTRATOR@TESTLAB.LOCAL"},
		{"WRITEDACLTEST@TESTLAB.LOCAL", identity.WriteDacl, "TIERZEROGPO@TESTLAB.LOCAL"},
		{"ADDALLOWEDTOACTTEST@TESTLAB.LOCAL", identity.AddAllowedToAct, "PRIMARY.TESTLAB.LOCAL"},
		{"ADMINISTRATOR@TESTLAB.LOCAL", identity.MemberOf, "DOMAIN ADMINS@TESTLAB.LOCAL"}, // Members
		{"DFM@TESTLAB.LOCAL", identity.MemberOf, "DOMAIN USERS@TESTLAB.LOCAL"},            // PrimaryGroupSID
		{"ADMINISTRATOR@TESTLAB.LOCAL", identity.ReadGMSAPassword, "TESTGMSA$@TESTLAB.LOCAL"},
		{"DOMAIN ADMINS@TESTLAB.LOCAL", identity.Owns, "WIN10.TESTLAB.LOCAL"},
		{"DFM@TESTLAB.LOCAL", identity.SQLAdmin, "S-1-5-21-3130019616-2776909439-2417379446-12345"},
		{"DFM@TESTLAB.LOCAL", identity.AllowedToDelegate, "S-1-5-21-3130019616-2776909439-2417379446-12345"},
		{"S-1-5-21-3130019616-2776909439-2417379446-12345", identity.AllowedToAct, "WIN10.TESTLAB.LOCAL"},
	} {
		from, to := nodeNamed(t, d, c.from), nodeNamed(t, d, c.to)
		if n := countEdges(d, from, to, c.kind); n != 1 {
			t.Errorf("%s %s %s: %d edges, want 1", c.from, c.kind, c.to, n)
		}
	}
	// WIN10 lists DFM's session twice; the analysis sees it once (checked
	// above). The reader derives nothing: DCSync is the analysis's to add.
	for _, e := range d.Edges {
		if e.Kind == identity.DCSync {
			t.Errorf("reader derived a DCSync edge %s → %s", d.Nodes[e.From].Name, d.Nodes[e.To].Name)
		}
		if e.From < 0 || int(e.From) >= len(d.Nodes) || e.To < 0 || int(e.To) >= len(d.Nodes) {
			t.Fatalf("edge %v outside the nodes", e)
		}
	}
}

func TestSharpHoundFixtureNodes(t *testing.T) {
	d := openFixture(t)
	node := func(name string) *identity.Node { return &d.Nodes[nodeNamed(t, d, name)] }

	primary := node("PRIMARY.TESTLAB.LOCAL")
	if primary.Kind != identity.Computer || !primary.Is(identity.DomainController|identity.UnconstrainedDelegation|identity.Enabled|identity.HasSPN|identity.Described) {
		t.Errorf("PRIMARY: kind %s flags %b", primary.Kind, primary.Flags)
	}
	if primary.OS != "Windows Server 2012 R2 Standard Evaluation" || primary.Directory != "TESTLAB.LOCAL" {
		t.Errorf("PRIMARY: os %q directory %q", primary.OS, primary.Directory)
	}
	win10 := node("WIN10.TESTLAB.LOCAL")
	if win10.Is(identity.DomainController) || win10.Is(identity.UnconstrainedDelegation) {
		t.Errorf("WIN10 flags %b", win10.Flags)
	}
	// lastlogontimestamp is preferred to lastlogon.
	if win10.LastLogon != 1636426386 || win10.PwdLastSet != 1635350932 || win10.Created != 1568667899 {
		t.Errorf("WIN10 times %d %d %d", win10.LastLogon, win10.PwdLastSet, win10.Created)
	}
	// SharpHound's -1 and 0 for "never" are both zero.
	if esid := node("ESID@TESTLAB.LOCAL"); esid.LastLogon != 0 {
		t.Errorf("ESID last logon %d, want 0", esid.LastLogon)
	}
	if guest := node("GUEST@TESTLAB.LOCAL"); guest.Is(identity.Enabled) || !guest.Is(identity.PasswordNotRequired) || guest.PwdLastSet != 0 {
		t.Errorf("GUEST flags %b pwdlastset %d", guest.Flags, guest.PwdLastSet)
	}
	if krbtgt := node("KRBTGT@TESTLAB.LOCAL"); krbtgt.Kind != identity.User || !krbtgt.Is(identity.HasSPN|identity.AdminCount) || krbtgt.Is(identity.Enabled) {
		t.Errorf("KRBTGT flags %b", krbtgt.Flags)
	}
	if u := node("UNCONDEL@TESTLAB.LOCAL"); !u.Is(identity.UnconstrainedDelegation) {
		t.Errorf("UNCONDEL flags %b", u.Flags)
	}
	if admin := node("ADMINISTRATOR@TESTLAB.LOCAL"); !admin.Is(identity.AdminCount | identity.PasswordNeverExpires | identity.Enabled) {
		t.Errorf("ADMINISTRATOR flags %b", admin.Flags)
	}
	// Groups, GPOs, OUs, containers and the domain are "enabled": present.
	for _, name := range []string{"DOMAIN ADMINS@TESTLAB.LOCAL", "TIERZEROGPO@TESTLAB.LOCAL", "TESTOU@TESTLAB.LOCAL", "USERS@TESTLAB.LOCAL", "TESTLAB.LOCAL"} {
		if n := node(name); !n.Is(identity.Enabled | identity.Described) {
			t.Errorf("%s flags %b", name, n.Flags)
		}
	}
	if gpo := node("TIERZEROGPO@TESTLAB.LOCAL"); gpo.Kind != identity.GPO || gpo.ID != "DF4B5337-3DF7-4504-B1B2-B5674186EE67" {
		t.Errorf("TIERZEROGPO kind %s id %s", gpo.Kind, gpo.ID)
	}
	// Referred to by ACEs but not collected: named from the well-known SIDs.
	ao := node("ACCOUNT OPERATORS@TESTLAB.LOCAL")
	if ao.ID != "TESTLAB.LOCAL-S-1-5-32-548" || ao.Kind != identity.UnknownKind || ao.Is(identity.Described) {
		t.Errorf("account operators placeholder %+v", ao)
	}
}

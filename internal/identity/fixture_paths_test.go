package identity_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/sharphound"
)

// fixtureDir is BloodHound CE's SharpHound v6 test domain in the shared
// data beside the checkout; tests skip without it.
func fixtureDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "data", "identity", "sharphound-v6")
	if _, err := os.Stat(filepath.Join(dir, "users.json")); err != nil {
		t.Skipf("the SharpHound fixture is not here (%v): it lives in ../shared/data beside the checkout", err)
	}
	return dir
}

// TestFixturePathsWorkedByHand checks the attack paths in the TESTLAB.LOCAL
// fixture against paths read off the JSON by hand:
//
//   - DCSYNCDIRECT holds GetChanges and GetChangesAll on the domain itself;
//     DCSYNCDELEGATIONTEST holds them through GETCHANGESGROUP and
//     GETCHANGESALLGROUP, one each, which together are DCSync.
//   - ESID and ESID2 carry ADMINISTRATOR's SID in their SID history.
//   - ADDALLOWEDTOACTTEST may write PRIMARY's resource-based delegation,
//     and PRIMARY is a domain controller.
//   - WRITEDACLTEST and WRITEOWNERTEST hold WriteDacl and WriteOwner on
//     TIERZEROGPO, which is linked to the domain.
//   - WIN10 has ADMINISTRATOR signed in (Sessions), so WIN10 itself
//     reaches Tier Zero; DFM is in WIN10's local Administrators, so DFM
//     reaches it in two steps (DFM's GenericWrite on TESTGPO, linked to
//     TESTOU which holds WIN10, is a longer way to the same place).
//   - ADMIN and ADMINISTRATOR are Domain Admins: Tier Zero, not "reaching".
//   - GWRITETEST, ADDMEMBERTEST, UNCONDEL, BADCHARTEST, TESTGMSA$ and the
//     computers UCCOMP and TESTMSA have no rights that lead anywhere;
//     KRBTGT and GUEST are disabled.
func TestFixturePathsWorkedByHand(t *testing.T) {
	d, err := sharphound.Open(fixtureDir(t))
	if err != nil {
		t.Fatal(err)
	}
	a := identity.Analyse(identity.Combine(d), nil)
	got := map[string]string{}
	var order []string
	for _, i := range a.Reaching {
		got[a.Graph.Nodes[i].Name] = identity.PlainPathText(a.Path(i))
		order = append(order, a.Graph.Nodes[i].Name)
	}
	want := map[string]string{
		"DCSYNCDIRECT@TESTLAB.LOCAL":         "DCSYNCDIRECT@TESTLAB.LOCAL DCSync TESTLAB.LOCAL",
		"DCSYNCDELEGATIONTEST@TESTLAB.LOCAL": "DCSYNCDELEGATIONTEST@TESTLAB.LOCAL DCSync TESTLAB.LOCAL",
		"ESID@TESTLAB.LOCAL":                 "ESID@TESTLAB.LOCAL HasSIDHistory ADMINISTRATOR@TESTLAB.LOCAL",
		"ESID2@TESTLAB.LOCAL":                "ESID2@TESTLAB.LOCAL HasSIDHistory ADMINISTRATOR@TESTLAB.LOCAL",
		"ADDALLOWEDTOACTTEST@TESTLAB.LOCAL":  "ADDALLOWEDTOACTTEST@TESTLAB.LOCAL AddAllowedToAct PRIMARY.TESTLAB.LOCAL",
		"WIN10.TESTLAB.LOCAL":                "WIN10.TESTLAB.LOCAL HasSession ADMINISTRATOR@TESTLAB.LOCAL",
		"WRITEDACLTEST@TESTLAB.LOCAL":        "WRITEDACLTEST@TESTLAB.LOCAL WriteDacl TIERZEROGPO@TESTLAB.LOCAL GPLink TESTLAB.LOCAL",
		"WRITEOWNERTEST@TESTLAB.LOCAL":       "WRITEOWNERTEST@TESTLAB.LOCAL WriteOwner TIERZEROGPO@TESTLAB.LOCAL GPLink TESTLAB.LOCAL",
		"DFM@TESTLAB.LOCAL":                  "DFM@TESTLAB.LOCAL AdminTo WIN10.TESTLAB.LOCAL HasSession ADMINISTRATOR@TESTLAB.LOCAL",
	}
	for name, path := range want {
		if got[name] != path {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], path)
		}
	}
	for name, path := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s reaches Tier Zero, which the hand-worked list does not expect: %s", name, path)
		}
	}
	// One-step paths first, by name; then the two-step ones.
	wantOrder := []string{
		"ADDALLOWEDTOACTTEST@TESTLAB.LOCAL", "DCSYNCDELEGATIONTEST@TESTLAB.LOCAL", "DCSYNCDIRECT@TESTLAB.LOCAL",
		"ESID2@TESTLAB.LOCAL", "ESID@TESTLAB.LOCAL", "WIN10.TESTLAB.LOCAL",
		"DFM@TESTLAB.LOCAL", "WRITEDACLTEST@TESTLAB.LOCAL", "WRITEOWNERTEST@TESTLAB.LOCAL",
	}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("order:\n got %q\nwant %q", order, wantOrder)
	}
	for _, name := range []string{"ADMIN@TESTLAB.LOCAL", "ADMINISTRATOR@TESTLAB.LOCAL", "PRIMARY.TESTLAB.LOCAL"} {
		if i := fixtureNode(t, a.Graph, name); !a.TierZero[i] {
			t.Errorf("%s is not Tier Zero", name)
		}
	}
}

func fixtureNode(t *testing.T, g *identity.Graph, name string) int32 {
	t.Helper()
	for i := range g.Nodes {
		if g.Nodes[i].Name == name {
			return int32(i)
		}
	}
	t.Fatalf("no node named %s", name)
	return -1
}

package identity

import (
	"bytes"
	"testing"
)

func generateEntra(t testing.TB, spec EntraSpec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := GenerateEntra(&buf, spec); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGenerateEntra(t *testing.T) {
	spec := EntraSpec{Seed: 7, Users: 800, Guests: 25, Groups: 40, ServicePrincipals: 12}
	out := generateEntra(t, spec)
	if again := generateEntra(t, spec); !bytes.Equal(out, again) {
		t.Error("the same spec wrote different tenants")
	}
	if other := generateEntra(t, EntraSpec{Seed: 8, Users: 800, Guests: 25, Groups: 40, ServicePrincipals: 12}); bytes.Equal(out, other) {
		t.Error("another seed wrote the same tenant")
	}

	b := NewBuilder(EntraID)
	sum, err := ReadEntraSummary(b, "generated.json", bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	d := b.Directory()
	if sum.Users != 825 || sum.Guests != 25 || sum.Groups != 40 || sum.ServicePrincipals != 12 || sum.Applications != 6 {
		t.Errorf("summary %+v, want 825 users (25 guests), 40 groups, 12 service principals, 6 applications", sum)
	}
	if d.Name != "EXAMPLE.GOV.UK" || sum.ExportedAt == 0 || sum.Scoped != 1 || sum.Eligible != 2 {
		t.Errorf("directory %q, summary %+v", d.Name, sum)
	}
	checkEdges(t, d)

	// What a demo needs to show: a handful of Global Administrators, one
	// eligible; Privileged Role Administrator through a group; some
	// accounts without MFA, some stale; an app owned by an ordinary user.
	v := entraView{t, d}
	gi, _ := v.byID(RoleNodeID(sum.TenantID, GlobalAdministratorRole))
	pi, _ := v.byID(RoleNodeID(sum.TenantID, PrivilegedRoleAdministratorRole))
	var ga, gaEligible, praGroups int
	for _, e := range d.Edges {
		switch {
		case e.To == gi && e.Kind == HasRole:
			ga++
		case e.To == gi && e.Kind == HasEligibleRole:
			gaEligible++
		case e.To == pi && d.Nodes[e.From].Kind == Group:
			praGroups++
		}
	}
	if ga < 2 || ga > 5 || gaEligible != 1 || praGroups != 1 {
		t.Errorf("%d active and %d eligible Global Administrators, %d groups holding PRA", ga, gaEligible, praGroups)
	}
	var noMFA, stale, disabled, owned int
	for _, n := range d.Nodes {
		if n.Kind == User && n.Is(Enabled) && !n.Is(Guest) && !n.Is(MFARegistered) {
			noMFA++
		}
		if n.Kind == User && n.LastLogon != 0 && sum.ExportedAt-n.LastLogon > 365*86400 {
			stale++
		}
		if n.Kind == User && !n.Is(Enabled) {
			disabled++
		}
	}
	for _, e := range d.Edges {
		if e.Kind == AddSecret && d.Nodes[e.From].Kind == User {
			owned++
		}
	}
	if noMFA < 20 || noMFA > 200 || stale < 20 || stale > 200 || disabled < 10 || owned == 0 {
		t.Errorf("%d enabled members without MFA, %d stale, %d disabled, %d app owners", noMFA, stale, disabled, owned)
	}

	// Tiny and empty tenants are still valid exports.
	for _, s := range []EntraSpec{{}, {Users: 1}, {Users: 3, Groups: 2, ServicePrincipals: 1}} {
		if err := ReadEntra(NewBuilder(EntraID), "tiny.json", bytes.NewReader(generateEntra(t, s))); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
	if err := GenerateEntra(&bytes.Buffer{}, EntraSpec{Users: -1}); err == nil {
		t.Error("a negative count was accepted")
	}
}

// BenchmarkReadEntra reads a tenant the size of a large district council
// with its partners' guests.
func BenchmarkReadEntra(b *testing.B) {
	data := generateEntra(b, EntraSpec{Seed: 1, Users: 10000, Guests: 1000, Groups: 600, ServicePrincipals: 300})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := ReadEntra(NewBuilder(EntraID), "bench.json", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

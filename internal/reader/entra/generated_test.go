package entra_test

import (
	"bytes"
	"testing"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

func generateEntra(t testing.TB, spec identitygen.EntraSpec) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := identitygen.Entra(&buf, spec); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGenerateEntra(t *testing.T) {
	spec := identitygen.EntraSpec{Seed: 7, Users: 800, Guests: 25, Groups: 40, ServicePrincipals: 12}
	out := generateEntra(t, spec)
	if again := generateEntra(t, spec); !bytes.Equal(out, again) {
		t.Error("the same spec wrote different tenants")
	}
	if other := generateEntra(t, identitygen.EntraSpec{Seed: 8, Users: 800, Guests: 25, Groups: 40, ServicePrincipals: 12}); bytes.Equal(out, other) {
		t.Error("another seed wrote the same tenant")
	}

	b := identity.NewBuilder(identity.EntraID)
	sum, err := entra.ReadSummary(b, "generated.json", bytes.NewReader(out))
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
	gi, _ := v.byID(entra.RoleNodeID(sum.TenantID, identity.GlobalAdministratorRole))
	pi, _ := v.byID(entra.RoleNodeID(sum.TenantID, identity.PrivilegedRoleAdministratorRole))
	var ga, gaEligible, praGroups int
	for _, e := range d.Edges {
		switch {
		case e.To == gi && e.Kind == identity.HasRole:
			ga++
		case e.To == gi && e.Kind == identity.HasEligibleRole:
			gaEligible++
		case e.To == pi && d.Nodes[e.From].Kind == identity.Group:
			praGroups++
		}
	}
	if ga < 2 || ga > 5 || gaEligible != 1 || praGroups != 1 {
		t.Errorf("%d active and %d eligible Global Administrators, %d groups holding PRA", ga, gaEligible, praGroups)
	}
	var noMFA, stale, disabled, owned int
	for _, n := range d.Nodes {
		if n.Kind == identity.User && n.Is(identity.Enabled) && !n.Is(identity.Guest) && !n.Is(identity.MFARegistered) {
			noMFA++
		}
		if n.Kind == identity.User && n.LastLogon != 0 && sum.ExportedAt-n.LastLogon > 365*86400 {
			stale++
		}
		if n.Kind == identity.User && !n.Is(identity.Enabled) {
			disabled++
		}
	}
	for _, e := range d.Edges {
		if e.Kind == identity.AddSecret && d.Nodes[e.From].Kind == identity.User {
			owned++
		}
	}
	if noMFA < 20 || noMFA > 200 || stale < 20 || stale > 200 || disabled < 10 || owned == 0 {
		t.Errorf("%d enabled members without MFA, %d stale, %d disabled, %d app owners", noMFA, stale, disabled, owned)
	}

	// Tiny and empty tenants are still valid exports.
	for _, s := range []identitygen.EntraSpec{{}, {Users: 1}, {Users: 3, Groups: 2, ServicePrincipals: 1}} {
		if err := entra.Read(identity.NewBuilder(identity.EntraID), "tiny.json", bytes.NewReader(generateEntra(t, s))); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
	if err := identitygen.Entra(&bytes.Buffer{}, identitygen.EntraSpec{Users: -1}); err == nil {
		t.Error("a negative count was accepted")
	}
}

// BenchmarkReadEntra reads a tenant the size of a large district council
// with its partners' guests.
func BenchmarkReadEntra(b *testing.B) {
	data := generateEntra(b, identitygen.EntraSpec{Seed: 1, Users: 10000, Guests: 1000, Groups: 600, ServicePrincipals: 300})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := entra.Read(identity.NewBuilder(identity.EntraID), "bench.json", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

package entra_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

const (
	ashcombeFile   = "testdata/entra-ashcombe.json"
	ashcombeTenant = "f67a73f9-1da3-4124-974d-72e2bc80841b"
)

// entraView looks a directory up the way an analyst reads it: by name.
type entraView struct {
	t *testing.T
	d *identity.Directory
}

func (v entraView) node(name string) (int32, *identity.Node) {
	v.t.Helper()
	for i := range v.d.Nodes {
		if v.d.Nodes[i].Name == name {
			return int32(i), &v.d.Nodes[i]
		}
	}
	v.t.Fatalf("no node named %q", name)
	return 0, nil
}

func (v entraView) byID(id string) (int32, *identity.Node) {
	v.t.Helper()
	for i := range v.d.Nodes {
		if v.d.Nodes[i].ID == strings.ToUpper(id) {
			return int32(i), &v.d.Nodes[i]
		}
	}
	v.t.Fatalf("no node with id %q", id)
	return 0, nil
}

// edges lists "FROM KIND TO" for every edge into or out of the named node.
func (v entraView) edges(name string) []string {
	v.t.Helper()
	i, _ := v.node(name)
	var out []string
	for _, e := range v.d.Edges {
		if e.From == i || e.To == i {
			out = append(out, v.d.Nodes[e.From].Name+" "+e.Kind.String()+" "+v.d.Nodes[e.To].Name)
		}
	}
	return out
}

func (v entraView) has(from string, k identity.EdgeKind, to string) bool {
	v.t.Helper()
	f, _ := v.node(from)
	tt, _ := v.node(to)
	for _, e := range v.d.Edges {
		if e.From == f && e.To == tt && e.Kind == k {
			return true
		}
	}
	return false
}

func unix(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.Unix()
}

func readAshcombe(t *testing.T) (*identity.Directory, entra.Summary) {
	t.Helper()
	f, err := os.Open(ashcombeFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := identity.NewBuilder(identity.EntraID)
	sum, err := entra.ReadSummary(b, "entra-ashcombe.json", f)
	if err != nil {
		t.Fatal(err)
	}
	return b.Directory(), sum
}

func TestReadEntraAshcombe(t *testing.T) {
	d, sum := readAshcombe(t)
	v := entraView{t, d}
	const dom = "@ASHCOMBE.GOV.UK"

	if d.Source != identity.EntraID || d.Name != "ASHCOMBE.GOV.UK" {
		t.Errorf("directory %s %q, want entra ASHCOMBE.GOV.UK", d.Source, d.Name)
	}
	want := entra.Summary{TenantID: ashcombeTenant, Domain: "ASHCOMBE.GOV.UK", ExportedAt: unix("2026-11-01T07:30:00Z"),
		Users: 14, Guests: 1, Groups: 5, ServicePrincipals: 3, Applications: 2, Registration: 12, Active: 7, Eligible: 2, Scoped: 1}
	if sum != want {
		t.Errorf("summary\n got %+v\nwant %+v", sum, want)
	}
	if _, n := v.byID(ashcombeTenant); n.Kind != identity.Tenant || n.Name != "Ashcombe Borough Council" {
		t.Errorf("tenant node %+v", n)
	}

	// Who holds Global Administrator: two people, the payroll app, and one
	// who can activate it.
	ga := entra.RoleNodeID(ashcombeTenant, identity.GlobalAdministratorRole)
	gi, gaNode := v.byID(ga)
	if gaNode.Kind != identity.Role || gaNode.Name != "GLOBAL ADMINISTRATOR"+dom || !strings.HasSuffix(gaNode.ID, "-"+strings.ToUpper(identity.GlobalAdministratorRole)) {
		t.Errorf("Global Administrator node %+v", gaNode)
	}
	var holders []string
	for _, e := range d.Edges {
		if e.To == gi {
			holders = append(holders, d.Nodes[e.From].Name+" "+e.Kind.String())
		}
	}
	wantHolders := []string{"ADMIN.JBLOGGS" + dom + " HasRole", "PRIYA.SHAH" + dom + " HasRole",
		"PAYROLL CONNECTOR" + dom + " HasRole", "ADMIN.MOKAFOR" + dom + " HasEligibleRole"}
	if !sameSet(holders, wantHolders) {
		t.Errorf("Global Administrator holders %q, want %q", holders, wantHolders)
	}

	// The attack path: an ordinary user owns the service principal that
	// holds Global Administrator.
	if !v.has("SAM.PATEL"+dom, identity.Owns, "PAYROLL CONNECTOR"+dom) || !v.has("SAM.PATEL"+dom, identity.AddSecret, "PAYROLL CONNECTOR"+dom) {
		t.Errorf("Sam Patel's edges %q, want Owns and AddSecret to the payroll app", v.edges("SAM.PATEL"+dom))
	}
	// Privileged Role Administrator through a role-assignable group.
	pra := entra.RoleNodeID(ashcombeTenant, identity.PrivilegedRoleAdministratorRole)
	if _, n := v.byID(pra); n.Name != "PRIVILEGED ROLE ADMINISTRATOR"+dom {
		t.Errorf("PRA node %+v", n)
	}
	if !v.has("ENTRA ROLE ADMINS"+dom, identity.HasRole, "PRIVILEGED ROLE ADMINISTRATOR"+dom) ||
		!v.has("ADMIN.RKHAN"+dom, identity.MemberOf, "ENTRA ROLE ADMINS"+dom) ||
		!v.has("ADMIN.JBLOGGS"+dom, identity.Owns, "ENTRA ROLE ADMINS"+dom) {
		t.Errorf("role admins group edges %q", v.edges("ENTRA ROLE ADMINS"+dom))
	}
	if !v.has("ADMIN.RKHAN"+dom, identity.HasEligibleRole, "SECURITY ADMINISTRATOR"+dom) {
		t.Errorf("Rachel Khan's edges %q, want eligible Security Administrator", v.edges("ADMIN.RKHAN"+dom))
	}

	// Accounts, as the hygiene checks read them.
	_, priya := v.node("PRIYA.SHAH" + dom)
	if !priya.Is(identity.Enabled|identity.PasswordNeverExpires|identity.Described) || priya.Is(identity.MFARegistered) ||
		priya.OnPremID != "S-1-5-21-1402967551-2846722310-3720541960-1107" || priya.Directory != "ASHCOMBE.GOV.UK" ||
		priya.Mail != "priya.shah@ashcombe.gov.uk" || priya.Kind != identity.User {
		t.Errorf("Priya Shah (Global Administrator without MFA) %+v", priya)
	}
	if _, n := v.node("ADMIN.JBLOGGS" + dom); !n.Is(identity.Enabled|identity.MFARegistered) || n.OnPremID != "" ||
		n.Created != unix("2021-02-15T10:20:00Z") || n.PwdLastSet != unix("2026-06-01T08:00:00Z") || n.LastLogon != unix("2026-10-31T16:02:11Z") {
		t.Errorf("admin.jbloggs %+v", n)
	}
	if _, n := v.node("TOM.HUGHES" + dom); n.Is(identity.Enabled) || !n.Is(identity.Described) {
		t.Errorf("Tom Hughes (left the council) %+v, want disabled", n)
	}
	_, guest := v.node("AMELIA.WRIGHT_NORTHGATE-NHS.UK#EXT#" + dom)
	if !guest.Is(identity.Guest|identity.Enabled|identity.MFARegistered) || guest.Mail != "amelia.wright@northgate-nhs.uk" || guest.PwdLastSet != 0 {
		t.Errorf("guest %+v", guest)
	}
	if _, n := v.node("JO.BLOGGS" + dom); n.Is(identity.Guest) {
		t.Errorf("Jo Bloggs is a member, not a guest: %+v", n)
	}
	// The councillor's account has been sprayed (a failed sign-in last
	// week) but nobody has signed in to it for over a year.
	_, cllr := v.node("CLLR.GFENWICK" + dom)
	if cllr.LastLogon != unix("2025-08-14T19:30:02Z") || sum.ExportedAt-cllr.LastLogon < 365*86400 ||
		!cllr.Is(identity.PasswordNeverExpires) || cllr.Is(identity.MFARegistered) {
		t.Errorf("stale councillor %+v", cllr)
	}
	if _, n := v.node("SVC-SCANNER" + dom); n.LastLogon != unix("2026-10-31T23:58:00Z") || !n.Is(identity.PasswordNeverExpires) {
		t.Errorf("scanner service account %+v", n)
	}
	if _, n := v.node("EMMA.CLARKE" + dom); n.LastLogon != 0 || n.Is(identity.MFARegistered) || !n.Is(identity.Enabled) {
		t.Errorf("new starter who has never signed in %+v", n)
	}

	// Groups: synced ones keep their AD SID; nesting and placeholders.
	if _, n := v.node("IT SERVICE DESK" + dom); n.Kind != identity.Group || !n.Is(identity.Enabled|identity.Described) || n.OnPremID != "S-1-5-21-1402967551-2846722310-3720541960-1201" {
		t.Errorf("IT Service Desk %+v", n)
	}
	if !v.has("IT SERVICE DESK"+dom, identity.MemberOf, "ALL STAFF"+dom) || !v.has("LUCY.EVANS"+dom, identity.Owns, "PARTNER COLLABORATION"+dom) {
		t.Errorf("All Staff edges %q", v.edges("ALL STAFF"+dom))
	}
	if _, n := v.byID("fa2c58cf-2d9e-4b01-b6f7-f4587bd38a84"); n.Is(identity.Described) || n.Kind != identity.User {
		t.Errorf("member not in the export %+v, want a user placeholder", n)
	}
	if _, n := v.byID("0965e9aa-86c7-4967-8880-b74c3708d722"); n.Is(identity.Described) || n.Kind != identity.Computer {
		t.Errorf("device member %+v, want a computer placeholder", n)
	}

	// Service principals and applications.
	if _, n := v.node("ASHCOMBE BACKUP VAULT" + dom); n.Kind != identity.ServicePrincipal || n.Is(identity.Enabled) {
		t.Errorf("disabled managed identity %+v", n)
	}
	if !v.has("HELEN.PRICE"+dom, identity.AddSecret, "ASHCOMBE INTRANET"+dom) {
		t.Errorf("the intranet app registration's owner should reach its service principal: %q", v.edges("HELEN.PRICE"+dom))
	}
	// Helen's User Administrator role is scoped to an administrative unit:
	// counted, not drawn; her tenant-wide Helpdesk role is drawn.
	if got := v.edges("HELEN.PRICE" + dom); !sameSet(got, []string{
		"HELEN.PRICE" + dom + " MemberOf IT SERVICE DESK" + dom,
		"HELEN.PRICE" + dom + " HasRole HELPDESK ADMINISTRATOR" + dom,
		"HELEN.PRICE" + dom + " AddSecret ASHCOMBE INTRANET" + dom,
	}) {
		t.Errorf("Helen Price's edges %q", got)
	}
	if !v.has("LUCY.EVANS"+dom, identity.HasRole, "ASHCOMBE LICENCE MANAGER"+dom) {
		t.Errorf("custom role: %q", v.edges("LUCY.EVANS"+dom))
	}
	if _, n := v.node("ASHCOMBE LICENCE MANAGER" + dom); n.ID != entra.RoleNodeID(ashcombeTenant, "35b20681-7861-4093-974f-8256f49e113b") {
		t.Errorf("custom role node id %s", n.ID)
	}
	checkEdges(t, d)
}

func sameSet(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	seen := map[string]int{}
	for _, s := range got {
		seen[s]++
	}
	for _, s := range want {
		if seen[s]--; seen[s] < 0 {
			return false
		}
	}
	return true
}

// checkEdges fails if an edge points outside the node list.
func checkEdges(t testing.TB, d *identity.Directory) {
	t.Helper()
	for _, e := range d.Edges {
		if e.From < 0 || e.To < 0 || int(e.From) >= len(d.Nodes) || int(e.To) >= len(d.Nodes) {
			t.Fatalf("edge %+v outside %d nodes", e, len(d.Nodes))
		}
	}
}

func TestOpenEntraGzip(t *testing.T) {
	plain, _ := readAshcombe(t)
	raw, err := os.ReadFile(ashcombeFile)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	path := filepath.Join(t.TempDir(), "entra-ashcombe.json.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := entra.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Nodes) != len(plain.Nodes) || len(d.Edges) != len(plain.Edges) || d.Name != plain.Name {
		t.Errorf("gzipped: %d nodes %d edges %q, plain: %d %d %q", len(d.Nodes), len(d.Edges), d.Name, len(plain.Nodes), len(plain.Edges), plain.Name)
	}
	// A gzip file cut short is refused, not read as a smaller tenant.
	cut := filepath.Join(t.TempDir(), "cut.json.gz")
	os.WriteFile(cut, buf.Bytes()[:buf.Len()/2], 0o600)
	if _, err := entra.Open(cut); err == nil {
		t.Error("half a gzip file was read")
	}
}

package entra_test

import (
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader"
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

// entraDoc is a minimal valid export with extra top-level members.
func entraDoc(extra string) string {
	doc := `{"tenant":{"id":"T1","displayName":"Testshire","defaultDomain":"testshire.gov.uk"},"users":[],"roleAssignments":[]`
	if extra != "" {
		doc += "," + extra
	}
	return doc + "}"
}

func readEntraString(s string) (*identity.Directory, entra.Summary, error) {
	b := identity.NewBuilder(identity.EntraID)
	sum, err := entra.ReadSummary(b, "entra.json", strings.NewReader(s))
	if err != nil {
		return nil, sum, err
	}
	return b.Directory(), sum, nil
}

// user writes a valid user object with extra members.
func entraUser(id, extra string) string {
	u := `{"id":"` + id + `","userPrincipalName":"` + id + `@testshire.gov.uk","accountEnabled":true`
	if extra != "" {
		u += "," + extra
	}
	return u + "}"
}

func TestReadEntraForms(t *testing.T) {
	// What PowerShell and other tools do to an export on its way to ward:
	// dates in three forms, a byte-order mark, gzip, the tenant written
	// last, OData annotations, no role definitions.
	doc := `{"@odata.context":"x","users":[` +
		entraUser("u1", `"createdDateTime":"/Date(1709284502000)/","lastPasswordChangeDateTime":"2024-03-01T09:15:02.1234567Z",`+
			`"signInActivity":{"lastSignInDateTime":"2024-03-01T09:15:02","lastNonInteractiveSignInDateTime":"2024-03-01T10:15:02+01:00","lastSuccessfulSignInDateTime":null}`) + `,` +
		entraUser("u2", `"createdDateTime":"0001-01-01T00:00:00Z","lastPasswordChangeDateTime":"/Date(-62135596800000)/","signInActivity":null,"registration":null`) +
		`],"roleAssignments":[{"principalId":"u1","roleDefinitionId":"E8611AB8-C189-46E8-94E1-60213AB1F814"},` +
		`{"principalId":"u2","roleDefinitionId":"11111111-2222-3333-4444-555555555555","directoryScopeId":"/"}],` +
		`"tenant":{"id":"T1","defaultDomain":"testshire.gov.uk"}}`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(append([]byte{0xEF, 0xBB, 0xBF}, doc...))
	zw.Close()
	for name, in := range map[string]string{"plain": doc, "bom+gzip": gz.String()} {
		b := identity.NewBuilder(identity.EntraID)
		if err := entra.Read(b, "entra.json", strings.NewReader(in)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d := b.Directory()
		v := entraView{t, d}
		_, u1 := v.node("U1@TESTSHIRE.GOV.UK")
		at := unix("2024-03-01T09:15:02Z")
		if u1.Created != 1709284502 || u1.PwdLastSet != at || u1.LastLogon != at {
			t.Errorf("%s: u1 times %d %d %d, want %d %d %d", name, u1.Created, u1.PwdLastSet, u1.LastLogon, 1709284502, at, at)
		}
		if _, u2 := v.node("U2@TESTSHIRE.GOV.UK"); u2.Created != 0 || u2.PwdLastSet != 0 || u2.LastLogon != 0 {
			t.Errorf("%s: \"never\" read as %+v", name, u2)
		}
		if !v.has("U1@TESTSHIRE.GOV.UK", identity.HasRole, "PRIVILEGED ROLE ADMINISTRATOR@TESTSHIRE.GOV.UK") {
			t.Errorf("%s: built-in role named from the table: %q", name, v.edges("U1@TESTSHIRE.GOV.UK"))
		}
		if !v.has("U2@TESTSHIRE.GOV.UK", identity.HasRole, "11111111-2222-3333-4444-555555555555@TESTSHIRE.GOV.UK") {
			t.Errorf("%s: unknown role named by its id: %q", name, v.edges("U2@TESTSHIRE.GOV.UK"))
		}
		if d.Name != "TESTSHIRE.GOV.UK" {
			t.Errorf("%s: directory %q", name, d.Name)
		}
	}
	// Without a default domain the tenant id names the directory.
	d, _, err := readEntraString(`{"tenant":{"id":"t9"},"users":[],"roleAssignments":[]}`)
	if err != nil || d.Name != "T9" {
		t.Errorf("no default domain: %v, %q", err, d.Name)
	}
}

func TestReadEntraRefuses(t *testing.T) {
	users := func(us ...string) string { return `"users":[` + strings.Join(us, ",") + `]` }
	noUsers := func(rest string) string {
		return `{"tenant":{"id":"T1","defaultDomain":"testshire.gov.uk"},"roleAssignments":[]` + rest + `}`
	}
	for _, c := range []struct {
		name, in, path, reason string
	}{
		{"bad bool", noUsers("," + users(entraUser("a", ""), entraUser("b", ""), entraUser("c", ""), `{"id":"d","userPrincipalName":"d@x","accountEnabled":"yes"}`)),
			"$.users[3].accountEnabled", "want true or false, not a string"},
		{"no accountEnabled", noUsers("," + users(`{"id":"a","userPrincipalName":"a@x"}`)), "$.users[0].accountEnabled", "add accountEnabled to the users query's $select"},
		{"no user id", noUsers("," + users(`{"userPrincipalName":"a@x","accountEnabled":true}`)), "$.users[0].id", "missing"},
		{"no upn", noUsers("," + users(`{"id":"a","accountEnabled":true}`)), "$.users[0].userPrincipalName", "missing"},
		{"user not an object", noUsers("," + users(`"a"`)), "$.users[0]", "want an object, not a string"},
		{"bad date", noUsers("," + users(entraUser("a", `"createdDateTime":"yesterday"`))), "$.users[0].createdDateTime", `want a date and time such as 2026-03-01T09:15:02Z, not "yesterday"`},
		{"31 February", noUsers("," + users(entraUser("a", `"lastPasswordChangeDateTime":"2026-02-31T10:00:00Z"`))), "$.users[0].lastPasswordChangeDateTime", "not \"2026-02-31T10:00:00Z\""},
		{"date as number", noUsers("," + users(entraUser("a", `"signInActivity":{"lastSuccessfulSignInDateTime":1709284502}`))), "$.users[0].signInActivity.lastSuccessfulSignInDateTime", "not a number"},
		{"mfa as string", noUsers("," + users(entraUser("a", `"registration":{"isMfaRegistered":"true"}`))), "$.users[0].registration.isMfaRegistered", "want true or false"},
		{"methods not strings", noUsers("," + users(entraUser("a", `"registration":{"methodsRegistered":[1]}`))), "$.users[0].registration.methodsRegistered[0]", "want a string, not a number"},
		{"same user twice", noUsers("," + users(entraUser("a", ""), entraUser("A", ""))), "$.users[1].id", "described twice"},
		{"repeated member", noUsers("," + users(`{"id":"a","id":"b","userPrincipalName":"a@x","accountEnabled":true}`)), "$.users[0].id", "appears twice in one object"},
		{"no principal", entraDoc(`"roleEligibilitySchedules":[{"roleDefinitionId":"r"},{"roleDefinitionId":"r"}]`), "$.roleEligibilitySchedules[0].principalId", "missing"},
		{"no role", `{"tenant":{"id":"T1"},"users":[],"roleAssignments":[{"principalId":"p"}]}`, "$.roleAssignments[0].roleDefinitionId", "missing"},
		{"members not array", entraDoc(`"groups":[{"id":"g","members":{}}]`), "$.groups[0].members", "want an array, not an object"},
		{"member without id", entraDoc(`"groups":[{"id":"g","members":[{"id":"a"},{"@odata.type":"#microsoft.graph.user"}]}]`), "$.groups[0].members[1].id", "missing"},
		{"member id a number", entraDoc(`"groups":[{"id":"g","owners":[{"id":7}]}]`), "$.groups[0].owners[0].id", "want a string, not a number"},
		{"odata type a number", entraDoc(`"groups":[{"id":"g","members":[{"id":"a","@odata.type":1}]}]`), `$.groups[0].members[0]["@odata.type"]`, "want a string"},
		{"no group id", entraDoc(`"groups":[{"displayName":"g"}]`), "$.groups[0].id", "missing"},
		{"sp enabled missing", entraDoc(`"servicePrincipals":[{"id":"s"}]`), "$.servicePrincipals[0].accountEnabled", "want true or false"},
		{"app without appId", entraDoc(`"applications":[{"id":"x"}]`), "$.applications[0].appId", "missing"},
		{"definition without id", entraDoc(`"roleDefinitions":[{"displayName":"x"}]`), "$.roleDefinitions[0].id", "missing"},
		{"bad exportedAt", entraDoc(`"exportedAt":"1 Nov 2026"`), "$.exportedAt", "want a date and time"},
		{"no tenant", `{"users":[],"roleAssignments":[]}`, "$.tenant", "missing"},
		{"no tenant id", `{"tenant":{"displayName":"x"},"users":[],"roleAssignments":[]}`, "$.tenant.id", "missing"},
		{"no users", `{"tenant":{"id":"t"},"roleAssignments":[]}`, "$.users", "missing"},
		{"no role assignments", `{"tenant":{"id":"t"},"users":[]}`, "$.roleAssignments", "missing"},
		{"users null", `{"tenant":{"id":"t"},"users":null,"roleAssignments":[]}`, "$.users", "want an array, not null"},
		{"users an object", `{"tenant":{"id":"t"},"users":{},"roleAssignments":[]}`, "$.users", "want an array, not an object"},
		{"misspelt member", entraDoc(`"user":[]`), "$.user", "ward does not know this member"},
		{"members twice", entraDoc(`"groups":[],"groups":[]`), "$.groups", "appears twice"},
		{"not an object", `[{"tenant":{}}]`, "$", "want an object, not an array"},
		{"empty", ``, "", "the file is empty"},
		{"cut short", `{"tenant":{"id":"t"},"users":[{"id":"a",`, "$.users[0]", "cut short"},
		{"trailing", entraDoc("") + `{}`, "$", "more JSON after"},
		{"not JSON", `{"tenant":{"id":"t"},}`, "$", "not valid JSON"},
		{"bad UTF-8", noUsers("," + users(entraUser("a", "\"displayName\":\"\xff\""))), "$.users[0].displayName", "not valid JSON"},
		{"UTF-16", "\xff\xfe{\x00}\x00", "", "UTF-16"},
		{"bad gzip", "\x1f\x8b\x00\x00", "", "gzip"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := readEntraString(c.in)
			var pe *reader.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a ParseError", err)
			}
			if pe.File != "entra.json" || pe.Path != c.path || !strings.Contains(pe.Reason, c.reason) {
				t.Errorf("got  %s\nwant entra.json: %s: …%s…", err, c.path, c.reason)
			}
		})
	}
	// The message as an admin reads it.
	_, _, err := readEntraString(`{"tenant":{"id":"t"},"roleAssignments":[],"users":[` +
		entraUser("a", "") + "," + entraUser("b", "") + "," + entraUser("c", "") +
		`,{"id":"d","userPrincipalName":"d@x","accountEnabled":"yes"}]}`)
	if want := "entra.json: $.users[3].accountEnabled: want true or false, not a string"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %s", err, want)
	}
}

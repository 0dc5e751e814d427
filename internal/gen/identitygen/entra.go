package identitygen

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/entra"
)

// EntraSpec describes a synthetic tenant for Entra to write.
type EntraSpec struct {
	Seed              uint64
	TenantName        string // "Example Borough Council" when empty
	Domain            string // "example.gov.uk" when empty
	Users             int    // member accounts, the admin accounts among them
	Guests            int
	Groups            int
	ServicePrincipals int
	// ExportedAt is when the export claims to be taken, which sign-in
	// times are counted back from; a fixed default keeps the output the
	// same from run to run.
	ExportedAt time.Time
}

// Entra writes a synthetic tenant as docs/entra-json.md describes,
// for demonstrations and benchmarks. The same spec writes the same bytes.
// It looks like a council's tenant: most accounts synced from AD, a
// handful of admin accounts holding roles (a few of them without MFA, one
// Global Administrator eligible through PIM, Privileged Role Administrator
// through a role-assignable group), some stale and disabled accounts,
// guests from partners, and service principals owned by ordinary users.
// Each object is written as it is made, so a large tenant costs little
// memory.
func Entra(w io.Writer, spec EntraSpec) error {
	if spec.Users < 0 || spec.Guests < 0 || spec.Groups < 0 || spec.ServicePrincipals < 0 {
		return errors.New("generate entra: counts cannot be negative")
	}
	g := newEntraGen(spec)
	enc := jsontext.NewEncoder(w)
	name := func(s string) error { return enc.WriteToken(jsontext.String(s)) }
	value := func(v any) error { return json.MarshalEncode(enc, v) }
	list := func(n int, each func(i int) any) error {
		if err := enc.WriteToken(jsontext.BeginArray); err != nil {
			return err
		}
		for i := range n {
			if err := value(each(i)); err != nil {
				return err
			}
		}
		return enc.WriteToken(jsontext.EndArray)
	}
	assignments, eligible := g.grants()
	err := errors.Join(
		enc.WriteToken(jsontext.BeginObject),
		name("tenant"), value(entra.Tenant{ID: g.tenantID, DisplayName: g.spec.TenantName, DefaultDomain: g.spec.Domain}),
		name("exportedAt"), value(entra.Time(g.now)),
		name("users"), list(spec.Users+spec.Guests, func(i int) any { return g.user(i) }),
		name("groups"), list(spec.Groups, func(i int) any { return g.group(i) }),
		name("servicePrincipals"), list(spec.ServicePrincipals, func(i int) any { return g.servicePrincipal(i) }),
		name("applications"), list((spec.ServicePrincipals+1)/2, func(i int) any { return g.application(2 * i) }),
		name("roleDefinitions"), value(g.definitions()),
		name("roleAssignments"), value(assignments),
		name("roleEligibilitySchedules"), value(eligible),
		enc.WriteToken(jsontext.EndObject),
	)
	if err != nil {
		return fmt.Errorf("generate entra: %w", err)
	}
	return nil
}

// entraSeat is one role held by an admin account: admin account k holds
// seat k.
type entraSeat struct {
	role     string // template id
	eligible bool
}

type entraGen struct {
	spec     EntraSpec
	now      int64
	tenantID string
	sid      string // the AD domain's SID prefix, for synced accounts
	seats    []entraSeat
	seated   int // seats with an admin account: all of them unless the tenant is tiny
	admins   int // users 0..admins-1 are admin accounts
	praUser  int // the admin who holds Privileged Role Administrator, or -1
}

// The id spaces of generated objects, so each object's id and facts come
// from its own random stream and can be made in any order.
const (
	egUser uint64 = iota + 1
	egGroup
	egSP
	egApp
	egAssignment
	egFacts = 0x100
)

func newEntraGen(spec EntraSpec) *entraGen {
	if spec.TenantName == "" {
		spec.TenantName = "Example Borough Council"
	}
	if spec.Domain == "" {
		spec.Domain = "example.gov.uk"
	}
	if spec.ExportedAt.IsZero() {
		spec.ExportedAt = time.Date(2026, 11, 1, 7, 0, 0, 0, time.UTC)
	}
	g := &entraGen{spec: spec, now: spec.ExportedAt.Unix(), praUser: -1}
	g.tenantID = g.id(0, 0)
	r := g.rng(0, 1)
	g.sid = fmt.Sprintf("S-1-5-21-%d-%d-%d-", 1e9+r.IntN(3e9), 1e9+r.IntN(3e9), 1e9+r.IntN(3e9))
	g.seats = entraRoster(spec.Users)
	g.seated = min(len(g.seats), spec.Users)
	g.admins = g.seated
	if spec.Users > len(g.seats) {
		g.praUser = len(g.seats) // one more admin account, in the role-assignable group
		g.admins++
	}
	return g
}

// entraRoster is who holds which role in a council of this many staff: a
// few Global Administrators (one only eligible), and the service roles
// growing with the tenant.
func entraRoster(users int) []entraSeat {
	var seats []entraSeat
	add := func(template string, n int, eligible bool) {
		for range n {
			seats = append(seats, entraSeat{template, eligible})
		}
	}
	add(identity.GlobalAdministratorRole, min(2+users/5000, 5), false)
	add(identity.GlobalAdministratorRole, 1, true)
	add("194ae4cb-b126-40b2-bd5b-6091b380977d", 1, false) // Security Administrator
	add(entraExchangeAdmin, 1+users/3000, false)
	add("f28a1f50-f6e7-4571-818b-6a12f2af6b6c", 1, false)
	add(entraUserAdmin, 1+users/2000, false)
	add(entraHelpdesk, min(2+users/500, 20), false)
	add("3a2c62db-5318-420d-8d74-23affee5d9d5", 1, false)
	add("7be44c8a-adaf-4e2a-84d6-ab2649e08a13", 1, true)
	add("f2ef992c-3afb-46b9-b7cf-a126ee74c451", 1, false)
	return seats
}

func (g *entraGen) rng(space, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.spec.Seed^space*0x9E3779B97F4A7C15, i))
}

// id is a version-4 GUID drawn from the object's own stream.
func (g *entraGen) id(space uint64, i int) string {
	r := g.rng(space, uint64(i))
	a, b := r.Uint64(), r.Uint64()
	a = a&^0xF000 | 0x4000
	b = b&^(0xC<<60) | 0x8<<60
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, a>>16&0xFFFF, a&0xFFFF, b>>48, b&0xFFFFFFFFFFFF)
}

func (g *entraGen) userID(i int) string { return g.id(egUser, i) }

// ordinary picks an everyday (non-admin) member account.
func (g *entraGen) ordinary(r *rand.Rand) int {
	if g.spec.Users > g.admins {
		return g.admins + r.IntN(g.spec.Users-g.admins)
	}
	return r.IntN(g.spec.Users)
}

func (g *entraGen) daysAgo(r *rand.Rand, lo, hi int) entra.Time {
	return entra.Time(g.now - int64(lo+r.IntN(hi-lo+1))*86400 - r.Int64N(86400))
}

// grants lists the role assignments: the admin seats, Privileged Role
// Administrator through group 0, two automation apps, and one Helpdesk
// Administrator scoped to an administrative unit.
func (g *entraGen) grants() (active, eligible []entra.RoleAssignment) {
	active, eligible = []entra.RoleAssignment{}, []entra.RoleAssignment{}
	n := 0
	grant := func(principal, role string, scope string, isEligible bool) {
		a := entra.RoleAssignment{ID: g.id(egAssignment, n), PrincipalID: principal, RoleDefinitionID: role, DirectoryScopeID: &scope}
		n++
		if isEligible {
			eligible = append(eligible, a)
		} else {
			active = append(active, a)
		}
	}
	for k, s := range g.seats[:g.seated] {
		grant(g.userID(k), s.role, "/", s.eligible)
	}
	if g.praUser >= 0 {
		principal := g.userID(g.praUser)
		if g.spec.Groups > 0 {
			principal = g.id(egGroup, 0)
		}
		grant(principal, identity.PrivilegedRoleAdministratorRole, "/", false)
	}
	if g.spec.Users > g.admins {
		grant(g.userID(g.admins+(g.spec.Users-g.admins)/2), entraHelpdesk, "/administrativeUnits/"+g.id(egAssignment|egFacts, 0), false)
	}
	if g.spec.ServicePrincipals > 0 {
		grant(g.id(egSP, 0), entraUserAdmin, "/", false)
	}
	if g.spec.ServicePrincipals > 1 {
		grant(g.id(egSP, 1), entraExchangeAdmin, "/", false)
	}
	return active, eligible
}

// definitions lists the built-in roles the generated grants use.
func (g *entraGen) definitions() []entra.RoleDefinition {
	roles := []string{identity.PrivilegedRoleAdministratorRole, entraHelpdesk, entraUserAdmin, entraExchangeAdmin}
	for _, s := range g.seats {
		roles = append(roles, s.role)
	}
	seen := map[string]bool{}
	defs := []entra.RoleDefinition{}
	for _, id := range roles {
		if !seen[id] {
			seen[id] = true
			defs = append(defs, entra.RoleDefinition{ID: id, TemplateID: id, DisplayName: entra.BuiltinRoleName(id), IsBuiltIn: new(true)})
		}
	}
	return defs
}

// Template ids the generator uses more than once.
const (
	entraHelpdesk      = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
	entraUserAdmin     = "fe930be7-5e62-47db-91af-98c3a49a38b1"
	entraExchangeAdmin = "29232cdf-9323-42fd-ade2-1d097af3e4de"
)

// Names for generated objects: made up, and plain enough to read in a demo.
var (
	entraFirst = []string{"alex", "amira", "ben", "carys", "dan", "efua", "fiona", "gareth", "hannah", "imran",
		"jo", "kasia", "liam", "megan", "nadia", "owen", "priya", "rhys", "sara", "tom", "usha", "wes", "yusuf", "zoe"}
	entraLast = []string{"ahmed", "baker", "clarke", "davies", "evans", "fraser", "green", "hughes", "iqbal", "jones",
		"khan", "lewis", "morgan", "nowak", "okafor", "patel", "quinn", "roberts", "shah", "taylor", "usman", "walsh"}
	entraPartners    = []string{"northgate-nhs.uk", "vale-cvs.org.uk", "county-fire.gov.uk", "shared-audit.co.uk"}
	entraDepartments = []string{"Finance", "Housing", "Planning", "Revenues and Benefits", "Waste Services",
		"Adult Social Care", "Children's Services", "Legal", "Democratic Services", "IT Service Desk",
		"Libraries", "Environmental Health", "Licensing", "HR", "Parks"}
	entraGroupKinds = []string{"Staff", "Managers", "Shared Drive", "Project Team"}
	entraApps       = []string{"HR Provisioning", "Mail Archiver", "Payroll Connector", "Planning Portal",
		"Council Tax Gateway", "Library System", "Intranet", "Backup Agent", "Housing Repairs", "Parking Permits"}
)

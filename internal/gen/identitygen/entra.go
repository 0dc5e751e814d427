package identitygen

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
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

func (g *entraGen) user(i int) entra.User {
	r := g.rng(egUser|egFacts, uint64(i))
	guest := i >= g.spec.Users
	admin := i < g.admins
	first, last := entraFirst[i%len(entraFirst)], entraLast[i/len(entraFirst)%len(entraLast)]
	local := first + "." + last
	if n := i / (len(entraFirst) * len(entraLast)); n > 0 {
		local += strconv.Itoa(n + 1)
	}
	u := entra.User{
		ID: g.userID(i), UserType: "Member",
		DisplayName:     strings.ToUpper(first[:1]) + first[1:] + " " + strings.ToUpper(last[:1]) + last[1:],
		CreatedDateTime: g.daysAgo(r, 30, 3000), LastPasswordChangeDateTime: g.daysAgo(r, 1, 400),
	}
	enabled := admin || r.Float64() >= 0.04
	u.AccountEnabled = &enabled
	switch {
	case guest:
		partner := entraPartners[i%len(entraPartners)]
		u.UserPrincipalName = local + "_" + partner + "#EXT#@" + g.spec.Domain
		u.Mail, u.UserType = local+"@"+partner, "Guest"
		u.LastPasswordChangeDateTime = 0
	case admin:
		u.UserPrincipalName = "adm." + local + "@" + g.spec.Domain
		u.DisplayName += " (admin)"
	default:
		u.UserPrincipalName = local + "@" + g.spec.Domain
		if r.Float64() < 0.8 {
			u.OnPremisesSecurityIdentifier = g.sid + strconv.Itoa(1100+i)
			u.OnPremisesSyncEnabled = new(true)
		}
		if r.Float64() < 0.05 {
			u.PasswordPolicies = "DisablePasswordExpiration"
			u.LastPasswordChangeDateTime = g.daysAgo(r, 400, 2500)
		}
	}
	if u.Mail == "" {
		u.Mail = u.UserPrincipalName
	}
	switch p := r.Float64(); {
	case !admin && p < 0.02: // never signed in
	case !enabled, !admin && p < 0.10: // stale: gone quiet over a year ago
		u.SignInActivity = g.signIn(g.daysAgo(r, 366, 900))
	default:
		u.SignInActivity = g.signIn(entra.Time(g.now - r.Int64N(30*86400)))
	}
	// Graph's registration report leaves out disabled users.
	if enabled {
		p := 0.9
		switch {
		case admin:
			p = 0.85
		case guest:
			p = 0.5
		}
		mfa := r.Float64() < p
		reg := &entra.Registration{IsMfaRegistered: &mfa, MethodsRegistered: []string{}}
		switch {
		case mfa && admin:
			reg.MethodsRegistered = []string{"fido2", "microsoftAuthenticatorPush"}
		case mfa:
			reg.MethodsRegistered = []string{"microsoftAuthenticatorPush", "softwareOneTimePasscode"}
		case r.Float64() < 0.5:
			reg.MethodsRegistered = []string{"email"}
		}
		u.Registration = reg
	}
	return u
}

func (g *entraGen) signIn(t entra.Time) *entra.SignIn {
	return &entra.SignIn{LastSignInDateTime: t, LastNonInteractiveSignInDateTime: t, LastSuccessfulSignInDateTime: t}
}

func (g *entraGen) ref(space uint64, i int, odataType string) entra.Ref {
	return entra.Ref{ID: g.id(space, i), Type: "#microsoft.graph." + odataType}
}

func (g *entraGen) group(i int) entra.Group {
	r := g.rng(egGroup|egFacts, uint64(i))
	gr := entra.Group{ID: g.id(egGroup, i), SecurityEnabled: new(true), IsAssignableToRole: new(false),
		CreatedDateTime: g.daysAgo(r, 30, 3000), Members: []entra.Ref{}, Owners: []entra.Ref{}}
	if i == 0 && g.praUser >= 0 {
		// The role-assignable group that holds Privileged Role
		// Administrator, owned by the first Global Administrator.
		gr.DisplayName, gr.IsAssignableToRole = "Entra Role Admins", new(true)
		gr.Members = append(gr.Members, g.ref(egUser, g.praUser, "user"))
		gr.Owners = append(gr.Owners, g.ref(egUser, 0, "user"))
		return gr
	}
	gr.DisplayName = entraDepartments[i%len(entraDepartments)] + " " + entraGroupKinds[i/len(entraDepartments)%len(entraGroupKinds)]
	if n := i / (len(entraDepartments) * len(entraGroupKinds)); n > 0 {
		gr.DisplayName += " " + strconv.Itoa(n+1)
	}
	if r.Float64() < 0.7 {
		gr.OnPremisesSecurityIdentifier = g.sid + strconv.Itoa(5000+i)
	}
	if g.spec.Users > 0 {
		seen := map[int]bool{}
		for range 3 + r.IntN(min(g.spec.Users, 40)) {
			if u := g.ordinary(r); !seen[u] {
				seen[u] = true
				gr.Members = append(gr.Members, g.ref(egUser, u, "user"))
			}
		}
		if r.Float64() < 0.4 {
			gr.Owners = append(gr.Owners, g.ref(egUser, g.ordinary(r), "user"))
		}
	}
	if i > 1 && r.Float64() < 0.1 {
		gr.Members = append(gr.Members, g.ref(egGroup, 1+r.IntN(i-1), "group"))
	}
	if g.spec.Guests > 0 && r.Float64() < 0.1 {
		gr.Members = append(gr.Members, g.ref(egUser, g.spec.Users+r.IntN(g.spec.Guests), "user"))
	}
	return gr
}

func (g *entraGen) servicePrincipal(i int) entra.ServicePrincipal {
	r := g.rng(egSP|egFacts, uint64(i))
	sp := entra.ServicePrincipal{ID: g.id(egSP, i), AppID: g.id(egApp, i), ServicePrincipalType: "Application",
		DisplayName: entraApps[i%len(entraApps)], AccountEnabled: new(r.Float64() >= 0.05), Owners: []entra.Ref{}}
	if n := i / len(entraApps); n > 0 {
		sp.DisplayName += " " + strconv.Itoa(n+1)
	}
	if i%7 == 6 {
		sp.ServicePrincipalType = "ManagedIdentity"
		return sp
	}
	// The first app (HR provisioning, holding User Administrator) is
	// always owned by an ordinary user: the path the demo shows.
	if g.spec.Users > 0 && (i == 0 || r.Float64() < 0.4) {
		sp.Owners = append(sp.Owners, g.ref(egUser, g.ordinary(r), "user"))
	}
	return sp
}

// application is the app registration of service principal i.
func (g *entraGen) application(i int) entra.Application {
	r := g.rng(egApp|egFacts, uint64(i))
	app := entra.Application{ID: g.id(egApp|egFacts, i), AppID: g.id(egApp, i), DisplayName: entraApps[i%len(entraApps)], Owners: []entra.Ref{}}
	if g.spec.Users > 0 && r.Float64() < 0.3 {
		app.Owners = append(app.Owners, g.ref(egUser, g.ordinary(r), "user"))
	}
	return app
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

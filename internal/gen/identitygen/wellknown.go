package identitygen

import "github.com/ward-shared-service/ward/internal/identity"

// The well-known groups every domain has, in the order the generator
// writes them: the built-in groups first (SharpHound names them
// "DOMAIN-S-1-5-32-RID" and puts them in no container), then the domain's
// own groups (domain SID and RID, in the Users container).
const (
	gwAdministrators = iota
	gwUsers
	gwGuests
	gwAccountOps
	gwServerOps
	gwPrintOps
	gwBackupOps
	gwPreWin2000
	gwRDPUsers
	gwDCOMUsers
	gwRemoteMgmt
	gwBuiltinCount
)

const (
	gwERODC = gwBuiltinCount + iota
	gwDomainAdmins
	gwDomainUsers
	gwDomainGuests
	gwDomainComputers
	gwDomainControllers
	gwCertPublishers
	gwSchemaAdmins
	gwEnterpriseAdmins
	gwGPOCreators
	gwRODCs
	gwProtectedUsers
	gwKeyAdmins
	gwEnterpriseKeyAdmins
	gwRASServers
	gwAllowedRODC
	gwDeniedRODC
	gwCount
)

type genWK struct {
	rid       int
	name      string
	desc      string
	protected bool // adminCount: AdminSDHolder stamps its ACL
}

var genWellKnown = [gwCount]genWK{
	gwAdministrators: {544, "ADMINISTRATORS", "Administrators have complete and unrestricted access to the computer/domain", true},
	gwUsers:          {545, "USERS", "Users are prevented from making accidental or intentional system-wide changes and can run most applications", false},
	gwGuests:         {546, "GUESTS", "Guests have the same access as members of the Users group by default, except for the Guest account which is further restricted", false},
	gwAccountOps:     {548, "ACCOUNT OPERATORS", "Members can administer domain user and group accounts", true},
	gwServerOps:      {549, "SERVER OPERATORS", "Members can administer domain servers", true},
	gwPrintOps:       {550, "PRINT OPERATORS", "Members can administer printers installed on domain controllers", true},
	gwBackupOps:      {551, "BACKUP OPERATORS", "Backup Operators can override security restrictions for the sole purpose of backing up or restoring files", true},
	gwPreWin2000:     {554, "PRE-WINDOWS 2000 COMPATIBLE ACCESS", "A backward compatibility group which allows read access on all users and groups in the domain", false},
	gwRDPUsers:       {555, "REMOTE DESKTOP USERS", "Members in this group are granted the right to logon remotely", false},
	gwDCOMUsers:      {562, "DISTRIBUTED COM USERS", "Members are allowed to launch, activate and use Distributed COM objects on this machine.", false},
	gwRemoteMgmt:     {580, "REMOTE MANAGEMENT USERS", "Members of this group can access WMI resources over management protocols", false},

	gwERODC:               {498, "ENTERPRISE READ-ONLY DOMAIN CONTROLLERS", "Members of this group are Read-Only Domain Controllers in the enterprise", false},
	gwDomainAdmins:        {512, "DOMAIN ADMINS", "Designated administrators of the domain", true},
	gwDomainUsers:         {513, "DOMAIN USERS", "All domain users", false},
	gwDomainGuests:        {514, "DOMAIN GUESTS", "All domain guests", false},
	gwDomainComputers:     {515, "DOMAIN COMPUTERS", "All workstations and servers joined to the domain", false},
	gwDomainControllers:   {516, "DOMAIN CONTROLLERS", "All domain controllers in the domain", true},
	gwCertPublishers:      {517, "CERT PUBLISHERS", "Members of this group are permitted to publish certificates to the directory", false},
	gwSchemaAdmins:        {518, "SCHEMA ADMINS", "Designated administrators of the schema", true},
	gwEnterpriseAdmins:    {519, "ENTERPRISE ADMINS", "Designated administrators of the enterprise", true},
	gwGPOCreators:         {520, "GROUP POLICY CREATOR OWNERS", "Members in this group can modify group policy for the domain", false},
	gwRODCs:               {521, "READ-ONLY DOMAIN CONTROLLERS", "Members of this group are Read-Only Domain Controllers in the domain", true},
	gwProtectedUsers:      {525, "PROTECTED USERS", "Members of this group are afforded additional protections against authentication security threats", false},
	gwKeyAdmins:           {526, "KEY ADMINS", "Members of this group can perform administrative actions on key objects within the domain.", true},
	gwEnterpriseKeyAdmins: {527, "ENTERPRISE KEY ADMINS", "Members of this group can perform administrative actions on key objects within the forest.", true},
	gwRASServers:          {553, "RAS AND IAS SERVERS", "Servers in this group can access remote access properties of users", false},
	gwAllowedRODC:         {571, "ALLOWED RODC PASSWORD REPLICATION GROUP", "Members in this group can have their passwords replicated to all read-only domain controllers in the domain", false},
	gwDeniedRODC:          {572, "DENIED RODC PASSWORD REPLICATION GROUP", "Members in this group cannot have their passwords replicated to any read-only domain controllers in the domain", false},
}

// The built-in accounts, users 0–2.
var genWKUsers = [3]struct {
	rid  int
	name string
	desc string
}{
	{500, "ADMINISTRATOR", "Built-in account for administering the computer/domain"},
	{501, "GUEST", "Built-in account for guest access to the computer/domain"},
	{502, "KRBTGT", "Key Distribution Center Service Account"},
}

// genRef names a principal or container by kind and index into the
// generator's ranges. genEDC stands for Enterprise Domain Controllers
// (S-1-5-9), which SharpHound refers to but never describes.
type genRef struct {
	kind identity.Kind
	i    int32
}

var genEDC = genRef{identity.UnknownKind, 9}

func gw(i int32) genRef { return genRef{identity.Group, i} }

// genACE is one ACE: who holds which right, and whether it came down from a
// parent (which is how SharpHound marks most default ACEs).
type genACE struct {
	p     genRef
	right identity.EdgeKind
	inh   bool
}

// genProtected is the ACL AdminSDHolder stamps on protected accounts and
// groups (and the one on built-in objects), entries on the object itself
// left out.
var genProtected = []genACE{
	{gw(gwDomainAdmins), identity.Owns, false}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwDomainAdmins), identity.GenericWrite, false}, {gw(gwEnterpriseAdmins), identity.WriteDacl, false}, {gw(gwEnterpriseAdmins), identity.WriteOwner, false},
	{gw(gwEnterpriseAdmins), identity.GenericWrite, false}, {gw(gwAdministrators), identity.WriteDacl, false}, {gw(gwAdministrators), identity.WriteOwner, false},
	{gw(gwAdministrators), identity.GenericWrite, false}, {gw(gwAdministrators), identity.AllExtendedRights, false},
}

// The default ACEs ordinary objects inherit, most common first: how many of
// them an object gets is what the generator turns to meet the edge budget.
// Owns is not among them: every object has exactly one owner, written
// separately.
var genFillUser = []genACE{
	{gw(gwDomainAdmins), identity.GenericAll, false}, {gw(gwEnterpriseAdmins), identity.GenericAll, true}, {gw(gwAccountOps), identity.GenericAll, false},
	{gw(gwAdministrators), identity.WriteDacl, true}, {gw(gwAdministrators), identity.WriteOwner, true}, {gw(gwAdministrators), identity.AllExtendedRights, true},
	{gw(gwAdministrators), identity.GenericWrite, true}, {gw(gwKeyAdmins), identity.AddKeyCredentialLink, true}, {gw(gwEnterpriseKeyAdmins), identity.AddKeyCredentialLink, true},
	{gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false}, {gw(gwDomainAdmins), identity.AllExtendedRights, false},
	{gw(gwEnterpriseAdmins), identity.WriteDacl, true}, {gw(gwEnterpriseAdmins), identity.WriteOwner, true}, {gw(gwDomainAdmins), identity.GenericWrite, false},
	{gw(gwEnterpriseAdmins), identity.GenericWrite, true},
}

var genFillGroup = []genACE{
	{gw(gwDomainAdmins), identity.GenericAll, false}, {gw(gwEnterpriseAdmins), identity.GenericAll, true}, {gw(gwAccountOps), identity.GenericAll, false},
	{gw(gwAdministrators), identity.WriteDacl, true}, {gw(gwAdministrators), identity.WriteOwner, true}, {gw(gwAdministrators), identity.GenericWrite, true},
	{gw(gwAdministrators), identity.AllExtendedRights, true}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwDomainAdmins), identity.AllExtendedRights, false}, {gw(gwEnterpriseAdmins), identity.WriteDacl, true}, {gw(gwEnterpriseAdmins), identity.WriteOwner, true},
	{gw(gwDomainAdmins), identity.GenericWrite, false}, {gw(gwEnterpriseAdmins), identity.GenericWrite, true}, {gw(gwEnterpriseAdmins), identity.AllExtendedRights, true},
	{gw(gwAccountOps), identity.WriteDacl, false},
}

// Domain controllers, OUs, containers and GPOs carry fixed ACLs like the
// ones in SharpHound's own test collection.
var genDCACEs = []genACE{
	{gw(gwDomainAdmins), identity.Owns, false}, {gw(gwDomainAdmins), identity.GenericAll, false}, {gw(gwEnterpriseAdmins), identity.GenericAll, true},
	{gw(gwAdministrators), identity.WriteDacl, true}, {gw(gwAdministrators), identity.WriteOwner, true}, {gw(gwAdministrators), identity.AllExtendedRights, true},
	{gw(gwAdministrators), identity.GenericWrite, true},
}

var genOUACEs = []genACE{
	{gw(gwDomainAdmins), identity.Owns, false}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwEnterpriseAdmins), identity.GenericAll, true}, {gw(gwAdministrators), identity.WriteDacl, true}, {gw(gwAdministrators), identity.WriteOwner, true},
}

var genContainerACEs = []genACE{
	{gw(gwDomainAdmins), identity.Owns, false}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwEnterpriseAdmins), identity.GenericAll, true}, {gw(gwDomainAdmins), identity.GenericAll, true},
}

var genGPOACEs = []genACE{
	{gw(gwDomainAdmins), identity.Owns, false}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwDomainAdmins), identity.GenericWrite, false}, {gw(gwEnterpriseAdmins), identity.WriteDacl, false}, {gw(gwEnterpriseAdmins), identity.WriteOwner, false},
	{gw(gwEnterpriseAdmins), identity.GenericWrite, false},
}

// genDomainACEs include the replication rights: domain controllers and
// Administrators hold both halves of DCSync, as in every domain.
var genDomainACEs = []genACE{
	{gw(gwAdministrators), identity.Owns, false}, {gw(gwAdministrators), identity.WriteDacl, false}, {gw(gwAdministrators), identity.WriteOwner, false},
	{gw(gwAdministrators), identity.AllExtendedRights, false}, {gw(gwDomainAdmins), identity.WriteDacl, false}, {gw(gwDomainAdmins), identity.WriteOwner, false},
	{gw(gwDomainAdmins), identity.AllExtendedRights, false}, {gw(gwEnterpriseAdmins), identity.GenericAll, false},
	{genEDC, identity.GetChanges, false}, {gw(gwAdministrators), identity.GetChanges, false}, {gw(gwAdministrators), identity.GetChangesAll, false},
	{gw(gwERODC), identity.GetChanges, false}, {gw(gwDomainControllers), identity.GetChangesAll, false},
}

// Package identity is the model of councils' directories: it joins what
// the readers (internal/reader/sharphound for Active Directory,
// internal/reader/entra for Entra ID) build into one graph of who can take
// control of what, works out every path from an ordinary account to Tier
// Zero, and checks the accounts' hygiene. Pure logic: no SQL, no HTTP.
package identity

import (
	"strings"
)

// Source is the kind of directory a snapshot came from.
type Source string

const (
	ActiveDirectory Source = "ad"
	EntraID         Source = "entra"
)

// Kind is what a node is.
type Kind uint8

const (
	UnknownKind Kind = iota // referred to but not described by the export
	User
	Computer
	Group
	Domain
	OU
	GPO
	Container
	ServicePrincipal // Entra
	Role             // an Entra directory role
	Tenant           // an Entra tenant
	kindCount
)

var kindNames = [kindCount]string{"unknown", "user", "computer", "group", "domain", "ou", "gpo", "container", "service-principal", "role", "tenant"}

func (k Kind) String() string {
	if k < kindCount {
		return kindNames[k]
	}
	return "unknown"
}

// ParseKind reads a kind by its name.
func ParseKind(s string) (Kind, bool) {
	for i, n := range kindNames {
		if strings.EqualFold(s, n) {
			return Kind(i), true
		}
	}
	return UnknownKind, false
}

// IsAccount says whether one can sign in as a node of this kind: the
// principals whose paths to Tier Zero are counted.
func (k Kind) IsAccount() bool { return k == User || k == Computer || k == ServicePrincipal }

// NumKinds and NumEdgeKinds say how many kinds of node and of edge there
// are, for tables indexed by kind.
const (
	NumKinds     = int(kindCount)
	NumEdgeKinds = int(edgeKindCount)
)

// Flag is a yes/no fact about a node.
type Flag uint32

const (
	Enabled    Flag = 1 << iota
	Sensitive       // "account is sensitive and cannot be delegated"
	AdminCount      // adminCount=1: was once protected by AdminSDHolder
	HasSPN          // has a service principal name: kerberoastable if a user
	PasswordNeverExpires
	PasswordNotRequired
	NoPreauth               // Kerberos pre-authentication not required: AS-REP roastable
	UnconstrainedDelegation // trusted for delegation to any service
	TrustedToAuth           // protocol transition
	DomainController
	MFARegistered // Entra: at least one strong method registered
	Described     // the export described the node; otherwise it was only referred to
	Guest         // Entra: a guest (B2B) user
	Cloud         // from an Entra export (set when directories are combined)
)

// Has says whether every flag in f2 is set.
func (f Flag) Has(f2 Flag) bool { return f&f2 == f2 }

// Node is one object of a directory. Times are Unix seconds; zero means the
// export did not say (SharpHound writes -1 or 0 for "never", which the
// readers turn into zero).
type Node struct {
	ID        string `json:"id"`   // SID, GUID or Entra object id; unique within a graph
	Name      string `json:"name"` // as the directory shows it, e.g. ADMIN@TESTLAB.LOCAL
	Kind      Kind   `json:"-"`
	Flags     Flag   `json:"-"`
	Directory string `json:"directory"`      // AD domain or Entra tenant the node belongs to
	Mail      string `json:"mail,omitempty"` // user principal name or e-mail address, to match people
	// OnPremID is an Entra user's on-premises SID: the AD account it is synced from.
	OnPremID   string `json:"on_prem_id,omitempty"`
	OS         string `json:"os,omitempty"`
	LastLogon  int64  `json:"last_logon,omitempty"`
	PwdLastSet int64  `json:"pwd_last_set,omitempty"`
	Created    int64  `json:"created,omitempty"`
}

// Is says whether the node has every flag in f.
func (n *Node) Is(f Flag) bool { return n.Flags.Has(f) }

// EdgeKind is a relation from one node to another: the From node (or whoever
// controls it) can act on, or become, the To node.
type EdgeKind uint8

const (
	MemberOf EdgeKind = iota
	AdminTo
	HasSession // computer → user signed in on it: whoever controls the computer can take the user's credentials
	GenericAll
	GenericWrite
	WriteDacl
	WriteOwner
	Owns
	AddMember
	AddSelf
	ForceChangePassword
	AllExtendedRights
	GetChanges    // half of DCSync; never traversed on its own
	GetChangesAll // the other half
	DCSync        // derived: both replication rights on a domain
	AllowedToDelegate
	AllowedToAct
	AddAllowedToAct
	AddKeyCredentialLink
	WriteSPN
	ReadLAPSPassword
	ReadGMSAPassword
	HasSIDHistory
	SQLAdmin
	Contains // container or OU → child: control of the parent is control of what inherits from it
	GPLink   // GPO → container, OU or domain it applies to
	CanRDP   // recorded, not traversed: remote desktop alone gives no control
	CanPSRemote
	ExecuteDCOM
	HasRole         // Entra: active directory-role assignment
	HasEligibleRole // Entra: eligible (PIM) assignment, which its holder can activate
	SyncedTo        // AD user → the Entra user synced from it
	AddSecret       // Entra: owner of an application or service principal can add a credential to it
	edgeKindCount
)

var edgeNames = [edgeKindCount]string{
	"MemberOf", "AdminTo", "HasSession", "GenericAll", "GenericWrite", "WriteDacl", "WriteOwner", "Owns",
	"AddMember", "AddSelf", "ForceChangePassword", "AllExtendedRights", "GetChanges", "GetChangesAll", "DCSync",
	"AllowedToDelegate", "AllowedToAct", "AddAllowedToAct", "AddKeyCredentialLink", "WriteSPN",
	"ReadLAPSPassword", "ReadGMSAPassword", "HasSIDHistory", "SQLAdmin", "Contains", "GPLink",
	"CanRDP", "CanPSRemote", "ExecuteDCOM", "HasRole", "HasEligibleRole", "SyncedTo", "AddSecret",
}

func (k EdgeKind) String() string {
	if k < edgeKindCount {
		return edgeNames[k]
	}
	return "Unknown"
}

// ParseEdgeKind reads an edge kind by its name, as SharpHound writes rights.
func ParseEdgeKind(s string) (EdgeKind, bool) {
	for i, n := range edgeNames {
		if s == n {
			return EdgeKind(i), true
		}
	}
	return 0, false
}

// Traversable says whether an attacker holding the From node can use the
// edge to gain control of the To node. Remote desktop and the like are kept
// for the record but give no control by themselves; the two halves of
// DCSync count only together, as the derived DCSync edge.
func (k EdgeKind) Traversable() bool {
	switch k {
	case CanRDP, CanPSRemote, ExecuteDCOM, GetChanges, GetChangesAll:
		return false
	}
	return k < edgeKindCount
}

// Edge is one relation, by node index.
type Edge struct {
	From, To int32
	Kind     EdgeKind
}

// Directory is one import: the nodes and edges one export describes, before
// it is joined with the org's other directories. Node indexes in Edges
// point into Nodes.
type Directory struct {
	Source Source `json:"source"`
	Name   string `json:"name"` // the AD domain or Entra tenant
	Nodes  []Node `json:"-"`
	Edges  []Edge `json:"-"`
}

package identity

// edgePhrases say what each right means, in words for the pages: "X
// <phrase> Y" reads true for an edge from X to Y. The kind's own name
// (HasSession) stays for analysts, beside the phrase.
var edgePhrases = [edgeKindCount]string{
	MemberOf:             "is a member of",
	AdminTo:              "is an administrator of",
	HasSession:           "has a signed-in session of",
	GenericAll:           "has full control of",
	GenericWrite:         "can change the attributes of",
	WriteDacl:            "can change the permissions of",
	WriteOwner:           "can take ownership of",
	Owns:                 "owns",
	AddMember:            "can add members to",
	AddSelf:              "can add itself to",
	ForceChangePassword:  "can reset the password of",
	AllExtendedRights:    "has every extended right on",
	GetChanges:           "can replicate changes from",
	GetChangesAll:        "can replicate secrets from",
	DCSync:               "can copy every password from",
	AllowedToDelegate:    "is trusted to delegate to",
	AllowedToAct:         "can act for users on",
	AddAllowedToAct:      "can let others act for users on",
	AddKeyCredentialLink: "can add a sign-in key to",
	WriteSPN:             "can set a service name on",
	ReadLAPSPassword:     "can read the local administrator password of",
	ReadGMSAPassword:     "can read the managed service password of",
	HasSIDHistory:        "carries the old identity of",
	SQLAdmin:             "is a SQL Server administrator of",
	Contains:             "contains",
	GPLink:               "applies as group policy to",
	CanRDP:               "can use remote desktop on",
	CanPSRemote:          "can run PowerShell remotely on",
	ExecuteDCOM:          "can run code through DCOM on",
	HasRole:              "holds the directory role",
	HasEligibleRole:      "may activate the directory role",
	SyncedTo:             "is synced to",
	AddSecret:            "can add a credential to",
}

// Phrase says in words what the right lets its holder do to its target.
func (k EdgeKind) Phrase() string {
	if k < edgeKindCount {
		return edgePhrases[k]
	}
	return "has an unknown right on"
}

// EdgePhrase is Phrase for a kind known by its name, as the services pass
// edges to the pages; a name ward does not know is returned as it is.
func EdgePhrase(name string) string {
	if k, ok := ParseEdgeKind(name); ok {
		return k.Phrase()
	}
	return name
}

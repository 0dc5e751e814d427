package identity

import "strings"

// Well-known relative ids and built-in SIDs that matter to Tier Zero. The
// list is ours, from Microsoft's published table of well-known security
// identifiers.
var (
	// domainRIDs are groups within each domain, by the last part of the SID.
	domainRIDs = map[string]string{
		"500": "ADMINISTRATOR", "501": "GUEST", "502": "KRBTGT",
		"512": "DOMAIN ADMINS", "513": "DOMAIN USERS", "514": "DOMAIN GUESTS", "515": "DOMAIN COMPUTERS",
		"516": "DOMAIN CONTROLLERS", "517": "CERT PUBLISHERS", "518": "SCHEMA ADMINS", "519": "ENTERPRISE ADMINS",
		"520": "GROUP POLICY CREATOR OWNERS", "521": "READ-ONLY DOMAIN CONTROLLERS", "522": "CLONEABLE DOMAIN CONTROLLERS",
		"525": "PROTECTED USERS", "526": "KEY ADMINS", "527": "ENTERPRISE KEY ADMINS",
		"553": "RAS AND IAS SERVERS",
	}
	// builtinSIDs are the same in every domain; SharpHound prefixes them
	// with the domain name ("TESTLAB.LOCAL-S-1-5-32-544").
	builtinSIDs = map[string]string{
		"S-1-1-0": "EVERYONE", "S-1-5-11": "AUTHENTICATED USERS", "S-1-5-9": "ENTERPRISE DOMAIN CONTROLLERS",
		"S-1-5-10": "PRINCIPAL SELF", "S-1-5-18": "LOCAL SYSTEM", "S-1-3-0": "CREATOR OWNER",
		"S-1-5-32-544": "ADMINISTRATORS", "S-1-5-32-545": "USERS", "S-1-5-32-546": "GUESTS",
		"S-1-5-32-548": "ACCOUNT OPERATORS", "S-1-5-32-549": "SERVER OPERATORS", "S-1-5-32-550": "PRINT OPERATORS",
		"S-1-5-32-551": "BACKUP OPERATORS", "S-1-5-32-554": "PRE-WINDOWS 2000 COMPATIBLE ACCESS",
		"S-1-5-32-555": "REMOTE DESKTOP USERS", "S-1-5-32-562": "DISTRIBUTED COM USERS", "S-1-5-32-580": "REMOTE MANAGEMENT USERS",
	}
	tierZeroRIDs     = map[string]bool{"512": true, "516": true, "518": true, "519": true, "526": true, "527": true}
	tierZeroBuiltins = map[string]bool{"S-1-5-32-544": true, "S-1-5-32-548": true, "S-1-5-32-549": true, "S-1-5-32-550": true, "S-1-5-32-551": true, "S-1-5-9": true}
)

// Entra role template ids of the roles that are Tier Zero by themselves.
const (
	GlobalAdministratorRole         = "62e90394-69f5-4237-9190-012177145e10"
	PrivilegedRoleAdministratorRole = "e8611ab8-c189-46e8-94e1-60213ab1f814"
)

// splitSID separates SharpHound's "DOMAIN-S-1-…" form into the domain and
// the SID; a plain SID has no domain.
func splitSID(id string) (domain, sid string) {
	if i := strings.Index(id, "-S-1-"); i > 0 {
		return id[:i], id[i+1:]
	}
	return "", id
}

// rid is the last part of a domain SID (S-1-5-21-a-b-c-RID).
func rid(sid string) string {
	if !strings.HasPrefix(sid, "S-1-5-21-") {
		return ""
	}
	return sid[strings.LastIndexByte(sid, '-')+1:]
}

// RID returns the relative id of a domain SID, or "".
func RID(id string) string { _, sid := splitSID(id); return rid(sid) }

// WellKnownName names a well-known SID ("ACCOUNT OPERATORS@TESTLAB.LOCAL"),
// or returns the id itself when it is not one.
func WellKnownName(id string) string {
	domain, sid := splitSID(id)
	name, ok := builtinSIDs[sid]
	if !ok {
		name, ok = domainRIDs[rid(sid)]
	}
	if !ok {
		return id
	}
	if domain != "" {
		return name + "@" + domain
	}
	return name
}

// wellKnownTierZero says whether an id is one of the groups that are Tier
// Zero wherever they appear.
func wellKnownTierZero(id string) bool {
	_, sid := splitSID(id)
	return tierZeroBuiltins[sid] || tierZeroRIDs[rid(sid)]
}

// isProtectedUsers says whether an id is a domain's Protected Users group.
func isProtectedUsers(id string) bool { return RID(id) == "525" }

// IsKrbtgt says whether an id is a domain's Kerberos ticket-granting account.
func IsKrbtgt(id string) bool { return RID(id) == "502" }

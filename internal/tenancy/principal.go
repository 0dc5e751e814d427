package tenancy

// Principal is whoever is acting: a signed-in user, an API token, or the
// operator at the command line. Every change is checked against its role and
// scope and recorded in the audit log under its Actor.
type Principal struct {
	Actor  string // as written to the audit log, e.g. "user:ann@ashcombe.example"
	UserID int64  // 0 for tokens and the command line
	OrgID  int64  // the org the principal belongs to (0 for the command line)
	Role   Role
	Scope  Scope
	IP     string
}

// Can reports whether the principal's role holds the permission.
func (p Principal) Can(perm Permission) bool { return p.Role.Can(perm) }

// Operator is the person at the command line: they hold the database, so
// they act as an administrator over every org.
func Operator(actor string) Principal { return System(JobOperator, actor) }

// Hook is an org's own system calling a signed webhook (the phone system),
// once its signature has been checked: it acts for that org alone, and its
// role grants nothing a person could use.
func Hook(name string, orgID int64) Principal {
	return Principal{Actor: "hook:" + name, OrgID: orgID, Scope: ScopeOf(orgID)}
}

// System is the principal a named system job acts as: an administrator over
// every org, recorded in the audit log under actor.
func System(job SystemJob, actor string) Principal {
	return Principal{Actor: actor, Role: RoleAdmin, Scope: ForSystem(job)}
}

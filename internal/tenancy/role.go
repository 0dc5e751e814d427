// Package tenancy says who may see what: the kinds of org, the roles a user
// can hold, and the scope (set of orgs) every read of tenant data runs inside.
package tenancy

import (
	"fmt"
	"strings"
)

// Role is what a user or API token may do. Roles are deliberately coarse and
// least-privilege: a role grants a fixed set of permissions, and the scope
// decides which orgs those permissions apply to.
type Role string

const (
	RoleAdmin     Role = "admin"     // the shared service's administrators
	RoleAgent     Role = "agent"     // service desk
	RoleAnalyst   Role = "analyst"   // security analysts
	RoleOfficer   Role = "officer"   // a council's IT officer: read and raise in their own council
	RoleMember    Role = "member"    // a user of a WARP member org
	RoleCommittee Role = "committee" // reads the joint committee's reports
)

// Roles lists every role in the order pages and help text show them.
var Roles = []Role{RoleAdmin, RoleAgent, RoleAnalyst, RoleOfficer, RoleMember, RoleCommittee}

// ParseRole accepts a role name as typed on the command line or in a form.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Roles {
		if r == known {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q (want one of %s)", s, joinRoles())
}

func joinRoles() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// Label is the role's name as a person reads it.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Administrator"
	case RoleAgent:
		return "Service desk agent"
	case RoleAnalyst:
		return "Security analyst"
	case RoleOfficer:
		return "IT officer"
	case RoleMember:
		return "WARP member"
	case RoleCommittee:
		return "Committee member"
	}
	return string(r)
}

// RequiresTOTP reports whether the role must use two-factor sign-in: the
// roles that act on every council's data cannot sign in on a password alone.
func (r Role) RequiresTOTP() bool {
	return r == RoleAdmin || r == RoleAgent || r == RoleAnalyst
}

// SeesAllOrgs reports whether the role's scope is every org, whatever the
// user's own org and grants say. Only administrators: agents and analysts
// see the orgs they are granted.
func (r Role) SeesAllOrgs() bool { return r == RoleAdmin }

// AllowedInOrgKind reports whether a user of this role may belong to an org
// of the given kind, so that, say, a partner charity cannot hold an admin.
func (r Role) AllowedInOrgKind(k OrgKind) bool {
	switch r {
	case RoleAdmin, RoleAgent, RoleAnalyst:
		return k == KindSharedService
	case RoleOfficer:
		return k == KindCouncil
	case RoleMember:
		return true
	case RoleCommittee:
		return k == KindCouncil || k == KindSharedService
	}
	return false
}

// MayHoldGrants reports whether a user of this role may be granted orgs beyond
// their own: only the shared service's staff work across councils.
func (r Role) MayHoldGrants() bool {
	return r == RoleAgent || r == RoleAnalyst || r == RoleCommittee
}

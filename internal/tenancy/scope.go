package tenancy

import (
	"errors"
	"slices"
)

// ErrUnscoped is returned by the store when asked for tenant data without a
// scope: forgetting the scope must fail loudly, never return everything.
var ErrUnscoped = errors.New("tenant data read without a scope")

// Scope is the set of orgs a caller may see. The zero Scope is invalid on
// purpose, so an uninitialised scope cannot be mistaken for "everything".
type Scope struct {
	orgs  []int64
	all   bool
	valid bool
}

// ScopeOf is a scope of exactly the given orgs (possibly none at all).
func ScopeOf(orgIDs ...int64) Scope {
	ids := slices.Clone(orgIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return Scope{orgs: ids, valid: true}
}

// allOrgs is every org. Outside this package it is reached only through a
// role that sees every org (RoleScope) or a named system job (ForSystem), so
// that no caller widens its own scope by accident.
func allOrgs() Scope { return Scope{all: true, valid: true} }

// RoleScope is a caller's scope: every org for a role that sees all of them,
// otherwise the caller's own org and the orgs granted to them.
func RoleScope(role Role, ownOrg int64, granted []int64) Scope {
	if role.SeesAllOrgs() {
		return allOrgs()
	}
	return ScopeOf(append([]int64{ownOrg}, granted...)...)
}

// Valid is false for the zero Scope.
func (s Scope) Valid() bool { return s.valid }

// All reports whether the scope covers every org.
func (s Scope) All() bool { return s.valid && s.all }

// OrgIDs lists the orgs of a limited scope (nil when All).
func (s Scope) OrgIDs() []int64 { return slices.Clone(s.orgs) }

// Allows reports whether the scope covers the org.
func (s Scope) Allows(orgID int64) bool {
	if !s.valid {
		return false
	}
	if s.all {
		return true
	}
	_, found := slices.BinarySearch(s.orgs, orgID)
	return found
}

// Narrow limits the scope to one org, or to nothing if the org is outside it.
func (s Scope) Narrow(orgID int64) Scope {
	if s.Allows(orgID) {
		return ScopeOf(orgID)
	}
	return ScopeOf()
}

package store

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// scopeFilter returns the SQL condition and arguments that limit a query on
// column to the scope's orgs. An invalid (zero) scope is refused outright;
// an empty scope matches nothing.
func scopeFilter(scope tenancy.Scope, column string) (string, []any, error) {
	if !scope.Valid() {
		return "", nil, tenancy.ErrUnscoped
	}
	if scope.All() {
		return "1=1", nil, nil
	}
	ids := scope.OrgIDs()
	if len(ids) == 0 {
		return "1=0", nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return column + " IN (" + strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",") + ")", args, nil
}

// orgInScope refuses work on one org outside the caller's scope: ErrUnscoped
// without a scope, and ErrNotFound for another org's data, which a caller
// must not be able to tell apart from data that does not exist.
func orgInScope(scope tenancy.Scope, orgID int64) error {
	if !scope.Valid() {
		return tenancy.ErrUnscoped
	}
	if !scope.Allows(orgID) {
		return ErrNotFound
	}
	return nil
}

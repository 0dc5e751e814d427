package isolation_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// searchTargets expands the search page and the search API into a search
// for every org's newest reference, whole: a reference is unique across
// ward, so it is the most exact question anyone can ask of another org's
// data. The searches are walked as records of no org (a search answers
// 200 whatever it finds); checkSearch judges what each one found.
func searchTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	if path != "/search" && path != "/api/v1/search" {
		return nil, false
	}
	out := map[string]int64{path: 0}
	for _, f := range facts {
		out[path+"?q="+url.QueryEscape(f.refs[0])] = 0
	}
	return out, true
}

// searchedOrg is the org whose reference a walked search asks for, or 0.
func searchedOrg(path string, facts map[int64]*orgFacts) int64 {
	_, q, ok := strings.Cut(path, "search?q=")
	if !ok {
		return 0
	}
	ref, _ := url.QueryUnescape(q)
	for id, f := range facts {
		if f.refs[0] == ref {
			return id
		}
	}
	return 0
}

// checkSearch fails a search by another org's exact reference that finds
// it (leaks catches its title; this catches the reference itself), and a
// search by an org's own reference, in scope and of a role that reads
// tickets, that does not.
func checkSearch(t *testing.T, where, path, body string, status int, role tenancy.Role, scope tenancy.Scope, facts map[int64]*orgFacts) {
	t.Helper()
	owner := searchedOrg(path, facts)
	if owner == 0 {
		return
	}
	ref := facts[owner].refs[0]
	found := strings.Contains(body, "/tickets/"+ref)
	switch {
	case !scope.Allows(owner) && found:
		t.Errorf("%s: found another org's ticket %s", where, ref)
	case scope.Allows(owner) && (role.Can(tenancy.RaiseTickets) || role.Can(tenancy.WorkTickets)) && (status != 200 || !found):
		t.Errorf("%s: %d, does not find the ticket %s in its own scope", where, status, ref)
	}
}

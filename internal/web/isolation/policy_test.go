package isolation_test

import (
	"strings"
)

// policyTargets expands a route naming a policy document with each org's
// slug and the demo's Acceptable Use Statement, which every council has:
// another org's document is not found.
func policyTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	if !strings.Contains(path, "{doc}") {
		return nil, false
	}
	out := map[string]int64{}
	for id, f := range facts {
		out[strings.NewReplacer("{slug}", f.org.Slug, "{doc}", "acceptable-use").Replace(path)] = id
	}
	return out, true
}

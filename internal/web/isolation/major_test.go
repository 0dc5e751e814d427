package isolation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// collectMajors notes each org's major incidents (the demo's past payroll
// outage is Ashcombe's, affecting Brentmere too), for the walk to open
// as everyone.
func collectMajors(t *testing.T, st *store.Store, facts map[int64]*orgFacts) {
	page, err := st.MajorIncidents(context.Background(), tenancy.ForSystem(tenancy.JobTest), store.MajorFilter{PerPage: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range page.Incidents {
		if f := facts[m.OrgID]; f != nil {
			f.majorIDs = append(f.majorIDs, m.ID)
		}
	}
}

// majorTargets expands the routes of one major incident with each org's
// own, by number: another org's is not found.
func majorTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	if !strings.Contains(path, "/major/{id}") && !strings.Contains(path, "/major-incidents/{id}") {
		return nil, false
	}
	out := map[string]int64{}
	for id, f := range facts {
		for _, mid := range f.majorIDs {
			out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", fmt.Sprint(mid)).Replace(path)] = id
		}
	}
	return out, len(out) > 0
}

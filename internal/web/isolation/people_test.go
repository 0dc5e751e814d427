package isolation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// collectPeople notes one person of each org (the first its HR file or
// desk recorded), for the walk to open and change as everyone.
func collectPeople(t *testing.T, st *store.Store, facts map[int64]*orgFacts) {
	for id, f := range facts {
		all, err := st.OrgPeople(context.Background(), tenancy.ScopeOf(id), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) > 0 {
			f.personID = all[0].ID
		}
	}
}

// peopleTargets expands the routes of one person with each org's own: a
// person of another org is not found.
func peopleTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	if !strings.Contains(path, "/people/{id}") && !strings.HasPrefix(path, "/people/{slug}/{id}") {
		return nil, false
	}
	out := map[string]int64{}
	for id, f := range facts {
		if f.personID != 0 {
			out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", fmt.Sprint(f.personID)).Replace(path)] = id
		}
	}
	return out, len(out) > 0
}

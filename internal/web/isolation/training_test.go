package isolation_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// trainingFacts are an org's course codes and two of its people, whose
// training pages the walk opens as everyone.
type trainingFacts struct {
	courses []string
	people  []int64
}

// collectTraining notes each org's courses (the demo's councils have four)
// and two of its people.
func collectTraining(t *testing.T, st *store.Store, facts map[int64]*orgFacts) {
	ctx := context.Background()
	all := tenancy.ForSystem(tenancy.JobTest)
	for id, f := range facts {
		courses, err := st.Courses(ctx, all, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range courses {
			f.training.courses = append(f.training.courses, c.Code)
		}
		ps, err := st.People(ctx, all.Narrow(id))
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(ps) && i < 2; i++ {
			f.training.people = append(f.training.people, ps[i].ID)
		}
	}
}

// trainingTargets expands a course's or a person's training routes with
// each org's own.
func trainingTargets(path string, facts map[int64]*orgFacts) (map[string]int64, bool) {
	if !strings.Contains(path, "/training") || (!strings.Contains(path, "{code}") && !strings.Contains(path, "{id}")) {
		return nil, false
	}
	out := map[string]int64{}
	for id, f := range facts {
		if strings.Contains(path, "{code}") {
			for _, code := range f.training.courses {
				out[strings.NewReplacer("{slug}", f.org.Slug, "{code}", code).Replace(path)] = id
			}
			continue
		}
		for _, pid := range f.training.people {
			out[strings.NewReplacer("{slug}", f.org.Slug, "{id}", fmt.Sprint(pid)).Replace(path)] = id
		}
	}
	return out, len(out) > 0
}

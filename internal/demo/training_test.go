package demo_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/service/trainingsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// checkDemoTraining: each council has its courses and years of history,
// most people current and some overdue, with their findings open.
func checkDemoTraining(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := trainingsvc.New(s, posturesvc.New(s, desksvc.New(s)))
	op := tenancy.Operator("cli:test")
	councils, err := svc.Councils(ctx, op)
	if err != nil || len(councils) != 3 {
		t.Fatalf("councils %d, %v", len(councils), err)
	}
	for _, st := range councils {
		if len(st.Courses) != 4 || st.Total.InScope == 0 {
			t.Errorf("%s: %d courses, %d in scope", st.Org, len(st.Courses), st.Total.InScope)
			continue
		}
		if st.Total.Current == 0 || st.Total.Current == st.Total.InScope {
			t.Errorf("%s: %d of %d current; want most but not all", st.Org, st.Total.Current, st.Total.InScope)
		}
		h, err := svc.Trend(ctx, op, st.OrgID, 26)
		if err != nil || len(h) != 26 {
			t.Errorf("%s trend: %v", st.Org, err)
		}
		late, err := svc.Overdue(ctx, op, st.OrgID)
		if err != nil || len(late) == 0 {
			t.Errorf("%s: nobody overdue (%v)", st.Org, err)
		}
	}
}

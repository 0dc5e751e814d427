package demo_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// checkDemoMajor: the demo has one past major incident, resolved with its
// two children and reviewed, and one maintenance window ahead on a public
// status page.
func checkDemoMajor(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	all := tenancy.ForSystem(tenancy.JobTest)
	page, err := s.MajorIncidents(ctx, all, store.MajorFilter{})
	if err != nil || len(page.Incidents) != 1 {
		t.Fatalf("demo major incidents: %d, %v", len(page.Incidents), err)
	}
	m := page.Incidents[0]
	children, _ := s.MajorChildren(ctx, all, m.ID)
	review, err := s.MajorReview(ctx, all, m.ID)
	if m.State != major.Resolved || len(m.Impacts) != 2 || len(children) != 2 || err != nil || len(review.Actions) != 2 {
		t.Errorf("demo major incident %+v, %d children, review %+v %v", m, len(children), review, err)
	}
	for _, c := range children {
		if !c.State.Done() {
			t.Errorf("demo child %s is %s", c.Ref, c.State)
		}
	}
	windows, _, err := s.MaintenanceWindows(ctx, all, store.MaintenanceFilter{EndAfter: s.Now()})
	if err != nil || len(windows) != 1 {
		t.Errorf("demo maintenance ahead: %d, %v", len(windows), err)
	}
	brm, _ := s.OrgBySlug(ctx, all, "brentmere")
	if st, _ := s.MajorSettings(ctx, all, brm.ID); !st.StatusPublic {
		t.Error("Brentmere's demo status page is not public")
	}
}

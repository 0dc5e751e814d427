package demo_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/auth"
	"github.com/ward-shared-service/ward/internal/demo"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestDemoPhishingExercises: each council has its phishing exercise,
// Ashcombe two so its teams show a trend, with everyone sent, some
// clicking, some reporting, and the clickers enrolled in the follow-up.
func TestDemoPhishingExercises(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svcs := app.New(s, app.Options{PasswordParams: auth.FastParams})
		if _, err := demo.Seed(ctx, s, demo.Options{PasswordParams: auth.FastParams, Services: svcs}); err != nil {
			t.Fatal(err)
		}
		analyst := tenancy.System(tenancy.JobTest, "test")
		councils, err := svcs.Phishing.Councils(ctx, analyst)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, c := range councils {
			if c.Org.Kind != tenancy.KindCouncil {
				continue
			}
			list, err := svcs.Phishing.Campaigns(ctx, analyst, c.Org.ID)
			if err != nil {
				t.Fatal(err)
			}
			seen[c.Org.Slug] = len(list)
			f := c.Campaign.Funnel
			if f.Sent < 5 || f.Clicked == 0 || f.Reported == 0 || f.Clicked >= f.Opened || f.Opened >= f.Sent || f.Unmatched != 1 {
				t.Errorf("%s's latest exercise: %+v", c.Org.Slug, f)
			}
			v, err := svcs.Phishing.Campaign(ctx, analyst, c.Campaign.ID)
			if err != nil || v.Enrolled != f.Clicked || v.EnrolCourse == "" {
				t.Errorf("%s enrolled %d of %d clickers in %q: %v", c.Org.Slug, v.Enrolled, f.Clicked, v.EnrolCourse, err)
			}
		}
		if seen["ashcombe"] != 2 || seen["brentmere"] != 1 || seen["calderwick"] != 1 {
			t.Errorf("campaigns per council: %v", seen)
		}
	})
}

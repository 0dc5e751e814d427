package demo_test

import (
	"context"
	"testing"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// checkDemoWarp checks each demo WARP user sees what the markings allow:
// the RED advisory only its named reader, the AMBER+STRICT one only
// Brentmere and Calderwick, and Brentmere's sightings anonymously. The
// seed test calls it, so the slow seed runs once.
func checkDemoWarp(t *testing.T, s *store.Store) {
	t.Helper()
	{
		ctx := context.Background()
		svc := warpsvc.New(s, desksvc.New(s))
		for email, want := range map[string]int{"warp@ashcombe.example": 4, "warp@brentmere.example": 4, "warp@calderwick.example": 4,
			"warp@nthames-nhs.example": 3, "warp@calderwick-cva.example": 3, "analyst@abc-shared.example": 4} {
			u, err := s.UserByEmail(ctx, tenancy.ForSystem(tenancy.JobTest), email)
			if err != nil {
				t.Fatal(err)
			}
			scope, _ := s.ScopeFor(ctx, u.Role, u.OrgID, u.ID)
			p := tenancy.Principal{Actor: "user:" + email, UserID: u.ID, OrgID: u.OrgID, Role: u.Role, Scope: scope}
			list, err := svc.Advisories(ctx, p, warpsvc.AdvisoryQuery{})
			if err != nil || len(list) != want {
				t.Errorf("%s sees %d advisories (%v), want %d", email, len(list), err, want)
			}
			if email == "warp@ashcombe.example" {
				gs, _ := svc.Sightings(ctx, p, warpsvc.SightingQuery{})
				if len(gs) == 0 || gs[0].SeenBy != "a member" {
					t.Errorf("Ashcombe should see Brentmere's demo sightings anonymously: %+v", gs)
				}
			}
		}
	}
}

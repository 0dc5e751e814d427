package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// checkDemoPeople: every council has a few hundred people of every kind
// from its HR file, a manager tree, leavers and ended contracts, and most
// people carry an address of the council's directory.
func checkDemoPeople(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	for _, slug := range []string{"ashcombe", "brentmere", "calderwick"} {
		org, err := s.OrgBySlug(ctx, tenancy.ForSystem(tenancy.JobTest), slug)
		if err != nil {
			t.Fatal(err)
		}
		all, err := s.OrgPeople(ctx, tenancy.ScopeOf(org.ID), org.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]int{}
		var managed, left, ended, directory, hr int
		for _, p := range all {
			kinds[p.Kind]++
			if p.ManagerID != 0 {
				managed++
			}
			if p.LeftOn != "" {
				left++
			}
			if p.EndOn != "" && p.LeftOn == "" && p.EndOn < s.Now().Format("2006-01-02") {
				ended++
			}
			if strings.HasSuffix(p.Email, ".gov.uk") {
				directory++
			}
			if p.HRID != "" {
				hr++
			}
		}
		if kinds["staff"] < 200 || kinds["councillor"] < 30 || kinds["contractor"] < 15 || kinds["consultant"] < 5 {
			t.Errorf("%s people by kind: %v", slug, kinds)
		}
		if managed < 200 || left < 5 || ended < 2 || directory < hr*3/4 {
			t.Errorf("%s: %d managed, %d left, %d contracts ended, %d of %d from HR with a directory address", slug, managed, left, ended, directory, hr)
		}
	}
}

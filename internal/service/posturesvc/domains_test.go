package posturesvc_test

import (
	"slices"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestAnOrgsDomainsAreReadOnlyInScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashcombe", Name: "Ashcombe Council", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		svc := posturesvc.New(s, desksvc.New(s))
		if _, err := svc.SetDomains(ctx, analyst, org.ID, []string{"Ashcombe.gov.uk", "@ashcombe.example"}); err != nil {
			t.Fatal(err)
		}
		got, err := svc.Domains(ctx, analyst, org.ID)
		if want := []string{"ashcombe.example", "ashcombe.gov.uk"}; err != nil || !slices.Equal(got, want) {
			t.Errorf("domains %v, %v; want %v", got, err, want)
		}
		other := tenancy.Principal{Actor: "user:officer@brentmere.example", Role: tenancy.RoleOfficer, OrgID: org.ID + 1, Scope: tenancy.ScopeOf(org.ID + 1)}
		if _, err := svc.Domains(ctx, other, org.ID); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("another council's officer read Ashcombe's domains: %v", err)
		}
	})
}

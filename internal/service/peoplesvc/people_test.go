package peoplesvc_test

import (
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A form names every mistake at once; a manager must be a person of the
// same org, and nobody manages themself or anyone above them.
func TestAddAndEditNameEveryMistake(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash, brent := council(t, s, "ashcombe"), council(t, s, "brentmere")
		svc := peoplesvc.New(s)
		officer := roleOf(tenancy.RoleOfficer, ash.ID)
		boss, err := svc.Add(ctx, officer, store.Person{OrgID: ash.ID, Name: "Ada", Kind: "staff", HRID: "E1"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := svc.Add(ctx, operator, store.Person{OrgID: brent.ID, Name: "Brent person"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = svc.Add(ctx, officer, store.Person{OrgID: ash.ID, Name: " ", Email: "nope", Kind: "wizard",
			StartOn: "someday", ManagerID: other.ID})
		fields := map[string]bool{}
		for _, f := range fault.All(err) {
			fields[f.Field] = true
		}
		for _, want := range []string{"name", "email", "kind", "start_on", "manager_id"} {
			if !fields[want] {
				t.Errorf("mistake in %s not named: %v", want, err)
			}
		}
		bob, err := svc.Add(ctx, officer, store.Person{OrgID: ash.ID, Name: "Bob", ManagerID: boss.ID, StartOn: "01/02/2026"})
		if err != nil || bob.StartOn != "2026-02-01" || bob.Kind != "staff" {
			t.Fatalf("bob = %+v, %v", bob, err)
		}
		boss.ManagerID = bob.ID
		if _, err := svc.Edit(ctx, officer, boss); fault.As(err) == nil || fault.As(err).Field != "manager_id" {
			t.Errorf("a manager cycle was saved: %v", err)
		}
		bob.ManagerID = bob.ID
		if _, err := svc.Edit(ctx, officer, bob); fault.As(err) == nil || fault.As(err).Field != "manager_id" {
			t.Errorf("Bob manages himself: %v", err)
		}
		if _, err := svc.Add(ctx, officer, store.Person{OrgID: ash.ID, Name: "Twin", HRID: "E1"}); fault.As(err) == nil || fault.As(err).Field != "hr_id" {
			t.Errorf("a second E1: %v", err)
		}
		if _, err := svc.Get(ctx, roleOf(tenancy.RoleAgent, ash.ID), brent.ID, other.ID); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an Ashcombe agent read a Brentmere person: %v", err)
		}
		if _, err := svc.Add(ctx, roleOf(tenancy.RoleAgent, ash.ID), store.Person{OrgID: ash.ID, Name: "X"}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent added a person: %v", err)
		}
		page, err := svc.List(ctx, roleOf(tenancy.RoleAgent, ash.ID), ash.ID, peoplesvc.Filter{PerPage: 1})
		if err != nil || len(page.People) != 1 || page.Next == nil {
			t.Fatalf("page 1 = %+v, %v", page, err)
		}
		page2, err := svc.List(ctx, roleOf(tenancy.RoleAgent, ash.ID), ash.ID, peoplesvc.Filter{PerPage: 1, After: page.Next})
		if err != nil || len(page2.People) != 1 || page2.People[0].ID != bob.ID || page2.Next != nil {
			t.Errorf("page 2 = %+v, %v", page2, err)
		}
		found, err := svc.List(ctx, officer, ash.ID, peoplesvc.Filter{Search: "BO"})
		if err != nil || len(found.People) != 1 || found.People[0].ID != bob.ID {
			t.Errorf("search = %+v, %v", found, err)
		}
	})
}

package desksvc_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// fields is the fields an error names, in order.
func fields(err error) string {
	var out []string
	for _, f := range fault.All(err) {
		out = append(out, f.Field)
	}
	return strings.Join(out, " ")
}

func TestEditPolicyReportsEveryMistakeAndSavesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		_, err := svc.EditPolicy(ctx, operator, org, desksvc.PolicyEdit{Type: "laptop", From: "2026-02-30",
			Response: map[desk.Priority]string{desk.P1: "soon"}, Resolution: map[desk.Priority]string{desk.P4: "-1d"},
			Pause: []string{"closed"}, Target: "150", Warnings: "50,x"})
		if got, want := fields(err), "type from response_P1 resolution_P4 pause target warnings"; got != want {
			t.Fatalf("fields named: %q, want %q (%v)", got, want, err)
		}
		if pols, _ := svc.Policies(ctx, operator, org.ID); len(pols) != 0 {
			t.Errorf("a refused edit saved %d versions", len(pols))
		}

		pol, err := svc.EditPolicy(ctx, operator, org, desksvc.PolicyEdit{Type: "request", Resolution: map[desk.Priority]string{desk.P3: "3d"}, Target: "95%"})
		if err != nil || pol.Version != 1 || pol.Targets[desk.P3].Resolution.String() != "3 working days" || pol.TargetPercent != 95 {
			t.Fatalf("edit: %+v (%v)", pol, err)
		}
		if pol.Targets[desk.P1] != desk.DefaultPolicy(desk.Request).Targets[desk.P1] {
			t.Error("an edit changed a target it did not name")
		}
		if _, err := svc.EditPolicy(ctx, agentOf(org.ID), org, desksvc.PolicyEdit{Type: "incident"}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent edits the policy: %v", err)
		}
	})
}

func TestGovUKFileAddsOnlyMissingDays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		file := `{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Christmas Day","date":"2026-12-25"},{"title":"Extra day","date":"2026-06-15"}]}}`
		res, err := svc.ImportGovUK(ctx, operator, org.ID, "bank-holidays.json", strings.NewReader(file))
		if err != nil || len(res.Added) != 1 || res.Added[0].Title != "Extra day" || res.Version != 1 {
			t.Fatalf("import: %+v (%v)", res, err)
		}
		_, err = svc.ImportGovUK(ctx, operator, org.ID, "big.json", strings.NewReader(strings.Repeat(" ", desksvc.MaxCalendarFile+1)))
		if f := fault.As(err); f == nil || f.Field != "file" || !strings.Contains(err.Error(), "file size") {
			t.Errorf("a file past the limit: %v", err)
		}
		_, err = svc.SaveCalendarJSON(ctx, operator, org.ID, "cal.json", strings.NewReader(`{"name":"x","week":{"monday":["09:00-17:00"]},"closure":[]}`))
		if f := fault.As(err); f == nil || f.Field != "definition" || !strings.Contains(f.Message, `unknown field "closure"`) {
			t.Errorf("a misspelt key: %v", err)
		}
		if _, err := svc.ImportGovUK(ctx, agentOf(org.ID), org.ID, "f.json", strings.NewReader(file)); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an agent imports bank holidays: %v", err)
		}
	})
}

func TestCallersAreCheckedAndAudited(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		_, err := svc.AddPerson(ctx, operator, store.Person{OrgID: org.ID, Name: " ", Email: "no at sign", Phone: "x"})
		if got := fields(err); got != "name email phone" {
			t.Fatalf("fields named: %q (%v)", got, err)
		}
		p, err := svc.AddPerson(ctx, operator, store.Person{OrgID: org.ID, Name: "Rhona", Phone: "+44 1632 960777"})
		if err != nil {
			t.Fatal(err)
		}
		p.Name, p.Phone = "Rhona Adebayo", "01632 960778"
		if _, err := svc.EditPerson(ctx, operator, p); err != nil {
			t.Fatal(err)
		}
		if found, err := s.PersonByPhone(ctx, operator.Scope, org.ID, "01632960778"); err != nil || found.Name != "Rhona Adebayo" {
			t.Errorf("the new number does not find the caller: %+v (%v)", found, err)
		}
		left, err := svc.PersonLeaves(ctx, operator, org.ID, p.ID, org.TimeZone)
		if err != nil || left.LeftOn == "" {
			t.Fatalf("leave: %+v (%v)", left, err)
		}
		other := council(t, s, "brentmere")
		if _, err := svc.PersonLeaves(ctx, officerOf(other.ID), org.ID, p.ID, org.TimeZone); !fault.Is(err, fault.KindForbidden) && !fault.Is(err, fault.KindNotFound) {
			t.Errorf("another council's officer marks the caller as left: %v", err)
		}
	})
}

package desksvc_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The calendar and policies a list measures by are kept between pages, so
// a saved policy must reach the very next list, and a policy saved in a
// transaction that rolls back must not reach it at all.
func TestASavedPolicyReachesTheNextList(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		agent := agentOf(org.ID)
		clockAt(s, "2024-03-04 09:00") // Monday
		tk, err := svc.Open(ctx, agent, desksvc.NewTicket{OrgID: org.ID, Title: "Printer jams", Priority: desk.P4})
		if err != nil {
			t.Fatal(err)
		}
		target := func() time.Duration {
			t.Helper()
			stored, err := s.Ticket(ctx, tenancy.ScopeOf(org.ID), tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := svc.ListClocks(ctx, agent, []store.Ticket{stored})
			if err != nil {
				t.Fatal(err)
			}
			return got[0].Resolution.Target
		}
		before := target()
		pol := desk.DefaultPolicy(desk.Incident)
		pol.EffectiveFrom = time.Date(2024, 3, 1, 0, 0, 0, 0, london)
		pol.Targets[desk.P4] = desk.Target{Response: desk.Span{Amount: 1, Unit: desk.Hours}, Resolution: desk.Span{Amount: 3, Unit: desk.Hours}}
		refused := errors.New("refused")
		if err := s.InTx(ctx, func(ctx context.Context) error {
			if _, err := svc.SavePolicy(ctx, operator, org.ID, pol); err != nil {
				return err
			}
			target() // read, and kept, inside the transaction
			return refused
		}); !errors.Is(err, refused) {
			t.Fatal(err)
		}
		if got := target(); got != before {
			t.Errorf("after a rolled-back policy the list measures by %v, want the old %v", got, before)
		}
		if _, err := svc.SavePolicy(ctx, operator, org.ID, pol); err != nil {
			t.Fatal(err)
		}
		if got := target(); got != 3*time.Hour {
			t.Errorf("after the policy is saved the list measures by %v, want its 3 h", got)
		}
	})
}

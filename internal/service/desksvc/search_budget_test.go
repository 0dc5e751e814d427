package desksvc_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// A list searching text that runs past its budget is refused on the search
// field, saying how to narrow it, rather than reading on for a minute; a
// list without text is not held to the budget.
func TestATextSearchPastItsBudgetIsRefusedOnTheSearchField(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		org := council(t, s, "ashcombe")
		svc := desksvc.New(s)
		was := desksvc.SearchBudget
		desksvc.SearchBudget = time.Nanosecond // spent before the first row
		defer func() { desksvc.SearchBudget = was }()
		agent := agentOf(org.ID)
		_, err := svc.TicketPage(ctx, agent, desksvc.TicketFilter{Search: "printer"})
		if f := fault.As(err); f == nil || f.Kind != fault.KindInvalid || f.Field != "q" {
			t.Fatalf("the list past its budget answered %v, want a refusal on the search field", err)
		}
		if _, _, err := svc.CountTickets(ctx, agent, desksvc.TicketFilter{Search: "printer"}, 100); fault.As(err) == nil {
			t.Errorf("the count past its budget answered %v, want a refusal", err)
		}
		if _, err := svc.TicketPage(ctx, agent, desksvc.TicketFilter{}); err != nil {
			t.Errorf("a list without text was cut short: %v", err)
		}
	})
}

package desksvc_test

import (
	"errors"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The reads and changes the command line makes through the desk see only
// the caller's orgs, as the pages and the API do.
func TestPeopleTicketsAndThePhoneSecretStayInTheCallersScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ash, brent := council(t, s, "ashcombe"), council(t, s, "brentmere")
		svc := desksvc.New(s)
		for _, p := range []store.Person{{OrgID: ash.ID, Name: "Ann Ash", Email: "ann@ashcombe.example"}, {OrgID: brent.ID, Name: "Bob Brent"}} {
			if _, err := svc.AddPerson(ctx, operator, p); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.AddPerson(ctx, officerOf(ash.ID), store.Person{OrgID: ash.ID, Name: "Eve"}); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer added a person: %v", err)
		}
		if _, err := svc.AddPerson(ctx, operator, store.Person{OrgID: ash.ID, Name: "  "}); !fault.Is(err, fault.KindInvalid) || fault.As(err).Field != "name" {
			t.Errorf("a person without a name: %v", err)
		}
		people, err := svc.People(ctx, agentOf(ash.ID), 0)
		if err != nil || len(people) != 1 || people[0].Name != "Ann Ash" {
			t.Errorf("an Ashcombe agent sees people %+v, %v; want Ann Ash only", people, err)
		}
		if people, err := svc.People(ctx, agentOf(ash.ID), brent.ID); len(people) != 0 || (err != nil && !fault.Is(err, fault.KindForbidden)) {
			t.Errorf("an Ashcombe agent listed Brentmere's people: %+v, %v", people, err)
		}
		if err := svc.SetPersonLeft(ctx, officerOf(ash.ID), ash.ID, "ann@ashcombe.example", "2026-01-31"); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer recorded a leaver: %v", err)
		}
		if err := svc.SetPersonLeft(ctx, operator, ash.ID, "nobody@ashcombe.example", "2026-01-31"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a leaver who is not there: %v", err)
		}
		if err := svc.SetPersonLeft(ctx, operator, ash.ID, "ANN@ashcombe.example", "2026-01-31"); err != nil {
			t.Errorf("Ann leaves: %v", err)
		}

		clockAt(s, "2024-03-07 10:00")
		mine, err := svc.Open(ctx, officerOf(ash.ID), desksvc.NewTicket{OrgID: ash.ID, Title: "Printer jammed"})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := svc.Open(ctx, officerOf(brent.ID), desksvc.NewTicket{OrgID: brent.ID, Title: "No Wi-Fi"})
		if err != nil {
			t.Fatal(err)
		}
		list, err := svc.Tickets(ctx, officerOf(ash.ID), store.TicketFilter{})
		if err != nil || len(list) != 1 || list[0].Ref != mine.Ref {
			t.Errorf("an Ashcombe officer lists %d tickets (%v); want only %s", len(list), err, mine.Ref)
		}
		if list, _ := svc.Tickets(ctx, officerOf(ash.ID), store.TicketFilter{OrgID: brent.ID}); len(list) != 0 {
			t.Errorf("an Ashcombe officer listed Brentmere's tickets: %+v", list)
		}
		if _, _, err := svc.TicketRecord(ctx, officerOf(ash.ID), brent.ID, theirs.Ref); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("an Ashcombe officer read Brentmere's %s: %v", theirs.Ref, err)
		}
		clockAt(s, "2024-03-07 12:00")
		got, events, err := svc.TicketRecord(ctx, officerOf(ash.ID), ash.ID, mine.Ref)
		if err != nil || got.Title != "Printer jammed" || len(events) == 0 || got.SLA.Resolution.Used.Hours() != 2 {
			t.Errorf("%s: %+v, %d events, %v; want its history and two working hours on the clock", mine.Ref, got.SLA.Resolution, len(events), err)
		}

		if _, err := svc.NewPhoneSecret(ctx, officerOf(ash.ID), ash.ID); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an officer set the phone secret: %v", err)
		}
		secret, err := svc.NewPhoneSecret(ctx, operator, ash.ID)
		if held, _ := s.WebhookSecret(ctx, tenancy.ForSystem(tenancy.JobTest), ash.ID, desksvc.PhoneHook); err != nil || len(secret) != 64 || held != secret {
			t.Errorf("phone secret %q, held %q, %v", secret, held, err)
		}
		if again, _ := svc.NewPhoneSecret(ctx, operator, ash.ID); again == secret {
			t.Error("a new phone secret is the old one")
		}
	})
}

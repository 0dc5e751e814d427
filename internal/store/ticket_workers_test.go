package store_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// The people who may work a council's tickets are the administrators and
// the agents of the council or granted it; a ticket keeps its assignee's
// id, and the list finds a user's tickets and the unassigned ones.
func TestTicketWorkersAndAssigneeFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		sys := tenancy.ForSystem(tenancy.JobTest)
		a, b := twoCouncils(t, s)
		user := func(org int64, email, name string, role tenancy.Role) store.User {
			u, err := s.CreateUser(ctx, sys, store.NewUser{OrgID: org, Email: email, Name: name, Role: role})
			if err != nil {
				t.Fatal(err)
			}
			return u
		}
		admin := user(b.ID, "admin@b.example", "Ann Admin", tenancy.RoleAdmin)
		granted := user(b.ID, "agent@b.example", "Gus Granted", tenancy.RoleAgent)
		user(b.ID, "other@b.example", "Olive Elsewhere", tenancy.RoleAgent)
		user(a.ID, "officer@a.example", "Otto Officer", tenancy.RoleOfficer)
		gone := user(a.ID, "gone@a.example", "Gina Gone", tenancy.RoleAgent)
		if err := s.GrantOrg(ctx, sys, granted.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SetUserDisabled(ctx, sys, gone.ID, true); err != nil {
			t.Fatal(err)
		}
		workers, err := s.TicketWorkers(ctx, sys, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range workers {
			names = append(names, w.Name)
		}
		if len(names) != 2 || names[0] != "Ann Admin" || names[1] != "Gus Granted" {
			t.Errorf("Ashcombe's workers are %q, want the administrator and the granted agent (not the officer, the disabled agent or an ungranted one)", names)
		}
		if _, err := s.TicketWorkers(ctx, tenancy.ScopeOf(b.ID), a.ID); err == nil {
			t.Error("listing another org's workers from outside its scope was allowed")
		}

		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		mine := newTicket(a.ID, opened)
		mine.Assignee, mine.AssigneeID = granted.Name, granted.ID
		nobody := newTicket(a.ID, opened.Add(time.Hour))
		for _, tk := range []*store.Ticket{mine, nobody} {
			if err := s.CreateTicket(ctx, sys, tk, []desk.Event{{At: tk.OpenedAt, Kind: desk.Opened, State: desk.New, Priority: desk.P3}}); err != nil {
				t.Fatal(err)
			}
		}
		if got, _ := s.Ticket(ctx, sys, mine.ID); got.AssigneeID != granted.ID {
			t.Fatalf("stored assignee id %d, want %d", got.AssigneeID, granted.ID)
		}
		list, _ := s.Tickets(ctx, sys, store.TicketFilter{AssigneeID: granted.ID})
		if len(list) != 1 || list[0].ID != mine.ID {
			t.Errorf("the granted agent's tickets: %d", len(list))
		}
		list, _ = s.Tickets(ctx, sys, store.TicketFilter{Unassigned: true})
		if len(list) != 1 || list[0].ID != nobody.ID {
			t.Errorf("unassigned tickets: %d", len(list))
		}
		nobody.Assignee, nobody.AssigneeID = admin.Name, admin.ID
		if err := s.UpdateTicket(ctx, sys, nobody, nil); err != nil {
			t.Fatal(err)
		}
		var seen int
		if err := s.EachListedTicket(ctx, sys, store.TicketFilter{OrgID: a.ID, Limit: 1}, func(tk store.Ticket) error {
			seen++
			return nil
		}); err != nil || seen != 2 {
			t.Errorf("the export read %d tickets (%v), want both whatever the limit", seen, err)
		}
		if got, _ := s.Ticket(ctx, sys, nobody.ID); got.AssigneeID != admin.ID {
			t.Errorf("after reassigning, the assignee id is %d, want %d", got.AssigneeID, admin.ID)
		}
	})
}

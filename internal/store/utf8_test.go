package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// notUTF8 checks err is the store's one refusal of text that is not UTF-8,
// on the column named.
func notUTF8(t *testing.T, err error, column string) {
	t.Helper()
	f := fault.As(err)
	if f == nil || f.Kind != fault.KindInvalid || f.Message != "text is not valid UTF-8" || f.Field != column {
		t.Fatalf("got %v (%#v), want invalid %q: text is not valid UTF-8", err, f, column)
	}
}

// TestTextMustBeUTF8 holds the one encoding rule on both engines: a ticket,
// its history or a device carrying bytes that are not UTF-8 is refused the
// same way, and nothing is written — where SQLite once stored the bytes and
// PostgreSQL refused them with its own error.
func TestTextMustBeUTF8(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

		bad := newTicket(a.ID, opened)
		bad.Title = "Caf\xe9 printer"
		notUTF8(t, s.CreateTicket(ctx, sys, bad, nil), "title")
		imported := newTicket(a.ID, opened)
		imported.Ref, imported.Source = "T1", "csv"
		notUTF8(t, s.InTx(ctx, func(ctx context.Context) error {
			return s.InsertTickets(ctx, sys, []*store.Ticket{imported},
				[][]desk.Event{{{At: opened, Kind: desk.Opened, State: desk.New, Actor: "J\xf6rg"}}})
		}), "actor")
		if list, err := s.Tickets(ctx, tenancy.ScopeOf(a.ID), store.TicketFilter{OrgID: a.ID}); err != nil || len(list) != 0 {
			t.Fatalf("after refusals: %d tickets, %v; want none", len(list), err)
		}

		good := newTicket(a.ID, opened)
		if err := s.CreateTicket(ctx, sys, good, nil); err != nil {
			t.Fatal(err)
		}
		good.Description = "see \xff"
		notUTF8(t, s.UpdateTicket(ctx, sys, good, nil), "description")
		good.Description = ""
		notUTF8(t, s.UpdateTicket(ctx, sys, good, []desk.Event{{At: opened.Add(time.Hour), Kind: desk.Responded, Note: "\xc3("}}), "note")
		if got, err := s.Ticket(ctx, sys, good.ID); err != nil || got.Description != "" || got.EventCount != 0 {
			t.Fatalf("after refused updates: %+v, %v", got, err)
		}

		err := s.InTx(ctx, func(ctx context.Context) error {
			return s.SaveDevices(ctx, sys, a.ID, []*store.StoredDevice{
				{Device: posture.Device{Name: "ASH-PC-1"}}, {Device: posture.Device{Name: "Caf\xe9-PC"}}})
		})
		notUTF8(t, err, "name")
		if list, err := s.OrgDevices(ctx, sys, a.ID); err != nil || len(list) != 0 {
			t.Fatalf("after refusal: %d devices, %v; want none", len(list), err)
		}

		// Valid UTF-8 beyond ASCII is text like any other.
		ok := newTicket(a.ID, opened)
		ok.Title = "Café printer — 2nd floor"
		if err := s.CreateTicket(ctx, sys, ok, nil); err != nil {
			t.Fatal(err)
		}
	})
}

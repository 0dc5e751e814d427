package store_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestOrgsGetAUniqueReferencePrefix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		if a.RefPrefix != "ASH" {
			t.Errorf("ashcombe's prefix %q, want ASH from its slug", a.RefPrefix)
		}
		// A second slug with the same letters is offered the next longer prefix.
		ashford, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashford", Name: "Ashford", Kind: tenancy.KindCouncil})
		if err != nil || ashford.RefPrefix != "ASHF" {
			t.Errorf("ashford's prefix %q, %v; want ASHF", ashford.RefPrefix, err)
		}
		if _, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashby", Name: "Ashby", Kind: tenancy.KindCouncil, RefPrefix: "ASH"}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("a taken prefix asked for: %v, want a conflict", err)
		}
		if _, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ashby", Name: "Ashby", Kind: tenancy.KindCouncil, RefPrefix: "as1"}); err == nil {
			t.Error("a prefix that is not 2 to 6 capitals was taken")
		}
		digits, err := s.CreateOrg(ctx, store.NewOrg{Slug: "x1", Name: "X1", Kind: tenancy.KindPartner})
		if err != nil || digits.RefPrefix != "ZZA" {
			t.Errorf("a slug offering no prefix got %q, %v; want ZZA", digits.RefPrefix, err)
		}
		got, err := s.OrgByID(ctx, tenancy.ForSystem(tenancy.JobTest), ashford.ID)
		if err != nil || got.RefPrefix != "ASHF" {
			t.Errorf("stored prefix %q, %v", got.RefPrefix, err)
		}
	})
}

func TestReferencesAreUniqueAcrossOrgsAndFoundOnlyInScope(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		ash, bre := oneTicketEach(t, s, opened, a.ID, b.ID)
		// An import keeps the source's number and is given the org's prefix.
		imported := newTicket(a.ID, opened)
		imported.Ref, imported.ExternalID, imported.Source = "INC0000130", "INC0000130", "servicenow"
		if err := s.InTx(ctx, func(ctx context.Context) error {
			return s.InsertTickets(ctx, sys, []*store.Ticket{imported}, [][]desk.Event{nil})
		}); err != nil {
			t.Fatal(err)
		}
		if imported.Ref != "ASH-INC0000130" || imported.ExternalID != "INC0000130" {
			t.Errorf("imported ticket: ref %q, external id %q", imported.Ref, imported.ExternalID)
		}

		// The unique index holds even against a write that skips the store's numbering.
		if _, err := s.DB().ExecContext(ctx, s.Rebind(`UPDATE tickets SET ref = ? WHERE id = ?`), ash.Ref, bre.ID); err == nil {
			t.Error("two tickets share a reference")
		}

		for _, typed := range []string{"ASH-INC-10001", "ash-inc-10001", "INC-10001", "10001"} {
			got, err := s.TicketByRef(ctx, tenancy.ScopeOf(a.ID), a.ID, typed)
			if err != nil || got.ID != ash.ID {
				t.Errorf("ashcombe's %q: %d, %v; want ticket %d", typed, got.ID, err, ash.ID)
			}
		}
		if got, err := s.TicketByRef(ctx, tenancy.ScopeOf(a.ID), a.ID, "INC0000130"); err != nil || got.ID != imported.ID {
			t.Errorf("imported ticket by its source's number: %d, %v", got.ID, err)
		}
		if got, err := s.TicketByReference(ctx, tenancy.ScopeOf(a.ID, b.ID), "BRE-INC-10001"); err != nil || got.ID != bre.ID {
			t.Errorf("ward-wide lookup: %d, %v", got.ID, err)
		}
		// Another org's reference is not found, whichever way it is asked for.
		if _, err := s.TicketByReference(ctx, tenancy.ScopeOf(a.ID), "BRE-INC-10001"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ashcombe read brentmere's ticket by reference: %v", err)
		}
		if _, err := s.TicketByRef(ctx, tenancy.ScopeOf(a.ID), a.ID, "BRE-INC-10001"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("brentmere's reference inside ashcombe: %v", err)
		}
		if _, err := s.TicketByRef(ctx, tenancy.ScopeOf(a.ID), b.ID, "10001"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ashcombe asked within brentmere: %v", err)
		}

		// Search finds a ticket by its whole reference or its bare number.
		for _, q := range []string{"ASH-INC-10001", "10001"} {
			list, err := s.Tickets(ctx, tenancy.ScopeOf(a.ID), store.TicketFilter{Search: q})
			if err != nil || len(list) != 1 || list[0].ID != ash.ID {
				t.Errorf("search %q found %d tickets, %v", q, len(list), err)
			}
		}
	})
}

// TestMigrationGivesExistingTicketsTheirPrefix winds the reference migration
// back on a database holding tickets, and runs it again as an upgrade would.
func TestMigrationGivesExistingTicketsTheirPrefix(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		twin, err := s.CreateOrg(ctx, store.NewOrg{Slug: "ash-two", Name: "Ash Two", Kind: tenancy.KindCouncil})
		if err != nil {
			t.Fatal(err)
		}
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		var tickets []*store.Ticket
		for _, org := range []int64{a.ID, b.ID, twin.ID} {
			tk := newTicket(org, opened)
			if err := s.CreateTicket(ctx, sys, tk, nil); err != nil {
				t.Fatal(err)
			}
			tickets = append(tickets, tk)
		}
		body, err := os.ReadFile("migrations/014_ticket_references.sql")
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			`DROP INDEX tickets_ref`, `DROP INDEX orgs_ref_prefix`,
			`UPDATE tickets SET ref = SUBSTR(ref, LENGTH((SELECT ref_prefix FROM orgs WHERE orgs.id = tickets.org_id)) + 2)`,
			`ALTER TABLE orgs DROP COLUMN ref_prefix`, string(body),
		} {
			if _, err := s.DB().ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		want := []string{"ASH-INC-10001", "BRE-INC-10001", "ZZ" + spelt(twin.ID) + "-INC-10001"}
		for i, tk := range tickets {
			got, err := s.Ticket(ctx, sys, tk.ID)
			if err != nil || got.Ref != want[i] {
				t.Errorf("after the migration ticket %d is %q, %v; want %s", tk.ID, got.Ref, err, want[i])
			}
		}
	})
}

// spelt is an id as the migration spells it: each digit a letter, 0 as A.
func spelt(id int64) string {
	out := []byte(strconv.FormatInt(id, 10))
	for i := range out {
		out[i] = 'A' + out[i] - '0'
	}
	return string(out)
}

// oneTicketEach raises a desk ticket in each of two orgs, opened at opened.
func oneTicketEach(t *testing.T, s *store.Store, opened time.Time, a, b int64) (*store.Ticket, *store.Ticket) {
	t.Helper()
	ta, tb := newTicket(a, opened), newTicket(b, opened)
	for _, tk := range []*store.Ticket{ta, tb} {
		if err := s.CreateTicket(ctx, tenancy.ForSystem(tenancy.JobTest), tk, nil); err != nil {
			t.Fatal(err)
		}
	}
	return ta, tb
}

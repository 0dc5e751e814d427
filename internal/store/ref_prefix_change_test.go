package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestAChangedPrefixRenamesTheTicketsAndKeepsTheOldOne changes Ashcombe's
// prefix: its tickets, desk-numbered and imported alike, take the new one,
// the old one stays Ashcombe's (held, so no other org is given it, and
// resolved to the new reference only within a scope that holds Ashcombe).
func TestAChangedPrefixRenamesTheTicketsAndKeepsTheOldOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		sys := tenancy.ForSystem(tenancy.JobTest)
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		ash, bre := oneTicketEach(t, s, opened, a.ID, b.ID)
		oldRef := ash.Ref
		if _, _, err := s.ChangeRefPrefix(ctx, tenancy.ScopeOf(b.ID), a.ID, "ASHC"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("Brentmere's scope changing Ashcombe's prefix: %v, want not found", err)
		}
		old, n, err := s.ChangeRefPrefix(ctx, sys, a.ID, "ASHC")
		if err != nil || old != "ASH" || n != 1 {
			t.Fatalf("change: %q %d %v, want ASH and one ticket", old, n, err)
		}
		got, err := s.Ticket(ctx, sys, ash.ID)
		if want := "ASHC" + oldRef[3:]; err != nil || got.Ref != want {
			t.Fatalf("the ticket is %q (%v), want %s", got.Ref, err, want)
		}
		if other, _ := s.Ticket(ctx, sys, bre.ID); other.Ref != bre.Ref {
			t.Errorf("Brentmere's ticket went from %s to %s", bre.Ref, other.Ref)
		}
		for _, tc := range []struct {
			prefix string
			org    int64
			held   bool
		}{{"ASH", b.ID, true}, {"ASH", a.ID, false}, {"ASHC", b.ID, true}, {"ASHC", a.ID, false}, {"ASHX", 0, false}, {"ASH", 0, true}} {
			if held, err := s.RefPrefixHeld(ctx, tc.prefix, tc.org); err != nil || held != tc.held {
				t.Errorf("%s held for org %d: %v %v, want %v", tc.prefix, tc.org, held, err, tc.held)
			}
		}
		if now, err := s.RenamedRef(ctx, tenancy.ScopeOf(a.ID), oldRef); err != nil || now != got.Ref {
			t.Errorf("the old reference in Ashcombe's scope: %q %v, want %s", now, err, got.Ref)
		}
		if _, err := s.RenamedRef(ctx, tenancy.ScopeOf(b.ID), oldRef); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the old reference in Brentmere's scope: %v, want not found", err)
		}
		if _, err := s.RenamedRef(ctx, sys, bre.Ref); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a reference under a prefix never changed: %v, want not found", err)
		}
		// Going back takes ASH out of the retired prefixes; ASHC joins them.
		if old, n, err := s.ChangeRefPrefix(ctx, sys, a.ID, "ASH"); err != nil || old != "ASHC" || n != 1 {
			t.Fatalf("back to ASH: %q %d %v", old, n, err)
		}
		if back, _ := s.Ticket(ctx, sys, ash.ID); back.Ref != oldRef {
			t.Errorf("back to ASH, the ticket is %s", back.Ref)
		}
		if _, err := s.RenamedRef(ctx, sys, oldRef); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ASH is current again, yet read as retired: %v", err)
		}
	})
}

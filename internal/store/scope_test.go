package store_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// One council's data, asked for with another council's scope, is as if it
// did not exist; asked for with no scope at all, the store refuses.
func TestAnotherOrgsScopeReadsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		own, other := tenancy.ScopeOf(a.ID), tenancy.ScopeOf(b.ID)
		if err := s.SaveDevices(ctx, own, a.ID, []*store.StoredDevice{{Device: posture.Device{Name: "ASH-LT-0042"}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCalendar(ctx, own, a.ID, json.RawMessage(`{"name":"Ashcombe hours"}`), "cli:test"); err != nil {
			t.Fatal(err)
		}
		pol := desk.DefaultPolicy(desk.Incident)
		if err := s.SavePolicy(ctx, own, a.ID, &pol, "cli:test"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetWebhookSecret(ctx, own, a.ID, "phone", "ashcombe-secret"); err != nil {
			t.Fatal(err)
		}

		if list, err := s.OrgDevices(ctx, own, a.ID); err != nil || len(list) != 1 {
			t.Fatalf("Ashcombe's own devices = %d, %v; want 1", len(list), err)
		}
		if list, err := s.OrgDevices(ctx, other, a.ID); !errors.Is(err, store.ErrNotFound) || len(list) != 0 {
			t.Errorf("Brentmere read Ashcombe's devices: %d, %v", len(list), err)
		}
		if cal, err := s.Calendar(ctx, other, a.ID); !errors.Is(err, store.ErrNotFound) || cal.Version != 0 {
			t.Errorf("Brentmere read Ashcombe's calendar: %+v, %v", cal, err)
		}
		if list, err := s.Policies(ctx, other, a.ID); !errors.Is(err, store.ErrNotFound) || len(list) != 0 {
			t.Errorf("Brentmere read Ashcombe's SLA policies: %d, %v", len(list), err)
		}
		if secret, err := s.WebhookSecret(ctx, other, a.ID, "phone"); !errors.Is(err, store.ErrNotFound) || secret != "" {
			t.Errorf("Brentmere read Ashcombe's webhook secret: %q, %v", secret, err)
		}
		from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if _, err := s.SLACounts(ctx, other, a.ID, from, from.AddDate(1, 0, 0), nil); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Brentmere read Ashcombe's SLA counts: %v", err)
		}

		var unscoped tenancy.Scope
		if _, err := s.OrgDevices(ctx, unscoped, a.ID); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("devices read without a scope: %v, want ErrUnscoped", err)
		}
		if _, err := s.Calendar(ctx, unscoped, a.ID); !errors.Is(err, tenancy.ErrUnscoped) {
			t.Errorf("calendar read without a scope: %v, want ErrUnscoped", err)
		}
	})
}

// Writes check the scope too: nothing of another org's is written or
// changed, and the refusal leaves the data as it was.
func TestAnotherOrgsScopeWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		own, other := tenancy.ScopeOf(a.ID), tenancy.ScopeOf(b.ID)
		if err := s.SaveDevices(ctx, other, a.ID, []*store.StoredDevice{{Device: posture.Device{Name: "PLANTED"}}}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Brentmere saved a device into Ashcombe: %v", err)
		}
		if list, _ := s.OrgDevices(ctx, own, a.ID); len(list) != 0 {
			t.Errorf("Ashcombe holds %d devices after a refused save, want 0", len(list))
		}
		if err := s.SetWebhookSecret(ctx, other, a.ID, "phone", "planted"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Brentmere set Ashcombe's webhook secret: %v", err)
		}
		opened := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		tk := newTicket(a.ID, opened)
		if err := s.CreateTicket(ctx, other, tk, []desk.Event{{At: opened, Kind: desk.Opened, State: desk.New, Priority: desk.P3}}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Brentmere raised a ticket in Ashcombe: %v", err)
		}
		if list, _ := s.Tickets(ctx, own, store.TicketFilter{}); len(list) != 0 {
			t.Errorf("Ashcombe holds %d tickets after a refused create, want 0", len(list))
		}
		users, err := s.Users(ctx, own)
		if err != nil || len(users) != 1 {
			t.Fatalf("Ashcombe's users = %d, %v", len(users), err)
		}
		if err := s.SetUserDisabled(ctx, other, users[0].ID, true); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Brentmere disabled Ashcombe's officer: %v", err)
		}
		if u, _ := s.User(ctx, own, users[0].ID); u.Disabled {
			t.Error("Ashcombe's officer is disabled after a refused change")
		}
	})
}

package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// inventoryEstate saves 25 devices in a: ASH-00 to ASH-24, every third a
// phone on iOS, the rest Windows laptops; ASH-07 owned by jo, seen long
// ago; one device in b. ASH-03 fails disk-encryption.
func inventoryEstate(t *testing.T, s *store.Store, a, b store.Org) map[string]int64 {
	t.Helper()
	sys := tenancy.ForSystem(tenancy.JobTest)
	now := s.Now()
	var list []*store.StoredDevice
	for i := 24; i >= 0; i-- { // saved out of order, so the list's order is its own
		d := posture.Device{Serial: fmt.Sprintf("SN%02d", i), Name: fmt.Sprintf("ASH-%02d", i), Type: posture.Laptop, OS: posture.Windows,
			PrimaryUser: fmt.Sprintf("user%02d@ashcombe.gov.uk", i), LastSeen: now.Add(-time.Hour)}
		if i%3 == 0 {
			d.Type, d.OS = posture.Smartphone, posture.IOS
		}
		if i == 7 {
			d.PrimaryUser, d.LastSeen = "Jo.Bloggs@ashcombe.gov.uk", now.AddDate(0, -3, 0)
		}
		list = append(list, &store.StoredDevice{Device: d})
	}
	ids := map[string]int64{}
	err := s.InTx(ctx, func(ctx context.Context) error {
		if err := s.SaveDevices(ctx, sys, a.ID, list); err != nil {
			return err
		}
		return s.SaveDevices(ctx, sys, b.ID, []*store.StoredDevice{{Device: posture.Device{Name: "ASH-99", Serial: "OTHER"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range list {
		ids[d.Device.Name] = d.ID
	}
	plan := finding.Plan{New: []finding.Change{{Finding: finding.Finding{OrgID: a.ID, Control: "disk-encryption", Severity: "high", State: finding.Open,
		Subject: finding.Subject{Kind: finding.Device, Key: fmt.Sprintf("device:%d", ids["ASH-03"]), Name: "ASH-03"}, FirstSeen: now, LastSeen: now},
		Event: &finding.Event{At: now, Kind: finding.Opened}}}}
	if err := s.InTx(ctx, func(ctx context.Context) error { return s.ApplyFindings(ctx, tenancy.ScopeOf(a.ID), plan) }); err != nil {
		t.Fatal(err)
	}
	return ids
}

func names(list []store.StoredDevice) []string {
	out := make([]string, len(list))
	for i, d := range list {
		out[i] = d.Device.Name
	}
	return out
}

func TestDeviceInventoryPagesByKeyAndFilters(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		ids := inventoryEstate(t, s, a, b)
		scope := tenancy.ScopeOf(a.ID)

		// Pages of ten follow one another with nothing repeated or missed.
		var seen []string
		f := store.DeviceFilter{OrgID: a.ID, Limit: 10}
		for pages := 0; ; pages++ {
			list, next, err := s.DeviceList(ctx, scope, f)
			if err != nil || pages > 3 {
				t.Fatalf("page %d: %v", pages, err)
			}
			seen = append(seen, names(list)...)
			if next.IsZero() {
				break
			}
			f.After = next
		}
		if len(seen) != 25 || seen[0] != "ASH-00" || seen[24] != "ASH-24" {
			t.Fatalf("paged through %d devices: %v", len(seen), seen)
		}
		for i := 1; i < len(seen); i++ {
			if seen[i] <= seen[i-1] {
				t.Fatalf("out of order or repeated at %d: %v", i, seen)
			}
		}

		for _, tc := range []struct {
			name string
			f    store.DeviceFilter
			want int
		}{
			{"phones", store.DeviceFilter{Kind: string(posture.Smartphone)}, 9},
			{"iOS", store.DeviceFilter{OS: string(posture.IOS)}, 9},
			{"failing encryption", store.DeviceFilter{Failing: "disk-encryption"}, 1},
			{"failing anything", store.DeviceFilter{Failing: store.FailingAny}, 1},
			{"failing nothing", store.DeviceFilter{Failing: store.FailingNone}, 24},
			{"failing firewall", store.DeviceFilter{Failing: "firewall"}, 0},
			{"owner, any case", store.DeviceFilter{Owner: "jo.BLOGGS"}, 1},
			{"serial", store.DeviceFilter{Search: "sn1"}, 10},
			{"name", store.DeviceFilter{Search: "ash-2"}, 5},
			{"a % is a percent sign", store.DeviceFilter{Search: "%"}, 0},
			{"not seen for a month", store.DeviceFilter{SeenBefore: s.Now().AddDate(0, 0, -30)}, 1},
			{"seen this week", store.DeviceFilter{SeenSince: s.Now().AddDate(0, 0, -7)}, 24},
		} {
			tc.f.OrgID = a.ID
			list, _, err := s.DeviceList(ctx, scope, tc.f)
			n, cerr := s.DeviceCount(ctx, scope, tc.f)
			if err != nil || cerr != nil || len(list) != tc.want || n != tc.want {
				t.Errorf("%s: %d devices listed, %d counted (%v, %v), want %d", tc.name, len(list), n, err, cerr, tc.want)
			}
		}

		failing, err := s.OpenDeviceControls(ctx, scope, a.ID, []int64{ids["ASH-03"], ids["ASH-04"]})
		if err != nil || len(failing) != 1 || len(failing[ids["ASH-03"]]) != 1 || failing[ids["ASH-03"]][0] != "disk-encryption" {
			t.Errorf("open controls: %v %v", failing, err)
		}
		if _, _, err := s.DeviceList(ctx, tenancy.ScopeOf(b.ID), store.DeviceFilter{OrgID: a.ID}); err == nil {
			t.Error("another council listed the devices")
		}
		if _, err := s.OpenDeviceControls(ctx, tenancy.ScopeOf(b.ID), a.ID, []int64{ids["ASH-03"]}); err == nil {
			t.Error("another council read the devices' findings")
		}
	})
}

// Devices held before the inventory's columns existed get them when the
// migration runs, read out of their stored records.
func TestDevicesHeldBeforeTheInventoryGetTheirColumns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		inventoryEstate(t, s, a, b)
		if _, err := s.DB().ExecContext(ctx, `UPDATE devices SET kind = '', os = '', primary_user = ''`); err != nil {
			t.Fatal(err)
		}
		f := store.DeviceFilter{OrgID: a.ID, Kind: string(posture.Smartphone), OS: string(posture.IOS)}
		if n, _ := s.DeviceCount(ctx, tenancy.ScopeOf(a.ID), f); n != 0 {
			t.Fatalf("blanked columns still match %d", n)
		}
		if err := s.InTx(ctx, func(ctx context.Context) error { return store.FillDeviceColumns(ctx, s) }); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.DeviceCount(ctx, tenancy.ScopeOf(a.ID), f); n != 9 {
			t.Errorf("after the fill, %d iOS phones, want 9", n)
		}
		if n, _ := s.DeviceCount(ctx, tenancy.ScopeOf(a.ID), store.DeviceFilter{OrgID: a.ID, Owner: "jo.bloggs"}); n != 1 {
			t.Errorf("after the fill, the owner is not found (%d)", n)
		}
	})
}

package posturesvc_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TestDeviceCSVThatIsNotUTF8IsRefused: a device CSV with a Latin-1 name is
// refused naming file, line and column on both engines, with nothing
// written.
func TestDeviceCSVThatIsNotUTF8IsRefused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc, org := setup(t, s)
		body := csvHead + row("S1", "ASH-LT-1", seenDay1, passing("2026-11-01")) + row("S2", "Caf\xe9-PC", seenDay1, passing("2026-11-01"))
		_, err := svc.ImportDevices(ctx, analyst, org.ID, inventory.WardCSV, "devices.csv", strings.NewReader(body))
		want := `devices.csv:3: column "name": is not valid UTF-8 text (byte 0xE9 at byte 4 of the value); save the export as UTF-8`
		if err == nil || err.Error() != want {
			t.Fatalf("import: %v\nwant %s", err, want)
		}
		if !fault.Is(err, fault.KindInvalid) {
			t.Errorf("kind %v; want invalid", fault.KindOf(err))
		}
		if list, err := s.OrgDevices(ctx, tenancy.ForSystem(tenancy.JobTest), org.ID); err != nil || len(list) != 0 {
			t.Errorf("%d devices written, %v; want none", len(list), err)
		}
	})
}

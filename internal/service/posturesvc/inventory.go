package posturesvc

import (
	"context"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/csvout"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// DeviceFilter and DeviceCursor narrow and page the inventory (see the store).
type (
	DeviceFilter = store.DeviceFilter
	DeviceCursor = store.DeviceCursor
)

// The inventory's "failing" filter besides a control's id.
const (
	FailingAny  = store.FailingAny
	FailingNone = store.FailingNone
)

// InventoryDevice is one device of the inventory and the controls it fails now.
type InventoryDevice struct {
	store.StoredDevice
	Failing []string // control ids with an open finding on the device
}

// InventoryPage is one page of an org's devices, the cursor of the next
// page (zero on the last) and how many devices match (at most
// store.DeviceCountCap+1).
type InventoryPage struct {
	Devices []InventoryDevice
	Next    DeviceCursor
	Count   int
}

// Inventory reads a page of an org's devices, in name order, narrowed by
// the filter.
func (s *Service) Inventory(ctx context.Context, p tenancy.Principal, f DeviceFilter) (InventoryPage, error) {
	if err := require(p, tenancy.ViewPosture, f.OrgID); err != nil {
		return InventoryPage{}, err
	}
	var out InventoryPage
	list, next, err := s.Store.DeviceList(ctx, p.Scope, f)
	if err != nil {
		return out, err
	}
	if out.Devices, err = s.withFailing(ctx, p, f.OrgID, list); err != nil {
		return out, err
	}
	out.Next = next
	out.Count, err = s.Store.DeviceCount(ctx, p.Scope, f)
	return out, err
}

func (s *Service) withFailing(ctx context.Context, p tenancy.Principal, orgID int64, list []store.StoredDevice) ([]InventoryDevice, error) {
	ids := make([]int64, len(list))
	for i, d := range list {
		ids[i] = d.ID
	}
	failing, err := s.Store.OpenDeviceControls(ctx, p.Scope, orgID, ids)
	if err != nil {
		return nil, err
	}
	out := make([]InventoryDevice, len(list))
	for i, d := range list {
		out[i] = InventoryDevice{StoredDevice: d, Failing: failing[d.ID]}
	}
	return out, nil
}

// DeviceCountCap is where the inventory stops counting.
const DeviceCountCap = store.DeviceCountCap

// exportPage is how many devices an export reads at a time: the file is
// written as it is read, so an estate of any size needs one page of memory.
const exportPage = 500

// ExportInventory writes every device the filter matches as CSV, page by
// page as it reads them, after recording the export in the audit log (data
// leaving ward is audited before any of it leaves). It returns the rows written.
func (s *Service) ExportInventory(ctx context.Context, p tenancy.Principal, f DeviceFilter, query string, w io.Writer) (int, error) {
	if err := require(p, tenancy.ViewPosture, f.OrgID); err != nil {
		return 0, err
	}
	org, err := s.Store.OrgByID(ctx, p.Scope, f.OrgID)
	if err != nil {
		return 0, err
	}
	if _, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: f.OrgID, Action: audit.Export,
		Target: "device inventory of " + org.Slug + " as CSV", Detail: map[string]string{"query": query}, IP: p.IP}); err != nil {
		return 0, err
	}
	f.Limit, f.After = exportPage, DeviceCursor{}
	return csvout.Stream(w, posture.InventoryCSVHeader, func(emit func([]string) error) error {
		for {
			list, next, err := s.Store.DeviceList(ctx, p.Scope, f)
			if err != nil {
				return err
			}
			page, err := s.withFailing(ctx, p, f.OrgID, list)
			if err != nil {
				return err
			}
			for _, d := range page {
				if err := emit(posture.InventoryRecord(strconv.FormatInt(d.ID, 10), &d.Device, d.Failing)); err != nil {
					return err
				}
			}
			if next.IsZero() {
				return nil
			}
			f.After = next
		}
	})
}

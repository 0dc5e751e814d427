package posturesvc

import (
	"context"
	"errors"
	"io"
	"strconv"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// ImportResult says what an import did, and what the evaluation after it found.
type ImportResult struct {
	File       string           `json:"file"`
	Format     inventory.Format `json:"format"`
	Read       int              `json:"read"`    // devices or mailboxes in the file
	Created    int              `json:"created"` // not known to ward before
	Merged     int              `json:"merged"`  // matched to one ward already held
	Evaluation Evaluation       `json:"evaluation"`
}

// ImportDevices reads a device export into an org's inventory, matching
// each device to one already held (serial number, then the source's
// device id, then name) and merging what the source says of it; then it
// evaluates the org. The whole import is one transaction: a bad row
// leaves the inventory and the findings as they were.
func (s *Service) ImportDevices(ctx context.Context, p tenancy.Principal, orgID int64, format inventory.Format, file string, r io.Reader) (ImportResult, error) {
	res := ImportResult{File: file, Format: format}
	if err := require(p, tenancy.ManagePosture, orgID); err != nil {
		return res, err
	}
	src, err := inventory.OpenDevices(format, file, r)
	if err != nil {
		return res, err
	}
	err = s.Store.InTx(ctx, func(ctx context.Context) error {
		held, err := s.Store.OrgDevices(ctx, p.Scope, orgID)
		if err != nil {
			return err
		}
		byDevice := make(map[*posture.Device]*store.StoredDevice, len(held))
		list := make([]*posture.Device, len(held))
		for i := range held {
			list[i] = &held[i].Device
			byDevice[list[i]] = &held[i]
		}
		index := posture.NewIndex(list)
		changed := map[*store.StoredDevice]bool{}
		var order, fresh []*store.StoredDevice
		for {
			rec, err := src.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			res.Read++
			source := sourceOf(format, &rec.Device)
			if match := index.Find(&rec.Device, source); match != nil {
				posture.Merge(match, rec.Device, source)
				sd := byDevice[match]
				if !changed[sd] {
					changed[sd] = true
					order = append(order, sd)
					if sd.ID != 0 {
						res.Merged++
					}
				}
				continue
			}
			sd := &store.StoredDevice{Device: rec.Device}
			index.Add(&sd.Device)
			byDevice[&sd.Device] = sd
			changed[sd] = true
			order, fresh = append(order, sd), append(fresh, sd)
			res.Created++
		}
		if res.Format == "" && len(order) > 0 {
			res.Format = inventory.Format(sourceOf("", &order[0].Device))
		}
		if err := s.Store.SaveDevices(ctx, p.Scope, orgID, order); err != nil {
			return err
		}
		all := held
		for _, sd := range fresh {
			all = append(all, *sd)
		}
		if res.Evaluation, err = s.evaluate(ctx, p, orgID, all); err != nil {
			return err
		}
		detail := countsDetail(res.Evaluation)
		detail["format"], detail["read"], detail["created"], detail["merged"] = string(res.Format),
			strconv.Itoa(res.Read), strconv.Itoa(res.Created), strconv.Itoa(res.Merged)
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: orgID, Action: audit.PostureImport, Target: file,
			Detail: detail, IP: p.IP})
		return err
	})
	return res, err
}

// sourceOf names the source a device came from: the format asked for, or
// the one the reader found (recorded on the device) when it was detected.
func sourceOf(format inventory.Format, d *posture.Device) string {
	if format != "" {
		return string(format)
	}
	if len(d.Sources) > 0 {
		return d.Sources[len(d.Sources)-1]
	}
	return "import"
}

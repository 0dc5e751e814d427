package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// BenchmarkDeviceInventory pages through a council of 100,000 devices, one
// in ten failing disk-encryption: the first page, a page near the end
// (reached by its cursor, as a next link does), the failing filter, and
// the capped count.
func BenchmarkDeviceInventory(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *store.Store) {
		org, err := s.CreateOrg(ctx, store.NewOrg{Slug: "big", Name: "Big Council", Kind: tenancy.KindCouncil})
		if err != nil {
			b.Fatal(err)
		}
		sys, now := tenancy.ForSystem(tenancy.JobTest), time.Now().UTC()
		const n = 100_000
		for start := 0; start < n; start += 10_000 {
			var batch []*store.StoredDevice
			for i := start; i < start+10_000; i++ {
				batch = append(batch, &store.StoredDevice{Device: posture.Device{Serial: fmt.Sprintf("SN%06d", i), Name: fmt.Sprintf("BIG-LT-%06d", i),
					Type: posture.Laptop, OS: posture.Windows, PrimaryUser: fmt.Sprintf("u%d@big.gov.uk", i), LastSeen: now}})
			}
			var plan finding.Plan
			err := s.InTx(ctx, func(ctx context.Context) error {
				if err := s.SaveDevices(ctx, sys, org.ID, batch); err != nil {
					return err
				}
				for i, d := range batch {
					if i%10 == 0 {
						plan.New = append(plan.New, finding.Change{Finding: finding.Finding{OrgID: org.ID, Control: "disk-encryption", Severity: "high",
							State: finding.Open, Subject: finding.Subject{Kind: finding.Device, Key: fmt.Sprint("device:", d.ID), Name: d.Device.Name},
							FirstSeen: now, LastSeen: now}, Event: &finding.Event{At: now, Kind: finding.Opened}})
					}
				}
				return s.ApplyFindings(ctx, sys, plan)
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		scope := tenancy.ScopeOf(org.ID)
		deep := store.DeviceCursor{Name: fmt.Sprintf("BIG-LT-%06d", n-100), ID: 0}
		for _, c := range []struct {
			name string
			f    store.DeviceFilter
		}{
			{"first page", store.DeviceFilter{OrgID: org.ID, Limit: 50}},
			{"page near the end", store.DeviceFilter{OrgID: org.ID, Limit: 50, After: store.DeviceCursor{Name: deep.Name, ID: 1}}},
			{"failing disk-encryption", store.DeviceFilter{OrgID: org.ID, Limit: 50, Failing: "disk-encryption"}},
			{"failing none, near the end", store.DeviceFilter{OrgID: org.ID, Limit: 50, Failing: store.FailingNone, After: store.DeviceCursor{Name: deep.Name, ID: 1}}},
		} {
			b.Run(c.name, func(b *testing.B) {
				for b.Loop() {
					if list, _, err := s.DeviceList(ctx, scope, c.f); err != nil || len(list) == 0 {
						b.Fatalf("%d devices, %v", len(list), err)
					}
				}
			})
		}
		b.Run("count, capped", func(b *testing.B) {
			for b.Loop() {
				if _, err := s.DeviceCount(ctx, scope, store.DeviceFilter{OrgID: org.ID}); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
}

package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func TestDevicesAreSavedWholeAndUpdatedInPlace(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		seen := time.Date(2026, 11, 20, 8, 30, 0, 0, time.UTC)
		laptop := &store.StoredDevice{Device: posture.Device{Serial: "PF3ABC12", Name: "ASH-LT-0042", Type: posture.Laptop,
			Ownership: posture.Council, OS: posture.Windows, OSVersion: "10.0.22631.4460", LastSeen: seen,
			Encrypted: posture.No, SourceIDs: map[string]string{"intune": "d-1"}, Sources: []string{"intune"},
			MissingUpdates: []posture.Update{{ID: "KB5044284", Severity: posture.Critical, Released: seen.AddDate(0, 0, -40)}}}}
		err := s.InTx(ctx, func(ctx context.Context) error {
			return s.SaveDevices(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, []*store.StoredDevice{laptop, {Device: posture.Device{Name: "ASH-PC-1"}}})
		})
		if err != nil {
			t.Fatal(err)
		}
		if laptop.ID == 0 {
			t.Fatal("a new device got no id")
		}
		laptop.Device.Encrypted = posture.Yes
		if err := s.InTx(ctx, func(ctx context.Context) error {
			return s.SaveDevices(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, []*store.StoredDevice{laptop})
		}); err != nil {
			t.Fatal(err)
		}
		list, err := s.OrgDevices(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("OrgDevices = %d devices, %v; want 2", len(list), err)
		}
		got := list[0].Device
		if got.Serial != "PF3ABC12" || got.Encrypted != posture.Yes || got.SourceIDs["intune"] != "d-1" ||
			len(got.MissingUpdates) != 1 || !got.LastSeen.Equal(seen) {
			t.Errorf("device read back as %+v", got)
		}
		if _, err := s.Device(ctx, tenancy.ScopeOf(b.ID), laptop.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another council read the device: %v", err)
		}
		if others, _ := s.OrgDevices(ctx, tenancy.ForSystem(tenancy.JobTest), b.ID); len(others) != 0 {
			t.Errorf("another council holds %d devices", len(others))
		}
	})
}

func TestFindingsKeepHistoryAndStayInTheirOrg(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		day1 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		subject := finding.Subject{Kind: finding.Device, Key: "device:1", Name: "ASH-LT-0042"}
		fail := []finding.Observation{{Control: "disk-encryption", Subject: subject, Outcome: finding.Fail, Severity: "high",
			Evidence: []finding.Evidence{{Field: "encrypted", Value: "no", Want: "yes"}}}}
		apply := func(orgID int64, obs []finding.Observation, now time.Time) finding.Plan {
			t.Helper()
			held, err := s.OrgFindings(ctx, tenancy.ForSystem(tenancy.JobTest), orgID, finding.Device)
			if err != nil {
				t.Fatal(err)
			}
			plan := finding.Reconcile(orgID, held, obs, now)
			if err := s.InTx(ctx, func(ctx context.Context) error { return s.ApplyFindings(ctx, tenancy.ForSystem(tenancy.JobTest), plan) }); err != nil {
				t.Fatal(err)
			}
			return plan
		}
		apply(a.ID, fail, day1)
		apply(a.ID, fail, day1.AddDate(0, 0, 1))
		list, total, err := s.Findings(ctx, tenancy.ScopeOf(a.ID), store.FindingFilter{OrgID: a.ID})
		if err != nil || total != 1 || len(list) != 1 {
			t.Fatalf("after two failing runs: %d findings (%v); want exactly one", total, err)
		}
		f := list[0]
		if !f.FirstSeen.Equal(day1) || !f.LastSeen.Equal(day1.AddDate(0, 0, 1)) || f.Evidence[0].Value != "no" {
			t.Errorf("finding = %+v", f)
		}
		pass := []finding.Observation{{Control: "disk-encryption", Subject: subject, Outcome: finding.Pass}}
		apply(a.ID, pass, day1.AddDate(0, 0, 2))
		f, err = s.Finding(ctx, tenancy.ScopeOf(a.ID), f.ID)
		if err != nil || f.State != finding.Resolved || !f.ResolvedAt.Equal(day1.AddDate(0, 0, 2)) {
			t.Errorf("after a passing run: %+v %v", f, err)
		}
		events, err := s.FindingEvents(ctx, tenancy.ScopeOf(a.ID), f.ID)
		if err != nil || len(events) != 2 || events[0].Kind != finding.Opened || events[1].Kind != finding.ResolvedByCheck {
			t.Errorf("history = %+v %v; want opened then resolved", events, err)
		}
		if _, err := s.DB().ExecContext(ctx, `DELETE FROM finding_events`); err == nil {
			t.Error("a finding's history could be deleted")
		}
		if _, err := s.Finding(ctx, tenancy.ScopeOf(b.ID), f.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("another council read the finding: %v", err)
		}
		if list, _, _ := s.Findings(ctx, tenancy.ScopeOf(b.ID), store.FindingFilter{}); len(list) != 0 {
			t.Errorf("another council listed %d findings", len(list))
		}
		if ev, _ := s.FindingEvents(ctx, tenancy.ScopeOf(b.ID), f.ID); len(ev) != 0 {
			t.Errorf("another council read the history")
		}
		tallies, err := s.FindingTallies(ctx, tenancy.ScopeOf(a.ID), a.ID)
		if err != nil || len(tallies) != 1 || tallies[0].State != "resolved" || tallies[0].Count != 1 {
			t.Errorf("tallies = %+v %v", tallies, err)
		}
	})
}

func TestPostureDaysAreRewrittenWithinTheDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, _ := twoCouncils(t, s)
		for _, fail := range []int{9, 4} {
			if err := s.SavePostureDay(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, []store.ControlDay{{Day: "2026-11-20", Control: "firewall", Pass: 100 - fail, Fail: fail}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SavePostureDay(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, []store.ControlDay{{Day: "2026-11-21", Control: "firewall", Pass: 99, Fail: 1}}); err != nil {
			t.Fatal(err)
		}
		days, err := s.PostureDays(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, "2026-11-01", "2026-11-30")
		if err != nil || len(days) != 2 || days[0].Fail != 4 || days[1].Fail != 1 {
			t.Errorf("days = %+v %v", days, err)
		}
		if err := s.SetOrgDomains(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID, []string{"ashcombe.gov.uk", "ashcombe-leisure.org.uk"}); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.OrgDomains(ctx, tenancy.ForSystem(tenancy.JobTest), a.ID); len(d) != 2 || d[0] != "ashcombe-leisure.org.uk" {
			t.Errorf("domains = %v", d)
		}
	})
}

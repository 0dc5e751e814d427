package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Findings page by key (severity, first seen, id): forward over many ties
// every finding is shown once, back from the end retraces the pages, and a
// cursor from a wider scope shows only the caller's own findings.
func TestFindingPagesShowEveryFindingOnceBothWays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		seen := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
		severities := []string{"critical", "high", "medium", "low"}
		for _, org := range []int64{a.ID, b.ID} {
			var obs []finding.Observation
			for i := range 23 {
				subject := finding.Subject{Kind: finding.Device, Key: fmt.Sprintf("device:%d", i), Name: fmt.Sprintf("LT-%02d", i)}
				obs = append(obs, finding.Observation{Control: "disk-encryption", Subject: subject, Outcome: finding.Fail,
					Severity: severities[i%4], Evidence: []finding.Evidence{{Field: "encrypted", Value: "no", Want: "yes"}}})
			}
			plan := finding.Reconcile(org, nil, obs, seen) // every first seen the same instant
			if err := s.InTx(ctx, func(ctx context.Context) error { return s.ApplyFindings(ctx, tenancy.ForSystem(tenancy.JobTest), plan) }); err != nil {
				t.Fatal(err)
			}
		}
		both := tenancy.ScopeOf(a.ID, b.ID)
		read := func(scope tenancy.Scope, cur *keyset.Cursor) (ids []int64, prev, next *keyset.Cursor) {
			t.Helper()
			list, total, err := s.Findings(ctx, scope, store.FindingFilter{Limit: 6, After: cur})
			if err != nil {
				t.Fatal(err)
			}
			if scope.Allows(a.ID) && scope.Allows(b.ID) && total != 46 {
				t.Errorf("total %d, want 46 on every page", total)
			}
			list, prev, next = keyset.Trim(list, 5, cur, store.FindingCursor)
			for _, f := range list {
				ids = append(ids, f.ID)
			}
			return ids, prev, next
		}
		var pages [][]int64
		var all []int64
		var cur, lastPrev *keyset.Cursor
		for range 20 {
			ids, prev, next := read(both, cur)
			pages, all = append(pages, ids), append(all, ids...)
			lastPrev = prev
			if next == nil {
				break
			}
			cur = next
		}
		unique := slices.Clone(all)
		slices.Sort(unique)
		if len(slices.Compact(unique)) != 46 || len(all) != 46 {
			t.Fatalf("paging forward showed %d findings, %d different; want each of 46 once", len(all), len(slices.Compact(unique)))
		}
		// From the last page's previous link, back to the first page.
		ids, prev, _ := read(both, lastPrev)
		for i := len(pages) - 2; ; i-- {
			if !slices.Equal(ids, pages[i]) {
				t.Fatalf("back at page %d: %v, want %v", i+1, ids, pages[i])
			}
			if prev == nil {
				if i != 0 {
					t.Fatalf("no way back from page %d", i+1)
				}
				break
			}
			ids, prev, _ = read(both, prev)
		}
		// A cursor from the two-council list, used by one council's user.
		ids, _, _ = read(tenancy.ScopeOf(b.ID), cur)
		for _, id := range ids {
			f, err := s.Finding(ctx, tenancy.ForSystem(tenancy.JobTest), id)
			if err != nil || f.OrgID != b.ID {
				t.Errorf("a cursor showed finding %d of org %d to the other council", id, f.OrgID)
			}
		}
	})
}

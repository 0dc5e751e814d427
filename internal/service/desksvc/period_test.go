package desksvc_test

import (
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// The report's named periods, in London, on a day in the second quarter,
// on the first of a year (when last quarter is the year before's) and late
// on New Year's Eve in UTC, which is already New Year's Day nowhere else.
func TestNamedPeriodsAreTheCalendarsOwn(t *testing.T) {
	for _, c := range []struct {
		now, name, first, last string
	}{
		{"2026-05-14T10:00:00Z", "last-month", "2026-04-01", "2026-04-30"},
		{"2026-05-14T10:00:00Z", "this-quarter", "2026-04-01", "2026-05-14"},
		{"2026-05-14T10:00:00Z", "last-quarter", "2026-01-01", "2026-03-31"},
		{"2026-05-14T10:00:00Z", "this-year", "2026-01-01", "2026-05-14"},
		{"2026-05-14T10:00:00Z", "last-year", "2025-01-01", "2025-12-31"},
		{"2026-01-01T09:00:00Z", "last-quarter", "2025-10-01", "2025-12-31"},
		{"2026-01-01T09:00:00Z", "last-month", "2025-12-01", "2025-12-31"},
		{"2026-06-30T23:30:00Z", "this-quarter", "2026-07-01", "2026-07-01"}, // 00:30 BST on 1 July
	} {
		now, _ := time.Parse(time.RFC3339, c.now)
		first, last, ok := desksvc.NamedPeriod(c.name, now, "Europe/London")
		if !ok || first.String() != c.first || last.String() != c.last {
			t.Errorf("%s at %s: %s to %s (%v), want %s to %s", c.name, c.now, first, last, ok, c.first, c.last)
		}
	}
	if _, _, ok := desksvc.NamedPeriod("last-decade", time.Now(), "Europe/London"); ok {
		t.Error("an unknown period was taken")
	}
}

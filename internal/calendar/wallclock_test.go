package calendar

import (
	"testing"
	"time"
)

func TestInstantAtClockChanges(t *testing.T) {
	tests := []struct {
		name   string
		day    Date
		minute int
		want   string // UTC
	}{
		{"ordinary winter morning", Date{2024, 1, 10}, 9 * 60, "2024-01-10T09:00:00Z"},
		{"ordinary summer morning", Date{2024, 7, 10}, 9 * 60, "2024-07-10T08:00:00Z"},
		{"before the jump", Date{2024, 3, 31}, 0*60 + 59, "2024-03-31T00:59:00Z"},
		{"skipped 01:00 is the jump", Date{2024, 3, 31}, 60, "2024-03-31T01:00:00Z"},
		{"skipped 01:30 is the jump", Date{2024, 3, 31}, 90, "2024-03-31T01:00:00Z"},
		{"02:00 BST is the jump", Date{2024, 3, 31}, 120, "2024-03-31T01:00:00Z"},
		{"after the jump", Date{2024, 3, 31}, 9 * 60, "2024-03-31T08:00:00Z"},
		{"repeated 01:00 is the first", Date{2024, 10, 27}, 60, "2024-10-27T00:00:00Z"},
		{"repeated 01:30 is the first", Date{2024, 10, 27}, 90, "2024-10-27T00:30:00Z"},
		{"02:00 GMT after the repeat", Date{2024, 10, 27}, 120, "2024-10-27T02:00:00Z"},
		{"midnight ending the long day", Date{2024, 10, 27}, 24 * 60, "2024-10-28T00:00:00Z"},
	}
	for _, tt := range tests {
		got := time.Unix(0, instant(london, tt.day, tt.minute)).UTC().Format(time.RFC3339)
		if got != tt.want {
			t.Errorf("%s: instant(%s, %s) = %s, want %s", tt.name, tt.day, clock(tt.minute), got, tt.want)
		}
	}
}

// Every minute of every day a zone changes its clocks must map to an instant
// no earlier than the minute before: otherwise spans could overlap or turn
// inside out.
func TestInstantIsMonotonic(t *testing.T) {
	for _, zone := range []string{"Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia", "America/Sao_Paulo"} {
		loc := mustLoad(zone)
		for day := (Date{2008, 1, 1}); day.Year < 2013; day = day.AddDays(1) {
			a := time.Date(day.Year, day.Month, day.Day, 0, 0, 0, 0, loc)
			b := time.Date(day.Year, day.Month, day.Day+1, 0, 0, 0, 0, loc)
			if b.Sub(a) == 24*time.Hour && a.Hour() == 0 {
				continue
			}
			prev := instant(loc, day, 0)
			for m := 1; m <= 24*60; m++ {
				cur := instant(loc, day, m)
				if cur < prev {
					t.Fatalf("%s %s: %s maps before %s", zone, day, clock(m), clock(m-1))
				}
				if wall := time.Unix(0, cur).In(loc); wall.Hour()*60+wall.Minute() < m%1440 && DateOf(wall) == day {
					t.Fatalf("%s %s %s: instant reads %s on the wall clock, earlier than asked", zone, day, clock(m), wall)
				}
				prev = cur
			}
		}
	}
}

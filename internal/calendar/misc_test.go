package calendar

import (
	"testing"
	"time"
)

func TestIsWorking(t *testing.T) {
	cals := testCalendars(t)
	tests := []struct {
		cal, at string
		want    bool
	}{
		{"default", "2024-06-11 09:00", true},
		{"default", "2024-06-11 08:59", false},
		{"default", "2024-06-11 16:59", true},
		{"default", "2024-06-11 17:00", false},
		{"default", "2024-06-15 12:00", false}, // Saturday
		{"default", "2024-12-25 12:00", false},
		{"lunch", "2024-06-11 12:30", false},
		{"lunch", "2024-06-11 13:00", true},
		{"closures", "2024-12-24 12:29", true},
		{"closures", "2024-12-24 12:30", false},
		{"sundays", "2024-10-27 01:30", true},
	}
	for _, tt := range tests {
		if got := cals[tt.cal].IsWorking(lt(tt.at)); got != tt.want {
			t.Errorf("%s: IsWorking(%s) = %v, want %v", tt.cal, tt.at, got, tt.want)
		}
	}
	if cals["sundays"].IsWorking(time.Date(2150, 1, 4, 12, 0, 0, 0, time.UTC)) {
		t.Error("a Sunday after the range is working")
	}
}

func TestDayLength(t *testing.T) {
	tests := []struct {
		name string
		days map[time.Weekday]string
		want time.Duration
	}{
		{"nine to five", map[time.Weekday]string{1: "09:00-17:00", 2: "09:00-17:00", 3: "09:00-17:00", 4: "09:00-17:00", 5: "09:00-17:00"}, 8 * time.Hour},
		{"short Friday", map[time.Weekday]string{1: "09:00-17:30", 2: "09:00-17:30", 3: "09:00-17:30", 4: "09:00-17:30", 5: "09:00-16:30"}, 8*time.Hour + 30*time.Minute},
		{"lunch break", map[time.Weekday]string{1: "08:00-12:00, 13:00-16:30"}, 7*time.Hour + 30*time.Minute},
		{"tie goes to the longer", map[time.Weekday]string{1: "09:00-17:00", 2: "09:00-13:00", 6: "10:00-14:00", 0: "00:00-24:00"}, 4 * time.Hour},
		{"even tie", map[time.Weekday]string{1: "09:00-17:00", 2: "09:00-13:00"}, 8 * time.Hour},
		{"no hours", nil, 0},
	}
	for _, tt := range tests {
		d := Default()
		d.Week = week(t, tt.days)
		if got := compile(t, d).DayLength(); got != tt.want {
			t.Errorf("%s: DayLength = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHolidaysIncludeAdditions(t *testing.T) {
	d := Default()
	d.Additions = []Holiday{{Date: Date{2024, 12, 24}, Title: "Christmas Eve (council closure)"}, {Date: Date{2023, 12, 27}, Title: "other year"}}
	got := compile(t, d).Holidays(2024)
	var dates []string
	for _, h := range got {
		dates = append(dates, h.Date.String())
	}
	want := []string{"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-24", "2024-12-25", "2024-12-26"}
	if len(dates) != len(want) {
		t.Fatalf("Holidays(2024) = %v, want %v", dates, want)
	}
	for i := range want {
		if dates[i] != want[i] {
			t.Fatalf("Holidays(2024) = %v, want %v", dates, want)
		}
	}
}

func TestOutsideRange(t *testing.T) {
	d := Default()
	d.Region = ""
	d.Week = week(t, map[time.Weekday]string{0: "00:00-24:00", 1: "00:00-24:00", 2: "00:00-24:00", 3: "00:00-24:00", 4: "00:00-24:00", 5: "00:00-24:00", 6: "00:00-24:00"})
	c := compile(t, d)
	lo, hi := c.Range()
	if want := time.Date(2000, 1, 1, 0, 0, 0, 0, london); !lo.Equal(want) {
		t.Errorf("range starts %s, want %s", lo, want)
	}
	if want := time.Date(2101, 1, 1, 0, 0, 0, 0, london); !hi.Equal(want) {
		t.Errorf("range ends %s, want %s", hi, want)
	}
	if got := c.Between(time.Time{}, lo.Add(time.Hour)); got != time.Hour {
		t.Errorf("Between(zero time, start+1h) = %v, want 1h: only the part in range counts", got)
	}
	if got := c.Between(hi.Add(-time.Hour), hi.AddDate(500, 0, 0)); got != time.Hour {
		t.Errorf("Between(end-1h, far future) = %v, want 1h", got)
	}
	if got := c.Add(hi.Add(-time.Hour), 2*time.Hour); !got.Equal(hi) {
		t.Errorf("Add past the end = %s, want the range end %s", got, hi)
	}
	later := hi.AddDate(1, 0, 0)
	if got := c.Add(later, time.Hour); !got.Equal(later) {
		t.Errorf("Add from after the range = %s, want from itself", got)
	}
	if got := c.Add(time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour); !got.Equal(lo.Add(time.Hour)) {
		t.Errorf("Add from before the range = %s, want an hour after the range start", got)
	}
	if got := c.Add(lo, time.Duration(1<<63-1)); !got.Equal(hi) {
		t.Errorf("Add(max duration) = %s, want the range end", got)
	}
	// A 24/7 century: the tables must not overflow.
	if got, want := c.Between(lo, hi), hi.Sub(lo); got != want {
		t.Errorf("Between over the whole range = %v, want %v", got, want)
	}
}

func TestDefinitionIsACopy(t *testing.T) {
	d := Default()
	c := compile(t, d)
	d.Week[time.Monday][0].End = 20 * 60
	got := c.Definition()
	got.Week[time.Tuesday][0].End = 20 * 60
	if c.Definition().Week[time.Monday][0].End != 17*60 || c.Definition().Week[time.Tuesday][0].End != 17*60 {
		t.Error("changing a definition after New changed the calendar's")
	}
	if c.Between(lt("2024-06-10 09:00"), lt("2024-06-10 20:00")) != 8*time.Hour {
		t.Error("changing a definition after New changed the calendar")
	}
}

func TestNewRefusesInvalid(t *testing.T) {
	d := Default()
	d.TimeZone = "Europe/Londres"
	if _, err := New(d); err == nil {
		t.Fatal("New accepted an unknown zone")
	}
}

// Another zone, to show nothing assumes London: New York changes clocks at
// 02:00 on other dates, Lord Howe by half an hour, and Samoa skipped
// 30 December 2011 altogether.
func TestOtherZones(t *testing.T) {
	tests := []struct {
		zone     string
		from, to [3]int
		want     time.Duration
	}{
		{"America/New_York", [3]int{2024, 3, 10}, [3]int{2024, 3, 11}, 23 * time.Hour},
		{"America/New_York", [3]int{2024, 11, 3}, [3]int{2024, 11, 4}, 25 * time.Hour},
		{"Australia/Lord_Howe", [3]int{2024, 10, 6}, [3]int{2024, 10, 7}, 23*time.Hour + 30*time.Minute},
		{"Pacific/Apia", [3]int{2011, 12, 29}, [3]int{2012, 1, 1}, 48 * time.Hour},
	}
	for _, tt := range tests {
		d := Default()
		d.TimeZone, d.Region = tt.zone, ""
		d.Week = Week{{{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}}
		c := compile(t, d)
		loc := c.Location()
		from := time.Date(tt.from[0], time.Month(tt.from[1]), tt.from[2], 0, 0, 0, 0, loc)
		to := time.Date(tt.to[0], time.Month(tt.to[1]), tt.to[2], 0, 0, 0, 0, loc)
		if got := c.Between(from, to); got != tt.want {
			t.Errorf("%s: Between(%s, %s) = %v, want %v", tt.zone, from, to, got, tt.want)
		}
		if got := c.Add(from, tt.want); !got.Equal(to) {
			t.Errorf("%s: Add(%s, %v) = %s, want %s", tt.zone, from, tt.want, got, to)
		}
	}
}

// The SLA engine codes against this interface (desk.WorkingTime).
var _ interface {
	Between(from, to time.Time) time.Duration
	Add(from time.Time, d time.Duration) time.Time
	DayLength() time.Duration
} = (*Calendar)(nil)

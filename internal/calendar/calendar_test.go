package calendar

import (
	"testing"
	"time"
)

var london = mustLoad("Europe/London")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// lt is a London wall-clock time, "2024-10-25 16:00" or with seconds,
// "2024-10-25 16:00:30.5".
func lt(s string) time.Time {
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout = "2006-01-02 15:04:05.999999999"
	}
	t, err := time.ParseInLocation(layout, s, london)
	if err != nil {
		panic(err)
	}
	return t
}

// week builds a Week from "monday=09:00-17:00" style entries.
func week(t testing.TB, days map[time.Weekday]string) Week {
	t.Helper()
	var w Week
	for wd, s := range days {
		spans, err := ParseWeekSpans(s)
		if err != nil {
			t.Fatal(err)
		}
		w[wd] = spans
	}
	return w
}

func compile(t testing.TB, d Definition) *Calendar {
	t.Helper()
	c, err := New(d)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func closure(from, to string) Closure {
	f, err := ParseLocalTime(from)
	if err != nil {
		panic(err)
	}
	u, err := ParseLocalTime(to)
	if err != nil {
		panic(err)
	}
	return Closure{From: f, To: u, Reason: "test"}
}

// The calendars the table tests use.
func testCalendars(t testing.TB) map[string]*Calendar {
	weekdays := func(s string) map[time.Weekday]string {
		m := map[time.Weekday]string{}
		for wd := time.Monday; wd <= time.Friday; wd++ {
			m[wd] = s
		}
		return m
	}
	lunch := Default()
	lunch.Week = week(t, weekdays("08:00-12:00, 13:00-17:00"))

	sundays := Default()
	sundays.Region = ""
	sundays.Week = week(t, map[time.Weekday]string{time.Sunday: "00:00-24:00"})

	closed := Default()
	closed.Closures = []Closure{
		closure("2024-12-24T12:30", "2024-12-25T00:00"), // Christmas Eve afternoon
		closure("2024-08-14T00:00", "2024-08-15T00:00"), // a whole day, for an office move
	}

	noRegion := Default()
	noRegion.Region = ""
	noRegion.Additions = []Holiday{{Date: Date{2022, 9, 19}, Title: "State funeral"}}

	return map[string]*Calendar{
		"default":   compile(t, Default()),
		"lunch":     compile(t, lunch),
		"sundays":   compile(t, sundays),
		"closures":  compile(t, closed),
		"additions": compile(t, noRegion),
	}
}

func TestBetween(t *testing.T) {
	cals := testCalendars(t)
	tests := []struct {
		cal, name, from, to string
		want                time.Duration
	}{
		{"default", "same day", "2024-06-11 10:15", "2024-06-11 11:45", 90 * time.Minute},
		{"default", "backwards is zero", "2024-06-11 11:45", "2024-06-11 10:15", 0},
		{"default", "overnight", "2024-06-11 16:00", "2024-06-12 10:00", 2 * time.Hour},
		{"default", "night only", "2024-06-11 18:00", "2024-06-12 08:59", 0},
		{"default", "weekend", "2024-06-14 16:00", "2024-06-17 10:00", 2 * time.Hour},
		{"default", "whole week", "2024-06-10 00:00", "2024-06-17 00:00", 40 * time.Hour},
		{"default", "spring bank holiday", "2024-05-24 12:00", "2024-05-28 12:00", 8 * time.Hour},
		{"default", "Christmas 2021 at a weekend", "2021-12-24 09:00", "2021-12-30 09:00", 16 * time.Hour},
		{"default", "Christmas 2022 on a Sunday", "2022-12-23 09:00", "2022-12-29 09:00", 16 * time.Hour},
		{"default", "state funeral", "2022-09-16 09:00", "2022-09-21 09:00", 16 * time.Hour},
		{"default", "BST starts: week unchanged", "2024-03-25 09:00", "2024-04-05 17:00", 64 * time.Hour},
		{"default", "BST ends: Fri to Mon", "2024-10-25 09:00", "2024-10-28 17:00", 16 * time.Hour},
		{"default", "a year", "2024-01-01 00:00", "2025-01-01 00:00", (366 - 104 - 8) * 8 * time.Hour},
		{"sundays", "23-hour Sunday", "2024-03-31 00:00", "2024-04-01 00:00", 23 * time.Hour},
		{"sundays", "25-hour Sunday", "2024-10-27 00:00", "2024-10-28 00:00", 25 * time.Hour},
		{"sundays", "ordinary Sunday", "2024-10-20 00:00", "2024-10-21 00:00", 24 * time.Hour},
		{"sundays", "BST weekend from Saturday noon", "2024-03-30 12:00", "2024-04-01 12:00", 23 * time.Hour},
		{"sundays", "Sunday before 01:00 GMT jump", "2024-03-31 00:00", "2024-03-31 03:00", 2 * time.Hour},
		{"sundays", "Sunday over the repeated hour", "2024-10-27 00:00", "2024-10-27 03:00", 4 * time.Hour},
		{"lunch", "across lunch", "2024-06-11 11:00", "2024-06-11 14:00", 2 * time.Hour},
		{"lunch", "lunch only", "2024-06-11 12:00", "2024-06-11 13:00", 0},
		{"lunch", "whole day", "2024-06-11 00:00", "2024-06-12 00:00", 8 * time.Hour},
		{"closures", "Christmas Eve afternoon closed", "2024-12-24 09:00", "2024-12-24 17:00", 210 * time.Minute},
		{"closures", "closed all day", "2024-08-13 09:00", "2024-08-15 17:00", 16 * time.Hour},
		{"closures", "day before unaffected", "2024-08-13 09:00", "2024-08-14 00:00", 8 * time.Hour},
		{"additions", "added holiday", "2022-09-19 00:00", "2022-09-20 00:00", 0},
		{"additions", "no bank holidays", "2022-08-29 00:00", "2022-08-30 00:00", 8 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.cal+"/"+tt.name, func(t *testing.T) {
			if got := cals[tt.cal].Between(lt(tt.from), lt(tt.to)); got != tt.want {
				t.Errorf("Between(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestAdd(t *testing.T) {
	cals := testCalendars(t)
	tests := []struct {
		cal, name, from string
		d               time.Duration
		want            string
	}{
		{"default", "same day", "2024-06-11 10:00", 2 * time.Hour, "2024-06-11 12:00"},
		{"default", "zero", "2024-06-11 22:00", 0, "2024-06-11 22:00"},
		{"default", "negative", "2024-06-11 22:00", -time.Hour, "2024-06-11 22:00"},
		{"default", "into tomorrow", "2024-06-11 16:00", 2 * time.Hour, "2024-06-12 10:00"},
		{"default", "opened at night", "2024-06-11 22:00", time.Hour, "2024-06-12 10:00"},
		{"default", "opened before work", "2024-06-12 07:00", time.Hour, "2024-06-12 10:00"},
		{"default", "opened at a weekend", "2024-06-15 10:00", 4 * time.Hour, "2024-06-17 13:00"},
		{"default", "ends exactly at close", "2024-06-15 10:00", 8 * time.Hour, "2024-06-17 17:00"},
		{"default", "ends at close, not next open", "2024-06-14 09:00", 8 * time.Hour, "2024-06-14 17:00"},
		{"default", "opened on a bank holiday", "2024-05-27 10:00", 30 * time.Minute, "2024-05-28 09:30"},
		{"default", "Easter and BST start", "2024-03-28 16:00", 2 * time.Hour, "2024-04-02 10:00"},
		{"default", "BST end keeps 16:00", "2024-10-25 16:00", 8 * time.Hour, "2024-10-28 16:00"},
		{"default", "Christmas 2021", "2021-12-24 16:00", 2 * time.Hour, "2021-12-29 10:00"},
		{"default", "Christmas 2022", "2022-12-23 17:00", time.Hour, "2022-12-28 10:00"},
		{"default", "two working days", "2024-06-12 14:30", 16 * time.Hour, "2024-06-14 14:30"},
		{"default", "seconds kept", "2024-06-12 14:30", 90*time.Second + 5*time.Millisecond, "2024-06-12 14:31:30.005"},
		{"lunch", "over lunch", "2024-06-11 11:30", time.Hour, "2024-06-11 13:30"},
		{"lunch", "to the start of lunch", "2024-06-11 11:00", time.Hour, "2024-06-11 12:00"},
		{"lunch", "opened at lunch", "2024-06-11 12:15", time.Hour, "2024-06-11 14:00"},
		{"sundays", "through the 25-hour Sunday", "2024-10-27 00:00", 25 * time.Hour, "2024-10-28 00:00"},
		{"sundays", "through the 23-hour Sunday", "2024-03-31 00:00", 23 * time.Hour, "2024-04-01 00:00"},
		{"sundays", "to the end of Sunday", "2024-03-31 12:00", 12 * time.Hour, "2024-04-01 00:00"},
		{"sundays", "on to the next Sunday", "2024-03-31 12:00", 13 * time.Hour, "2024-04-07 01:00"},
		{"closures", "skips the closed afternoon", "2024-12-24 12:00", time.Hour, "2024-12-27 09:30"},
		{"closures", "skips the closed day", "2024-08-13 16:00", 2 * time.Hour, "2024-08-15 10:00"},
		{"additions", "skips the added holiday", "2022-09-16 16:00", 2 * time.Hour, "2022-09-20 10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.cal+"/"+tt.name, func(t *testing.T) {
			want := lt(tt.want)
			got := cals[tt.cal].Add(lt(tt.from), tt.d)
			if !got.Equal(want) {
				t.Errorf("Add(%s, %v) = %s, want %s", tt.from, tt.d, got, want)
			}
			if got.Location() != london {
				t.Errorf("result in %s, want the caller's location", got.Location())
			}
		})
	}
}

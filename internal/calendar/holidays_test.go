package calendar

import (
	"slices"
	"strings"
	"testing"
)

// govUK is GOV.UK's published list for 2020–2026, written out by hand.
var govUK = map[Region]map[int]string{
	EnglandAndWales: {
		2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
		2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
		2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
		2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
		2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
		2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
		2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
	},
	Scotland: {
		2020: "01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28",
		2021: "01-01 01-04 04-02 05-03 05-31 08-02 11-30 12-27 12-28",
		2022: "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27",
		2023: "01-02 01-03 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26",
		2024: "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26",
		2025: "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26",
		2026: "01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28",
	},
	NorthernIreland: {
		2020: "01-01 03-17 04-10 04-13 05-08 05-25 07-13 08-31 12-25 12-28",
		2021: "01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27 12-28",
		2022: "01-03 03-17 04-15 04-18 05-02 06-02 06-03 07-12 08-29 09-19 12-26 12-27",
		2023: "01-02 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26",
		2024: "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26",
		2025: "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26",
		2026: "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28",
	},
}

func TestBankHolidaysMatchGovUK(t *testing.T) {
	for region, years := range govUK {
		for year, want := range years {
			var got []string
			for _, h := range BankHolidays(region, year) {
				if h.Date.Year != year {
					t.Errorf("%s %d: %s is in another year", region, year, h.Date)
				}
				got = append(got, h.Date.String()[5:])
			}
			if g := strings.Join(got, " "); g != want {
				t.Errorf("%s %d:\n got %s\nwant %s", region, year, g, want)
			}
		}
	}
}

func TestBankHolidayTitles(t *testing.T) {
	tests := []struct {
		region Region
		date   string
		title  string
	}{
		{EnglandAndWales, "2021-12-27", "Christmas Day (substitute day)"},
		{EnglandAndWales, "2021-12-28", "Boxing Day (substitute day)"},
		{EnglandAndWales, "2022-12-26", "Boxing Day"},
		{EnglandAndWales, "2022-12-27", "Christmas Day (substitute day)"},
		{EnglandAndWales, "2020-05-08", "Early May bank holiday (VE day)"},
		{EnglandAndWales, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"},
		{EnglandAndWales, "2023-05-08", "Bank holiday for the coronation of King Charles III"},
		{Scotland, "2022-01-04", "2nd January (substitute day)"},
		{Scotland, "2023-01-02", "2nd January"},
		{Scotland, "2023-01-03", "New Year’s Day (substitute day)"},
		{Scotland, "2024-12-02", "St Andrew’s Day (substitute day)"},
		{NorthernIreland, "2024-03-18", "St Patrick’s Day (substitute day)"},
		{NorthernIreland, "2025-07-14", "Battle of the Boyne (Orangemen’s Day) (substitute day)"},
	}
	for _, tt := range tests {
		d, _ := ParseDate(tt.date)
		i := slices.IndexFunc(BankHolidays(tt.region, d.Year), func(h Holiday) bool { return h.Date == d })
		if i < 0 {
			t.Errorf("%s %s: not a bank holiday", tt.region, tt.date)
			continue
		}
		if got := BankHolidays(tt.region, d.Year)[i].Title; got != tt.title {
			t.Errorf("%s %s: title %q, want %q", tt.region, tt.date, got, tt.title)
		}
	}
}

// The one-off days before GOV.UK's published range: the late-May holiday
// moved for the 2002 and 2012 jubilees, and the 2011 royal wedding.
func TestBankHolidaysOneOffs(t *testing.T) {
	tests := []struct {
		year        int
		has, hasNot []string
	}{
		{2002, []string{"2002-06-03", "2002-06-04"}, []string{"2002-05-27"}},
		{2011, []string{"2011-04-29", "2011-05-30"}, nil},
		{2012, []string{"2012-06-04", "2012-06-05"}, []string{"2012-05-28"}},
		{2019, []string{"2019-05-06", "2019-05-27"}, []string{"2019-05-08"}},
	}
	for _, r := range Regions() {
		for _, tt := range tests {
			var got []string
			for _, h := range BankHolidays(r, tt.year) {
				got = append(got, h.Date.String())
			}
			for _, d := range tt.has {
				if !slices.Contains(got, d) {
					t.Errorf("%s %d: %s missing from %v", r, tt.year, d, got)
				}
			}
			for _, d := range tt.hasNot {
				if slices.Contains(got, d) {
					t.Errorf("%s %d: %s should not be a holiday", r, tt.year, d)
				}
			}
		}
	}
	if hs := BankHolidays("wales", 2024); hs != nil {
		t.Errorf("unknown region has holidays %v", hs)
	}
}

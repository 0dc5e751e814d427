package calendar

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseWeekSpans(t *testing.T) {
	tests := []struct {
		in      string
		want    []Span
		wantErr string
	}{
		{"09:00-17:00", []Span{{540, 1020}}, ""},
		{"09:00-12:30, 13:30-17:00", []Span{{540, 750}, {810, 1020}}, ""},
		{" 13:30-17:00 ,9:00-12:30 ", []Span{{540, 750}, {810, 1020}}, ""},
		{"00:00-24:00", []Span{{0, 1440}}, ""},
		{"", nil, ""},
		{"09:00-12:00, 12:00-17:00", []Span{{540, 720}, {720, 1020}}, ""},
		{"9-5", nil, `"9" is not a time of day`},
		{"09:00", nil, `"09:00" is not a span of hours`},
		{"17:00-09:00", nil, "span 17:00-09:00: start must be before end"},
		{"09:00-09:00", nil, "start must be before end"},
		{"09:00-24:30", nil, `"24:30" is not a time of day`},
		{"25:00-26:00", nil, `"25:00" is not a time of day`},
		{"09:60-10:00", nil, `"09:60" is not a time of day`},
		{"09:00-13:00, 12:00-17:00", nil, "spans 09:00-13:00 and 12:00-17:00 overlap"},
		{"09:00-17:00,", nil, "is not a span of hours"},
		{"+9:00-10:00", nil, "is not a time of day"},
	}
	for _, tt := range tests {
		got, err := ParseWeekSpans(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseWeekSpans(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseWeekSpans(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	if s := (Span{9 * 60, 17*60 + 30}).String(); s != "09:00-17:30" {
		t.Errorf("Span.String = %q", s)
	}
}

func TestDates(t *testing.T) {
	for _, s := range []string{"2018-02-30", "2018-13-01", "18-01-01", "2018-1-1", "", "2018-01-01T00:00"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	d, err := ParseDate("2024-02-29")
	if err != nil || d != (Date{2024, time.February, 29}) || d.String() != "2024-02-29" {
		t.Errorf("ParseDate(2024-02-29) = %v, %v", d, err)
	}
	if (Date{2023, 2, 29}).Valid() || !(Date{2024, 2, 29}).Valid() {
		t.Error("Valid is wrong about 29 February")
	}
	lt, err := ParseLocalTime("2024-12-24T12:30")
	if err != nil || lt != (LocalTime{Date{2024, 12, 24}, 750}) || lt.String() != "2024-12-24T12:30" {
		t.Errorf("ParseLocalTime = %v, %v", lt, err)
	}
	if _, err := ParseLocalTime("2024-12-24T24:00"); err == nil {
		t.Error("ParseLocalTime accepted 24:00: write the next day's 00:00")
	}
	if _, err := json.Marshal(Date{2023, 2, 29}); err == nil {
		t.Error("marshalled a day that does not exist")
	}
}

func TestDefinitionJSONRoundTrip(t *testing.T) {
	d := Default()
	d.Name = "Camden service desk"
	d.Week[time.Saturday] = []Span{{8 * 60, 12 * 60}, {13 * 60, 15 * 60}}
	d.Additions = []Holiday{{Date: Date{2022, 9, 19}, Title: "State funeral"}}
	d.Closures = []Closure{{From: LocalTime{Date{2024, 12, 24}, 750}, To: LocalTime{Date{2024, 12, 25}, 0}, Reason: "Christmas Eve"}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"Camden service desk","time_zone":"Europe/London",` +
		`"week":{"monday":["09:00-17:00"],"tuesday":["09:00-17:00"],"wednesday":["09:00-17:00"],"thursday":["09:00-17:00"],"friday":["09:00-17:00"],"saturday":["08:00-12:00","13:00-15:00"],"sunday":[]},` +
		`"region":"england-and-wales","additions":[{"date":"2022-09-19","title":"State funeral"}],` +
		`"closures":[{"from":"2024-12-24T12:30","to":"2024-12-25T00:00","reason":"Christmas Eve"}]}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	var back Definition
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, d) {
		t.Errorf("round trip\n got %+v\nwant %+v", back, d)
	}
}

func TestDefinitionJSONErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"week":{"mon":["09:00-17:00"]}}`, `week: "mon" is not a day: use monday to sunday`},
		{`{"week":{"monday":["9 till 5"]}}`, `week.monday[0]: "9 till 5" is not a span of hours`},
		{`{"week":["09:00-17:00"]}`, `week: want an object of days`},
		{`{"additions":[{"date":"2022-02-30","title":"x"}]}`, `"2022-02-30" is not a date`},
		{`{"closures":[{"from":"2024-12-24 12:30"}]}`, `"2024-12-24 12:30" is not a local date and time`},
	}
	for _, tt := range tests {
		var d Definition
		err := json.Unmarshal([]byte(tt.in), &d)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Unmarshal(%s) error = %v, want one containing %q", tt.in, err, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := Default().Validate(); err != nil {
		t.Fatalf("Default() is invalid: %v", err)
	}
	bad := Default()
	bad.Name = "Barnet"
	bad.TimeZone = "GMT+1"
	bad.Region = "wales"
	bad.Week[time.Monday] = []Span{{9 * 60, 13 * 60}, {12 * 60, 17 * 60}}
	bad.Week[time.Tuesday] = []Span{{17 * 60, 9 * 60}}
	bad.Week[time.Wednesday] = []Span{{-60, 9 * 60}}
	bad.Additions = []Holiday{{Date: Date{2023, 2, 29}, Title: "no such day"}}
	bad.Closures = []Closure{
		{From: LocalTime{Date{2024, 12, 24}, 900}, To: LocalTime{Date{2024, 12, 24}, 600}},
		{From: LocalTime{Date{2024, 12, 24}, 600}, To: LocalTime{Date{2024, 12, 24}, 1440}},
		{To: LocalTime{Date{2024, 12, 24}, 600}},
	}
	bad.Additions = append(bad.Additions, Holiday{Title: "no date"})
	err := bad.Validate()
	if err == nil {
		t.Fatal("Validate accepted a bad definition")
	}
	for _, want := range []string{
		`calendar "Barnet": `,
		`time zone "GMT+1" is not known: use an IANA name such as Europe/London`,
		`monday: spans 09:00-13:00 and 12:00-17:00 overlap`,
		`tuesday: span 17:00-09:00: start must be before end`,
		`wednesday: span -1:00-09:00 is not within 00:00-24:00`,
		`region "wales" is not known`,
		`additions[0]: 2023-02-29 is not a real day`,
		`closures[0]: from 2024-12-24T15:00 must be before to 2024-12-24T10:00`,
		`closures[1]: to 2024-12-24T24:00 is not a real day and time`,
		`closures[2]: from is missing`,
		`additions[1]: date is missing`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q:\n%v", want, err)
		}
	}
	local := Default()
	local.TimeZone = "Local"
	if local.Validate() == nil {
		t.Error(`Validate accepted "Local", which depends on the server`)
	}
	notUTF8 := Default()
	notUTF8.Name = "Caf\xe9"
	notUTF8.Additions = []Holiday{{Date: Date{2025, 5, 6}, Title: "F\xeate"}}
	notUTF8.Closures = []Closure{{From: LocalTime{Date{2025, 5, 7}, 0}, To: LocalTime{Date{2025, 5, 8}, 0}, Reason: "\xff"}}
	err = notUTF8.Validate()
	for _, want := range []string{"name is not valid UTF-8 text", "additions[0]: title is not valid UTF-8 text",
		"closures[0]: reason is not valid UTF-8 text"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q: %v", want, err)
		}
	}
	none := Default()
	none.TimeZone, none.Region = "", ""
	if err := none.Validate(); err != nil {
		t.Errorf("empty zone and region should mean London and no holidays: %v", err)
	}
}

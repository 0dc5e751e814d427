package calendar

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// The 2022 file, in GOV.UK's format, agrees with what BankHolidays
// generates, titles included.
func TestImportGovUK(t *testing.T) {
	f, err := os.Open("testdata/bank-holidays-2022.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ImportGovUK(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d divisions, want 3", len(got))
	}
	for _, r := range Regions() {
		if want := BankHolidays(r, 2022); !reflect.DeepEqual(got[r], want) {
			t.Errorf("%s:\n imported  %v\n generated %v", r, got[r], want)
		}
	}
}

func TestImportGovUKSorts(t *testing.T) {
	in := `{"scotland":{"division":"scotland","events":[
		{"title":"St Andrew’s Day","date":"2024-12-02","notes":"Substitute day","bunting":true},
		{"title":"2nd January","date":"2024-01-02","notes":"","bunting":true}]}}`
	got, err := ImportGovUK(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Holiday{{Date{2024, 1, 2}, "2nd January"}, {Date{2024, 12, 2}, "St Andrew’s Day (substitute day)"}}
	if !reflect.DeepEqual(got[Scotland], want) {
		t.Errorf("got %v, want %v", got[Scotland], want)
	}
}

func TestImportGovUKErrors(t *testing.T) {
	ev := func(s string) string {
		return `{"england-and-wales":{"division":"england-and-wales","events":[` +
			`{"title":"New Year’s Day","date":"2018-01-01","notes":"","bunting":true},` + s + `]}}`
	}
	tests := []struct{ in, want string }{
		{ev(`{"title":"Leap","date":"2018-02-30"}`), `bank holidays: england-and-wales.events[1].date: "2018-02-30" is not a date`},
		{ev(`{"title":"x","date":20180101}`), `bank holidays: england-and-wales.events[1].date: 20180101 is not a string`},
		{ev(`{"title":"x"}`), `bank holidays: england-and-wales.events[1].date: missing`},
		{ev(`{"date":"2018-01-02"}`), `bank holidays: england-and-wales.events[1].title: missing`},
		{ev(`{"title":" ","date":"2018-01-02"}`), `bank holidays: england-and-wales.events[1].title: is empty`},
		{ev(`{"title":"x","date":"2018-01-02","notes":false}`), `bank holidays: england-and-wales.events[1].notes: false is not a string`},
		{ev(`"2018-01-02"`), `bank holidays: england-and-wales.events[1]: want an object with title and date`},
		{`{"england-and-wales":{"division":"scotland","events":[]}}`, `bank holidays: england-and-wales.division: "scotland" does not match the key "england-and-wales"`},
		{`{"england-and-wales":{"division":"england-and-wales"}}`, `bank holidays: england-and-wales.events: want an array of events`},
		{`{"england-and-wales":{"division":"england-and-wales","events":{}}}`, `bank holidays: england-and-wales.events: want an array of events`},
		{`{"england-and-wales":[]}`, `bank holidays: england-and-wales: want an object with division and events`},
		{`{"wales":{"division":"wales","events":[]}}`, `bank holidays: "wales": not a GOV.UK division`},
		{`{}`, `bank holidays: no divisions`},
		{`[]`, `bank holidays: not the GOV.UK bank-holidays JSON`},
		{``, `bank holidays: not the GOV.UK bank-holidays JSON`},
		{`{"scotland":{"events":[]}} {}`, `bank holidays: unexpected data after the JSON object`},
	}
	for _, tt := range tests {
		_, err := ImportGovUK(strings.NewReader(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ImportGovUK(%.60s…)\n error %v\n want  %s", tt.in, err, tt.want)
		}
	}
}

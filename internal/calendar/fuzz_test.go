package calendar

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

func FuzzImportGovUK(f *testing.F) {
	if b, err := os.ReadFile("testdata/bank-holidays-2022.json"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(`{"scotland":{"division":"scotland","events":[{"title":"2nd January","date":"2024-01-02","notes":"","bunting":true}]}}`))
	f.Add([]byte(`{"england-and-wales":{"events":[{"title":"x","date":"2018-02-30"}]}}`))
	f.Add([]byte(`{"northern-ireland":{"division":null,"events":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ImportGovUK(bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "bank holidays: ") {
				t.Fatalf("error without context: %v", err)
			}
			return
		}
		for r, hs := range got {
			if !r.known() {
				t.Fatalf("unknown region %q accepted", r)
			}
			for i, h := range hs {
				if !h.Date.Valid() || strings.TrimSpace(h.Title) == "" {
					t.Fatalf("%s[%d] = %+v accepted", r, i, h)
				}
				if i > 0 && hs[i-1].Date.Compare(h.Date) > 0 {
					t.Fatalf("%s not sorted", r)
				}
			}
		}
	})
}

// FuzzDefinition feeds the same bytes to the Definition JSON reader and to
// ParseWeekSpans: whatever they accept must write back out and read in
// again unchanged, and a definition that validates must compile.
func FuzzDefinition(f *testing.F) {
	d := Default()
	d.Closures = []Closure{closure("2024-12-24T12:30", "2024-12-25T00:00")}
	d.Additions = []Holiday{{Date: Date{2022, 9, 19}, Title: "funeral"}}
	b, _ := json.Marshal(d)
	f.Add(b)
	f.Add([]byte(`{"time_zone":"Pacific/Apia","week":{"sunday":["00:00-24:00"],"saturday":["00:30-03:00","02:00-04:00"]}}`))
	f.Add([]byte(`{"week":{"Monday":["9:00-12:30"," 13:30 - 17:00"]},"closures":[{"from":"1999-12-31T23:00","to":"2101-01-01T01:00"}]}`))
	f.Add([]byte("09:00-12:30, 13:30-17:00"))
	f.Add([]byte("24:00-00:00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if spans, err := ParseWeekSpans(string(data)); err == nil {
			var parts []string
			for _, s := range spans {
				parts = append(parts, s.String())
			}
			again, err := ParseWeekSpans(strings.Join(parts, ", "))
			if err != nil || !reflect.DeepEqual(again, spans) {
				t.Fatalf("%q: spans %v wrote as %q and read back as %v, %v", data, spans, parts, again, err)
			}
		}

		var d Definition
		if json.Unmarshal(data, &d) != nil {
			return
		}
		out, err := json.Marshal(d)
		if err != nil {
			t.Fatalf("read %q but cannot write it back: %v", data, err)
		}
		var back Definition
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("cannot read back %s: %v", out, err)
		}
		if !reflect.DeepEqual(back, d) {
			t.Fatalf("round trip changed the definition:\n%+v\n%+v", d, back)
		}
		if d.Validate() != nil {
			if _, err := New(d); err == nil {
				t.Fatal("New accepted a definition Validate refuses")
			}
			return
		}
		c, err := New(d)
		if err != nil {
			t.Fatalf("New refused a valid definition: %v", err)
		}
		lo, hi := c.Range()
		if got := c.Add(lo, c.Between(lo, hi)); c.Between(lo, got) != c.Between(lo, hi) {
			t.Fatal("Add does not invert Between over the whole range")
		}
	})
}

package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/ward-shared-service/ward/internal/warp"
)

// exampleObjects are the objects of the OASIS examples one by one: small
// seeds let the fuzzer explore rather than spend its time minimising.
func exampleObjects() [][]byte {
	files, _ := filepath.Glob(filepath.Join(exampleDir, "*.json"))
	var out [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		var b struct{ Objects []json.RawMessage }
		_ = json.Unmarshal(raw, &b)
		for _, o := range b.Objects {
			out = append(out, o)
		}
		if len(raw) < 8000 {
			out = append(out, raw)
		}
	}
	return out
}

func FuzzParsePattern(f *testing.F) {
	for _, p := range []string{
		`[ipv4-addr:value = '198.51.100.1/32' OR ipv6-addr:value = '2001:db8::1'] FOLLOWEDBY [domain-name:value = 'example.com'] WITHIN 600 SECONDS`,
		`[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:size IN (1, -2, 3.5)]`,
		`[email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\.exe$']`,
		`([a:b NOT LIKE 'x%'] AND [EXISTS c:d[0]]) OR [e:'f g' ISSUPERSET 'h'] REPEATS 2 TIMES`,
		`[x:t > t'2016-06-01T01:30:00.123Z' AND x:h = h'ffd8' AND x:b = b'dGhpcw==' AND x:f != true] START t'2016-06-01T01:30:00Z' STOP t'2016-06-01T02:30:00Z'`,
		`[file:name = 'O\'Reilly \\ Sons' /* comment */] // end`,
		`[url:value = 'http://example.org/'] AND [email-addr:value = 'a@example.org']`,
	} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePattern(s)
		if err != nil {
			var pe *PatternError
			if !errors.As(err, &pe) || pe.Offset < 1 || pe.Offset > utf8.RuneCountInString(s)+1 {
				t.Fatalf("ParsePattern(%q) failed with %#v", s, err)
			}
			return
		}
		canonical := p.String()
		again, err := ParsePattern(canonical)
		if err != nil {
			t.Fatalf("%q parses, but its canonical form %q does not: %v", s, canonical, err)
		}
		if !reflect.DeepEqual(again, p) || again.String() != canonical {
			t.Fatalf("%q and its canonical form %q parse differently", s, canonical)
		}
		found, _ := p.Observables()
		checkCanonical(t, found)
	})
}

func checkCanonical(t *testing.T, found []warp.Indicator) {
	t.Helper()
	for _, in := range found {
		if again, err := warp.Parse(in.Type, in.Value); err != nil || again != in {
			t.Fatalf("observable %s is not canonical: %v, %v", in, again, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, o := range exampleObjects() {
		f.Add(o)
	}
	f.Add([]byte(inBundle(marked(tlp2AmberStrict), markingDef(customMarking, `,"definition_type":"tlp","definition":{"tlp":"red"}`))))
	f.Add([]byte(`[` + indicatorJSONText + `,` + with("confidence", "50") + `]`))
	var sample bytes.Buffer
	if Encode(&sample, sampleExport()) == nil {
		f.Add(sample.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Fatalf("Decode failed without a ParseError: %#v", err)
			}
			return
		}
		for _, in := range b.Indicators {
			checkCanonical(t, in.Observables)
			if in.PatternType == "stix" {
				if _, err := ParsePattern(in.Pattern); err != nil {
					t.Fatalf("an indicator was accepted with a broken pattern %q", in.Pattern)
				}
			}
			roundTrip(t, in)
		}
	})
}

// roundTrip exports an imported indicator and reads it back: whatever
// Decode accepts, Encode must write, and the same observables and marking
// must come back.
func roundTrip(t *testing.T, in Indicator) {
	t.Helper()
	if len(in.Observables) == 0 {
		return
	}
	marking := in.Marking
	if marking == "" {
		marking = warp.Amber
	}
	out := IndicatorOut{ID: in.ID, Name: in.Name, Description: in.Description, Created: in.Created, Modified: in.Modified,
		ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil, Confidence: in.Confidence, IndicatorTypes: in.IndicatorTypes,
		CreatedByRef: in.CreatedByRef, Marking: marking, Observables: in.Observables}
	var buf bytes.Buffer
	if err := Encode(&buf, Export{Indicators: []IndicatorOut{out}}); err != nil {
		t.Fatalf("an imported indicator does not export: %v\n%+v", err, in)
	}
	back, err := Decode(&buf, "export.json")
	if err != nil {
		t.Fatalf("an export does not decode: %v", err)
	}
	got := back.Indicators[0]
	if !slices.Equal(got.Observables, in.Observables) || got.Marking != marking || len(got.Unmatched) != 0 {
		t.Fatalf("round trip changed the indicator:\n in  %v %s\n out %v %s %q", in.Observables, marking, got.Observables, got.Marking, got.Unmatched)
	}
}

package stix

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/stix/stixtest"
	"github.com/ward-shared-service/ward/internal/warp"
)

var (
	t0        = time.Date(2026, 3, 2, 9, 15, 0, 123456000, time.UTC)
	t1        = t0.Add(26 * time.Hour)
	ashcombe  = DeterministicID("identity", "London Borough of Ashcombe")
	warpID    = DeterministicID("identity", "South London WARP")
	eighty    = 80
	three     = 3
	indicator = []string{"indicator--1a2b3c4d-0000-4000-8000-000000000001", "indicator--1a2b3c4d-0000-4000-8000-000000000002",
		"indicator--1a2b3c4d-0000-4000-8000-000000000003", "indicator--1a2b3c4d-0000-4000-8000-000000000004",
		"indicator--1a2b3c4d-0000-4000-8000-000000000005"}
)

// sampleExport is an export with one of everything: every marking, every
// observable type, an advisory with indicators, one without by a named
// author and one without by an anonymous one, and sightings named and not.
func sampleExport() Export {
	return Export{
		BundleID:     "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
		PublisherRef: warpID,
		Identities: []Identity{
			{ID: warpID, Name: "South London WARP", IdentityClass: "group", Created: t0, Modified: t0, Marking: warp.Clear},
			{ID: ashcombe, Name: "London Borough of Ashcombe", IdentityClass: "organization", Sectors: []string{"government-local"},
				Created: t0, Modified: t1, Marking: warp.Green},
		},
		Indicators: []IndicatorOut{
			{ID: indicator[0], Name: "Phishing kit host", Description: "Seen in a 'payroll' lure", Created: t0, Modified: t1,
				ValidFrom: t0, ValidUntil: t1.Add(30 * 24 * time.Hour), Confidence: &eighty, IndicatorTypes: []string{"malicious-activity"},
				CreatedByRef: ashcombe, Marking: warp.Amber, Observables: []warp.Indicator{
					ind(warp.Domain, "payroll-update.example.net"), ind(warp.URL, "https://payroll-update.example.net/login?u=1&next=/"),
					ind(warp.IPv4, "203.0.113.66"), ind(warp.CIDR, "198.51.100.0/24")}},
			{ID: indicator[1], Name: "Loader", Created: t0, Modified: t0, ValidFrom: t0, Marking: warp.AmberStrict, Observables: []warp.Indicator{
				ind(warp.MD5, "79054025255fb1a26e4bc422aef54eb4"), ind(warp.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
				ind(warp.SHA256, "ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c")}},
			{ID: indicator[2], Created: t0, Modified: t0, ValidFrom: t0, Marking: warp.Red, Observables: []warp.Indicator{
				ind(warp.Email, `o'brien\ceo@payroll-update.example.net`), ind(warp.IPv6, "2001:db8::66"), ind(warp.CIDR, "2001:db8:1::/48")}},
			{ID: indicator[3], Name: "Public scanner", Created: t0, Modified: t0, ValidFrom: t0, Marking: warp.Clear,
				Observables: []warp.Indicator{ind(warp.IPv4, "192.0.2.10")}},
			{ID: indicator[4], Name: "Community C2", Created: t0, Modified: t0, ValidFrom: t0, Marking: warp.Green,
				Observables: []warp.Indicator{ind(warp.Domain, "c2.example.org")}},
		},
		Reports: []Report{
			{ID: "report--aa000000-0000-4000-8000-000000000001", Name: "Payroll phishing", Description: "Block these.",
				Created: t0, Modified: t1, Published: t1, ReportTypes: []string{"threat-report"},
				ObjectRefs: []string{indicator[0], indicator[1]}, CreatedByRef: ashcombe, Marking: warp.Amber},
			{ID: "report--aa000000-0000-4000-8000-000000000002", Name: "Patch the VPN", Description: "No indicators, only advice.",
				Created: t0, Modified: t0, Published: t0, CreatedByRef: ashcombe, Marking: warp.Green},
			{ID: "report--aa000000-0000-4000-8000-000000000003", Name: "Anonymous warning", Created: t0, Modified: t0, Published: t0, Marking: warp.Amber},
		},
		Sightings: []Sighting{
			{ID: "sighting--bb000000-0000-4000-8000-000000000001", SightingOfRef: indicator[0], Count: &three, FirstSeen: t0, LastSeen: t1,
				WhereSightedRefs: []string{ashcombe}, CreatedByRef: ashcombe, Created: t1, Modified: t1, Marking: warp.Amber},
			{ID: "sighting--bb000000-0000-4000-8000-000000000002", SightingOfRef: indicator[1], Created: t1, Modified: t1, Marking: warp.AmberStrict},
		},
	}
}

func encode(t *testing.T, e Export) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, e); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportValidates(t *testing.T) {
	stixtest.Validate(t, encode(t, sampleExport()))
	stixtest.Validate(t, encode(t, Export{Indicators: sampleExport().Indicators[:1]}))
	// A bundle with no objects leaves the list out, as the schema wants.
	stixtest.Validate(t, encode(t, Export{}))
}

// TestExportRoundTrip reads an export back and gets the same items.
func TestExportRoundTrip(t *testing.T) {
	e := sampleExport()
	b, err := Decode(bytes.NewReader(encode(t, e)), "export.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Indicators) != len(e.Indicators) {
		t.Fatalf("read back %d indicators, wrote %d", len(b.Indicators), len(e.Indicators))
	}
	for _, want := range e.Indicators {
		got := findByID(b.Indicators, want.ID, func(i Indicator) string { return i.ID })
		if got == nil {
			t.Errorf("%s did not come back", want.ID)
			continue
		}
		if got.Name != want.Name || got.Description != want.Description || !got.Created.Equal(want.Created) ||
			!got.Modified.Equal(want.Modified) || !got.ValidFrom.Equal(want.ValidFrom) || !got.ValidUntil.Equal(want.ValidUntil) ||
			!equalPtr(got.Confidence, want.Confidence) || !slices.Equal(got.IndicatorTypes, want.IndicatorTypes) ||
			got.CreatedByRef != want.CreatedByRef || got.Marking != want.Marking || !slices.Equal(got.Observables, want.Observables) ||
			len(got.Unmatched) != 0 {
			t.Errorf("%s\n wrote %+v\n read  %+v", want.ID, want, *got)
		}
	}
	for _, want := range e.Reports {
		got := findByID(b.Reports, want.ID, func(r Report) string { return r.ID })
		if got == nil || got.Name != want.Name || got.Marking != want.Marking || !got.Published.Equal(want.Published) ||
			got.CreatedByRef != want.CreatedByRef || len(want.ObjectRefs) > 0 && !slices.Equal(got.ObjectRefs, want.ObjectRefs) {
			t.Errorf("%s\n wrote %+v\n read  %+v", want.ID, want, got)
		}
	}
	for _, want := range e.Sightings {
		got := findByID(b.Sightings, want.ID, func(s Sighting) string { return s.ID })
		if got == nil || got.SightingOfRef != want.SightingOfRef || !equalPtr(got.Count, want.Count) || got.Marking != want.Marking ||
			!got.FirstSeen.Equal(want.FirstSeen) || !slices.Equal(got.WhereSightedRefs, want.WhereSightedRefs) {
			t.Errorf("%s\n wrote %+v\n read  %+v", want.ID, want, got)
		}
	}
	for _, want := range e.Identities {
		got := findByID(b.Identities, want.ID, func(i Identity) string { return i.ID })
		if got == nil || got.Name != want.Name || got.Marking != want.Marking || !slices.Equal(got.Sectors, want.Sectors) {
			t.Errorf("%s\n wrote %+v\n read  %+v", want.ID, want, got)
		}
	}
	if len(b.Markings) != 5 || len(b.Others) != 0 {
		t.Errorf("read back %d marking definitions and %d other objects", len(b.Markings), len(b.Others))
	}
}

func findByID[T any](list []T, id string, idOf func(T) string) *T {
	for i := range list {
		if idOf(list[i]) == id {
			return &list[i]
		}
	}
	return nil
}

func equalPtr(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// exportedObjects splits an export into its objects.
func exportedObjects(t *testing.T, bundle []byte) []map[string]any {
	t.Helper()
	var b struct{ Objects []map[string]any }
	if err := json.Unmarshal(bundle, &b); err != nil {
		t.Fatal(err)
	}
	return b.Objects
}

// TestExportMarkings checks every object carries its TLP 2.0 marking and
// the bundle carries exactly the definitions used, as OASIS publishes them.
func TestExportMarkings(t *testing.T) {
	e := sampleExport()
	e.Identities, e.Reports, e.Sightings = nil, nil, nil
	e.Indicators = []IndicatorOut{e.Indicators[1], e.Indicators[4]} // AMBER+STRICT, GREEN
	bundle := encode(t, e)
	objects := exportedObjects(t, bundle)
	if len(objects) != 4 || objects[0]["id"] != tlp2Green || objects[1]["id"] != tlp2AmberStrict {
		t.Fatalf("the bundle starts %v, want the GREEN then AMBER+STRICT definitions", objects)
	}
	published := `{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",` +
		`"created":"2022-10-01T00:00:00.000Z","name":"TLP:AMBER+STRICT","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":` +
		`{"extension_type":"property-extension","tlp_2_0":"amber+strict"}}}`
	if !bytes.Contains(bundle, []byte(published)) {
		t.Errorf("the AMBER+STRICT definition is not written as OASIS publishes it:\n%s", bundle)
	}
	for _, o := range exportedObjects(t, encode(t, sampleExport())) {
		if o["type"] == "marking-definition" {
			continue
		}
		refs, _ := o["object_marking_refs"].([]any)
		if len(refs) != 1 {
			t.Errorf("%s has marking refs %v", o["id"], refs)
		}
	}
}

// TestExportAnonymous leaves no trace of an anonymous author.
func TestExportAnonymous(t *testing.T) {
	for _, o := range exportedObjects(t, encode(t, sampleExport())) {
		switch o["id"] {
		case "sighting--bb000000-0000-4000-8000-000000000002":
			if _, ok := o["created_by_ref"]; ok {
				t.Error("an anonymous sighting names its author")
			}
			if _, ok := o["where_sighted_refs"]; ok {
				t.Error("an anonymous sighting says where it was seen")
			}
		case "report--aa000000-0000-4000-8000-000000000003":
			if _, ok := o["created_by_ref"]; ok {
				t.Error("an anonymous report names its author")
			}
			if refs := o["object_refs"].([]any); len(refs) != 1 || refs[0] != warpID {
				t.Errorf("an anonymous report without indicators refers to %v, want the WARP", refs)
			}
		case "report--aa000000-0000-4000-8000-000000000002":
			if refs := o["object_refs"].([]any); len(refs) != 1 || refs[0] != ashcombe {
				t.Errorf("a report without indicators refers to %v, want its author", refs)
			}
		}
	}
}

// TestExportDeterministic writes the same bytes for the same items in any
// order.
func TestExportDeterministic(t *testing.T) {
	first := encode(t, sampleExport())
	e := sampleExport()
	slices.Reverse(e.Indicators)
	slices.Reverse(e.Reports)
	slices.Reverse(e.Identities)
	slices.Reverse(e.Sightings)
	if second := encode(t, e); !bytes.Equal(first, second) {
		t.Errorf("the export changed with the order of its items:\n%s\n%s", first, second)
	}
	types := []string{}
	for _, o := range exportedObjects(t, first) {
		if typ := o["type"].(string); len(types) == 0 || types[len(types)-1] != typ {
			types = append(types, typ)
		}
	}
	if want := []string{"marking-definition", "identity", "indicator", "report", "sighting"}; !slices.Equal(types, want) {
		t.Errorf("objects come in the order %v, want %v", types, want)
	}
	if !bytes.Contains(first, []byte(`url:value = 'https://payroll-update.example.net/login?u=1&next=/'`)) {
		t.Error("a URL's & was escaped")
	}
	// the opening line, one line per object, and the closing "]}"
	if bytes.Count(first, []byte("\n")) != len(exportedObjects(t, first))+2 {
		t.Error("the export is not one object to a line")
	}
}

func TestExportRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Export)
		want   string
	}{
		{"no marking", func(e *Export) { e.Indicators[0].Marking = "" }, "no TLP marking"},
		{"an unknown marking", func(e *Export) { e.Reports[0].Marking = "PURPLE" }, "no TLP marking"},
		{"a malformed id", func(e *Export) { e.Indicators[0].ID = "indicator-1" }, "not a STIX identifier"},
		{"an id of another type", func(e *Export) { e.Indicators[0].ID = "malware--1a2b3c4d-0000-4000-8000-000000000001" }, "names a malware, not a indicator"},
		{"an id twice", func(e *Export) { e.Indicators[1].ID = e.Indicators[0].ID }, "appears twice"},
		{"no observables", func(e *Export) { e.Indicators[0].Observables = nil }, "no observables"},
		{"a bad observable", func(e *Export) { e.Indicators[0].Observables[0] = ind(warp.Domain, "not a domain") }, "is not a domain name"},
		{"no valid_from", func(e *Export) { e.Indicators[0].ValidFrom = time.Time{} }, "valid_from is required"},
		{"valid_until too early", func(e *Export) { e.Indicators[0].ValidUntil = t0 }, "is not after valid_from"},
		{"confidence over 100", func(e *Export) { n := 101; e.Indicators[0].Confidence = &n }, "confidence 101"},
		{"no created time", func(e *Export) { e.Identities[0].Created = time.Time{} }, "created and modified are required"},
		{"modified before created", func(e *Export) { e.Identities[1].Modified = t0.Add(-time.Hour) }, "is before created"},
		{"an author that is not an identity", func(e *Export) { e.Reports[0].CreatedByRef = indicator[0] }, "created_by_ref"},
		{"a report without a name", func(e *Export) { e.Reports[0].Name = "" }, "needs a name"},
		{"a report never published", func(e *Export) { e.Reports[0].Published = time.Time{} }, "published is required"},
		{"a report referring to nonsense", func(e *Export) { e.Reports[0].ObjectRefs = []string{"x"} }, "object_refs"},
		{"nothing for an anonymous report to refer to", func(e *Export) { e.PublisherRef = "" }, "give Export.PublisherRef"},
		{"a sighting of a sighting", func(e *Export) { e.Sightings[0].SightingOfRef = e.Sightings[1].ID }, "is not something that can be sighted"},
		{"a sighting counted too often", func(e *Export) { n := 1_000_000_000; e.Sightings[0].Count = &n }, "count"},
		{"last seen before first", func(e *Export) { e.Sightings[0].LastSeen = t0.Add(-time.Hour) }, "before first_seen"},
		{"seen at an indicator", func(e *Export) { e.Sightings[0].WhereSightedRefs = []string{indicator[0]} }, "where_sighted_refs"},
		{"an identity without a name", func(e *Export) { e.Identities[0].Name = "" }, "needs a name"},
		{"a bad bundle id", func(e *Export) { e.BundleID = "report--5d0092c5-5f74-4287-9642-33f4c354e56d" }, "bundle"},
	}
	for _, tt := range tests {
		e := sampleExport()
		tt.change(&e)
		var buf bytes.Buffer
		err := Encode(&buf, e)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Encode said %v, want it to say %q", tt.name, err, tt.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: Encode wrote %d bytes of a refused export", tt.name, buf.Len())
		}
	}
}

func TestExportNewBundleID(t *testing.T) {
	var a, b struct{ ID string }
	_ = json.Unmarshal(encode(t, Export{}), &a)
	_ = json.Unmarshal(encode(t, Export{}), &b)
	if a.ID == b.ID || !strings.HasPrefix(a.ID, "bundle--") {
		t.Errorf("bundle ids %q and %q", a.ID, b.ID)
	}
}

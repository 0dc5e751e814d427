package stix

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/warp"
)

// The published ids: TLP 1.0 from STIX 2.1 section 7.2.1.4, TLP 2.0 from
// the OASIS cti-stix-common-objects repository.
const (
	tlp1White       = "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9"
	tlp1Green       = "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"
	tlp1Amber       = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
	tlp1Red         = "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed"
	tlp2Clear       = "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"
	tlp2Green       = "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"
	tlp2Amber       = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
	tlp2AmberStrict = "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"
	tlp2Red         = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"
	customMarking   = "marking-definition--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061"
)

func marked(refs ...string) string {
	return with("object_marking_refs", `["`+strings.Join(refs, `","`)+`"]`)
}

func markingDef(id, rest string) string {
	return `{"type":"marking-definition","spec_version":"2.1","id":"` + id + `","created":"2022-10-01T00:00:00.000Z"` + rest + `}`
}

func TestMarkingResolution(t *testing.T) {
	tests := []struct {
		name    string
		objects []string
		want    warp.Marking
	}{
		{"unmarked", []string{indicatorJSONText}, ""},
		{"TLP 1.0 WHITE is CLEAR", []string{marked(tlp1White)}, warp.Clear},
		{"TLP 1.0 GREEN", []string{marked(tlp1Green)}, warp.Green},
		{"TLP 1.0 AMBER", []string{marked(tlp1Amber)}, warp.Amber},
		{"TLP 1.0 RED", []string{marked(tlp1Red)}, warp.Red},
		{"TLP 2.0 CLEAR", []string{marked(tlp2Clear)}, warp.Clear},
		{"TLP 2.0 GREEN", []string{marked(tlp2Green)}, warp.Green},
		{"TLP 2.0 AMBER", []string{marked(tlp2Amber)}, warp.Amber},
		{"TLP 2.0 AMBER+STRICT", []string{marked(tlp2AmberStrict)}, warp.AmberStrict},
		{"TLP 2.0 RED", []string{marked(tlp2Red)}, warp.Red},
		{"a UUID in capitals", []string{marked(tlp2Red[:20] + strings.ToUpper(tlp2Red[20:]))}, warp.Red},
		{"two markings: the stricter", []string{marked(tlp2Green, tlp1Amber)}, warp.Amber},
		{"a statement and a TLP marking", []string{marked(customMarking, tlp2Green),
			markingDef(customMarking, `,"definition_type":"statement","definition":{"statement":"Copyright Ashcombe"}`)}, warp.Green},
		{"a statement alone", []string{marked(customMarking),
			markingDef(customMarking, `,"definition_type":"statement","definition":{"statement":"Copyright"}`)}, ""},
		{"a TLP 1.0 definition sent in the bundle", []string{
			markingDef(customMarking, `,"definition_type":"tlp","definition":{"tlp":"amber"}`), marked(customMarking)}, warp.Amber},
		{"a TLP 2.0 extension sent in the bundle, after the object", []string{marked(customMarking),
			markingDef(customMarking, `,"name":"our amber strict","extensions":{"`+TLP2Extension+`":{"extension_type":"property-extension","tlp_2_0":"amber+strict"}}`)}, warp.AmberStrict},
		{"a definition known only by its name", []string{marked(customMarking),
			markingDef(customMarking, `,"name":"TLP:AMBER+STRICT","definition_type":"statement","definition":{"statement":"TLP:AMBER+STRICT"}`)}, warp.AmberStrict},
		{"a reference to a definition nobody sent", []string{marked(customMarking)}, ""},
		{"a granular RED marking makes the whole item RED", []string{
			strings.Replace(marked(tlp2Green), `"name"`, `"granular_markings":[{"marking_ref":"`+tlp2Red+`","selectors":["description"]}],"name"`, 1)}, warp.Red},
	}
	for _, tt := range tests {
		b, err := decodeString(inBundle(tt.objects...))
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := b.Indicators[0].Marking; got != tt.want {
			t.Errorf("%s: marked %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestPublishedTLP2Definitions decodes the TLP 2.0 marking definitions as
// OASIS publishes them.
func TestPublishedTLP2Definitions(t *testing.T) {
	var objects []string
	for _, m := range warp.Markings {
		value := strings.ToLower(string(m))
		objects = append(objects, markingDef(TLP2MarkingID(m), `,"name":"TLP:`+string(m)+`","extensions":{"`+TLP2Extension+`":{"extension_type":"property-extension","tlp_2_0":"`+value+`"}}`))
	}
	b, err := decodeString(inBundle(objects...))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range warp.Markings {
		if md := b.Markings[i]; md.TLP != m || md.Name != m.String() {
			t.Errorf("read %+v, want %s", md, m)
		}
	}
}

func TestTLPTable(t *testing.T) {
	want := map[warp.Marking]string{warp.Clear: tlp2Clear, warp.Green: tlp2Green, warp.Amber: tlp2Amber,
		warp.AmberStrict: tlp2AmberStrict, warp.Red: tlp2Red}
	for m, id := range want {
		if got := TLP2MarkingID(m); got != id {
			t.Errorf("TLP2MarkingID(%s) = %s, want %s", m, got, id)
		}
	}
	if TLP2MarkingID("") != "" || TLP2MarkingID("PURPLE") != "" {
		t.Error("an invalid marking has a TLP 2.0 id")
	}
	for id, m := range map[string]warp.Marking{tlp1White: warp.Clear, tlp1Green: warp.Green, tlp1Amber: warp.Amber, tlp1Red: warp.Red} {
		if got, ok := WellKnownTLP(id); !ok || got != m {
			t.Errorf("WellKnownTLP(%s) = %s, %v; want %s", id, got, ok, m)
		}
	}
}

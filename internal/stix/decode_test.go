package stix

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// indicatorJSONText is a valid indicator; tests change one property.
const indicatorJSONText = `{"type":"indicator","spec_version":"2.1","id":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d",` +
	`"created":"2014-05-08T09:00:00.000Z","modified":"2014-05-08T09:00:00.000Z","name":"C2",` +
	`"indicator_types":["malicious-activity"],"pattern_type":"stix","pattern":"[ipv4-addr:value = '198.51.100.7']",` +
	`"valid_from":"2014-05-08T09:00:00.000000Z"}`

func inBundle(objects ...string) string {
	return `{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[` + strings.Join(objects, ",") + `]}`
}

// with returns the indicator with one property set (or removed, for "").
func with(key, value string) string {
	var m map[string]json.RawMessage
	_ = json.Unmarshal([]byte(indicatorJSONText), &m)
	if value == "" {
		delete(m, key)
	} else {
		m[key] = json.RawMessage(value)
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func decodeString(s string) (*Bundle, error) { return Decode(strings.NewReader(s), "feed.json") }

func TestDecodeRefuses(t *testing.T) {
	const ident = `{"type":"identity","spec_version":"2.1","id":"identity--f690c992-8e7d-4b9a-9303-3312616c0220","created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z"`
	const sighting = `{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8fd61c3ae1","created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z"`
	const report = `{"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3","created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"r"`
	tests := []struct{ doc, path, reason string }{
		{``, "", "empty"},
		{"{\"type\": \"bundle\",\n  \"id\": oops}", "", "not JSON: line 2, column 9"},
		{`"a string"`, "$", "is not a STIX bundle, object or list of objects"},
		{`{"type":"bundle","objects":[]}`, "$.id", "missing"},
		{`{"type":"bundle","id":"report--44af6c39-c09b-49c5-9de2-394224b04982"}`, "$.id", "names a report; want bundle"},
		{`{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","spec_version":"2.0"}`, "$.spec_version", "STIX 2.0 bundle; ward reads STIX 2.1"},
		{`{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":{}}`, "$.objects", "not a list"},
		{inBundle(`42`), "$.objects[0]", "42 is not a STIX object"},
		{inBundle(with("type", "")), "$.objects[0].type", "missing"},
		{inBundle(with("type", `"Indicator"`)), "$.objects[0].type", "not a STIX type"},
		{inBundle(with("id", `"malware--33fe3b22-0201-47cf-85d0-97c02164528d"`)), "$.objects[0].id", "is not a indicator identifier"},
		{inBundle(with("id", `"indicator--33fe3b22"`)), "$.objects[0].id", "want indicator--uuid"},
		{inBundle(with("spec_version", "")), "$.objects[0].spec_version", "missing: STIX 2.1 requires it on a indicator"},
		{inBundle(with("spec_version", `"2.0"`)), "$.objects[0].spec_version", `"2.0": ward reads STIX 2.1`},
		{inBundle(with("created", "")), "$.objects[0].created", "missing"},
		{inBundle(with("modified", `"2014-05-08"`)), "$.objects[0].modified", `"2014-05-08" is not a STIX timestamp`},
		{inBundle(with("modified", `"2014-05-07T09:00:00Z"`)), "$.objects[0].modified", "is before created"},
		{inBundle(with("valid_from", "")), "$.objects[0].valid_from", "missing"},
		{inBundle(with("valid_from", `"yesterday"`)), "$.objects[0].valid_from", `"yesterday" is not a STIX timestamp`},
		{inBundle(with("valid_until", `"2014-05-08T09:00:00Z"`)), "$.objects[0].valid_until", "is not after valid_from"},
		{inBundle(with("pattern_type", "")), "$.objects[0].pattern_type", "missing"},
		{inBundle(with("pattern", "")), "$.objects[0].pattern", "missing"},
		{inBundle(with("pattern", `"[ipv4-addr:value = '198.51.100.7'"`)), "$.objects[0].pattern", "is not a STIX pattern: at character 34"},
		{inBundle(with("confidence", "101")), "$.objects[0].confidence", "101 is not a whole number from 0 to 100"},
		{inBundle(with("confidence", `"high"`)), "$.objects[0].confidence", "not a whole number"},
		{inBundle(with("indicator_types", "[]")), "$.objects[0].indicator_types", "an empty list"},
		{inBundle(with("indicator_types", "[1]")), "$.objects[0].indicator_types[0]", "1 is not a string"},
		{inBundle(with("name", "7")), "$.objects[0].name", "7 is not a string"},
		{inBundle(with("revoked", `"no"`)), "$.objects[0].revoked", "not true or false"},
		{inBundle(with("created_by_ref", `"malware--33fe3b22-0201-47cf-85d0-97c02164528d"`)), "$.objects[0].created_by_ref", "names a malware; want identity"},
		{inBundle(with("object_marking_refs", `["identity--33fe3b22-0201-47cf-85d0-97c02164528d"]`)), "$.objects[0].object_marking_refs[0]", "want marking-definition"},
		{inBundle(with("granular_markings", `[{"marking_ref":"TLP:RED","selectors":["name"]}]`)), "$.objects[0].granular_markings[0].marking_ref", "not a STIX identifier"},
		{inBundle(ident + `}`), "$.objects[0].name", "missing: STIX 2.1 requires it on a identity"},
		{inBundle(ident + `,"name":"n","sectors":"government"}`), "$.objects[0].sectors", "not a list"},
		{inBundle(report + `,"object_refs":["indicator--33fe3b22-0201-47cf-85d0-97c02164528d"]}`), "$.objects[0].published", "missing"},
		{inBundle(report + `,"published":"2016-08-08T15:50:10.983Z"}`), "$.objects[0].object_refs", "missing"},
		{inBundle(sighting + `}`), "$.objects[0].sighting_of_ref", "missing"},
		{inBundle(sighting + `,"sighting_of_ref":"relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad"}`), "$.objects[0].sighting_of_ref", "cannot be of a relationship"},
		{inBundle(sighting + `,"sighting_of_ref":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d","count":-1}`), "$.objects[0].count", "from 0 to 999999999"},
		{inBundle(sighting + `,"sighting_of_ref":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d","first_seen":"2016-08-09T00:00:00Z","last_seen":"2016-08-08T00:00:00Z"}`), "$.objects[0].last_seen", "before first_seen"},
		{inBundle(sighting + `,"sighting_of_ref":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d","where_sighted_refs":["malware--33fe3b22-0201-47cf-85d0-97c02164528d"]}`), "$.objects[0].where_sighted_refs[0]", "want identity or location"},
		{inBundle(`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1","created":"2022-10-01T00:00:00.000Z","name":"TLP:CLEAR"}`),
			"$.objects[0].id", "is the published TLP:RED marking definition, but this one says TLP:CLEAR"},
		{inBundle(`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2022-10-01T00:00:00.000Z","definition_type":"tlp","definition":{"tlp":"purple"}}`),
			"$.objects[0].definition.tlp", `"purple" is not a TLP colour`},
		{inBundle(`{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2022-10-01T00:00:00.000Z","extensions":{"` + TLP2Extension + `":{"extension_type":"property-extension","tlp_2_0":"pink"}}}`),
			"$.objects[0].extensions['" + TLP2Extension + "'].tlp_2_0", `"pink" is not a TLP 2.0 colour`},
		{inBundle(`{"type":"x-acme-thing","id":"x-acme-thing--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2022-10-01T00:00:00.000Z","modified":"2022-10-01T00:00:00.000Z"}`),
			"$.objects[0].spec_version", "missing"},
		{`[` + indicatorJSONText + `,` + with("valid_from", `"soon"`) + `]`, "$[1].valid_from", "not a STIX timestamp"},
		{with("valid_from", `"soon"`), "$.valid_from", "not a STIX timestamp"},
		// Go's JSON decoder would turn these bytes into U+FFFD unseen.
		{inBundle(indicatorJSONText, strings.Replace(indicatorJSONText, `"C2"`, "\"Caf\xe9\"", 1)), "$.objects[1].name", "is not valid UTF-8 text (byte 0xE9)"},
	}
	for _, tt := range tests {
		_, err := decodeString(tt.doc)
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s\n decoded without a ParseError (%v); want %s: %s", clip(tt.doc, 200), err, tt.path, tt.reason)
			continue
		}
		if pe.File != "feed.json" || pe.Path != tt.path || !strings.Contains(pe.Reason, tt.reason) {
			t.Errorf("%s\n got  %v\n want feed.json: %s: …%s…", clip(tt.doc, 200), err, tt.path, tt.reason)
		}
	}
}

func TestDecodeErrorReadsWell(t *testing.T) {
	_, err := decodeString(inBundle(indicatorJSONText, indicatorJSONText, indicatorJSONText, with("valid_from", `"yesterday"`)))
	want := `feed.json: $.objects[3].valid_from: "yesterday" is not a STIX timestamp (want UTC written as 2016-05-12T08:17:27.000Z)`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestDecodeShapes reads the three shapes a STIX document comes in.
func TestDecodeShapes(t *testing.T) {
	for name, doc := range map[string]string{
		"bundle": inBundle(indicatorJSONText),
		"object": indicatorJSONText,
		"array":  "[" + indicatorJSONText + "]",
	} {
		b, err := decodeString(doc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(b.Indicators) != 1 || b.Indicators[0].Observables[0] != ind(warp.IPv4, "198.51.100.7") {
			t.Errorf("%s: read %+v", name, b.Indicators)
		}
		if (name == "bundle") != (b.ID != "") {
			t.Errorf("%s: bundle id %q", name, b.ID)
		}
	}
}

func TestDecodeIndicator(t *testing.T) {
	doc := with("valid_until", `"2015-01-01T00:00:00Z"`)
	doc = strings.Replace(doc, `"name":"C2"`, `"name":"C2","confidence":85,"revoked":true,"description":"seen in phishing","created_by_ref":"identity--f690c992-8e7d-4b9a-9303-3312616c0220"`, 1)
	b, err := decodeString(doc)
	if err != nil {
		t.Fatal(err)
	}
	in := b.Indicators[0]
	if in.ID != "indicator--33fe3b22-0201-47cf-85d0-97c02164528d" || in.Name != "C2" || in.Description != "seen in phishing" ||
		!in.Created.Equal(time.Date(2014, 5, 8, 9, 0, 0, 0, time.UTC)) || !in.ValidUntil.Equal(time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)) ||
		in.Confidence == nil || *in.Confidence != 85 || !in.Revoked || in.CreatedByRef != "identity--f690c992-8e7d-4b9a-9303-3312616c0220" ||
		len(in.IndicatorTypes) != 1 || in.PatternType != "stix" || in.Marking != "" {
		t.Errorf("read %+v", in)
	}
}

// TestDecodeOtherPatternTypes keeps a Sigma or YARA indicator but says
// ward cannot match it.
func TestDecodeOtherPatternTypes(t *testing.T) {
	b, err := decodeString(with("pattern_type", `"yara"`))
	if err != nil {
		t.Fatal(err)
	}
	in := b.Indicators[0]
	if len(in.Observables) != 0 || len(in.Unmatched) != 1 || !strings.HasPrefix(in.Unmatched[0], "yara pattern (ward reads only STIX patterns)") {
		t.Errorf("read %+v", in)
	}
}

// TestDecodeVersions keeps the newest version of an object sent twice, in
// the place of the first.
func TestDecodeVersions(t *testing.T) {
	newer := strings.Replace(with("modified", `"2020-01-01T00:00:00.000Z"`), `"name":"C2"`, `"name":"C2 again"`, 1)
	older := strings.Replace(indicatorJSONText, `"name":"C2"`, `"name":"C2 first"`, 1)
	other := strings.Replace(indicatorJSONText, "33fe3b22", "44fe3b22", 1)
	b, err := decodeString(inBundle(indicatorJSONText, other, newer, older))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Indicators) != 2 || b.Indicators[0].Name != "C2 again" || b.Indicators[1].ID != "indicator--44fe3b22-0201-47cf-85d0-97c02164528d" {
		t.Errorf("kept %+v", b.Indicators)
	}
}

// TestDecodeKeepsOthersRaw keeps objects ward does not map as they came,
// with what a TAXII server files them by.
func TestDecodeKeepsOthersRaw(t *testing.T) {
	malware := `{"type":"malware","spec_version":"2.1","id":"malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111","created":"2017-01-27T13:49:53.997Z","modified":"2017-01-27T13:49:53.997Z","is_family":true,"name":"Poison Ivy","object_marking_refs":["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"],"x_acme_score":7}`
	sco := `{"type":"ipv4-addr","id":"ipv4-addr--1e4ffad7-0b88-41d4-ba4d-77d27490b956","value":"198.51.100.3"}`
	custom := `{"type":"x-acme-widget","spec_version":"2.1","id":"x-acme-widget--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061","created":"2022-10-01T00:00:00.000Z","modified":"2022-10-02T00:00:00.000Z"}`
	b, err := decodeString(inBundle(malware, sco, custom))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Others) != 3 {
		t.Fatalf("kept %d others", len(b.Others))
	}
	m := b.Others[0]
	if m.Type != "malware" || m.ID != "malware--fdd60b30-b67c-41e3-b0b9-f01faf20d111" || m.SpecVersion != "2.1" ||
		!m.Created.Equal(time.Date(2017, 1, 27, 13, 49, 53, 997e6, time.UTC)) || m.Marking != warp.Green || !bytes.Equal(m.JSON, []byte(malware)) {
		t.Errorf("malware kept as %+v", m)
	}
	if s := b.Others[1]; s.Type != "ipv4-addr" || !s.Created.IsZero() || s.SpecVersion != "" || string(s.JSON) != sco {
		t.Errorf("observable kept as %+v", s)
	}
	if c := b.Others[2]; c.Type != "x-acme-widget" || !c.Modified.Equal(time.Date(2022, 10, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("custom object kept as %+v", c)
	}
	if b, err := decodeString("\n  " + sco + "\n"); err != nil || string(b.Others[0].JSON) != sco {
		t.Errorf("a bare observable kept as %q (%v), want it as written without the white space around it", b.Others[0].JSON, err)
	}
}

func TestDecodeReportIdentitySighting(t *testing.T) {
	doc := inBundle(
		`{"type":"identity","spec_version":"2.1","id":"identity--81cade27-7df8-4730-836b-62d880e6d9d3","created":"2015-05-15T09:12:16.432Z","modified":"2015-05-15T09:12:16.432Z","name":"Ashcombe Council","identity_class":"organization","sectors":["government-local"]}`,
		`{"type":"report","spec_version":"2.1","id":"report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3","created":"2015-05-15T09:12:16.432Z","modified":"2015-05-15T09:12:16.432Z","created_by_ref":"identity--81cade27-7df8-4730-836b-62d880e6d9d3","name":"Phishing wave","description":"Block these.","published":"2015-05-15T10:00:00Z","report_types":["threat-report"],"object_refs":["indicator--33fe3b22-0201-47cf-85d0-97c02164528d"],"object_marking_refs":["marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"]}`,
		`{"type":"sighting","spec_version":"2.1","id":"sighting--ee20065d-2555-424f-ad9e-0f8fd61c3ae1","created":"2015-05-16T09:12:16.432Z","modified":"2015-05-16T09:12:16.432Z","sighting_of_ref":"indicator--33fe3b22-0201-47cf-85d0-97c02164528d","count":3,"first_seen":"2015-05-16T08:00:00Z","last_seen":"2015-05-16T09:00:00Z","where_sighted_refs":["identity--81cade27-7df8-4730-836b-62d880e6d9d3"],"summary":true}`,
	)
	b, err := decodeString(doc)
	if err != nil {
		t.Fatal(err)
	}
	id, r, s := b.Identities[0], b.Reports[0], b.Sightings[0]
	if id.Name != "Ashcombe Council" || id.IdentityClass != "organization" || id.Sectors[0] != "government-local" {
		t.Errorf("identity %+v", id)
	}
	if r.Name != "Phishing wave" || r.Description != "Block these." || !r.Published.Equal(time.Date(2015, 5, 15, 10, 0, 0, 0, time.UTC)) ||
		r.ObjectRefs[0] != "indicator--33fe3b22-0201-47cf-85d0-97c02164528d" || r.ReportTypes[0] != "threat-report" ||
		r.Marking != warp.Amber || r.CreatedByRef != id.ID {
		t.Errorf("report %+v", r)
	}
	if s.SightingOfRef != "indicator--33fe3b22-0201-47cf-85d0-97c02164528d" || s.Count == nil || *s.Count != 3 ||
		!s.LastSeen.Equal(time.Date(2015, 5, 16, 9, 0, 0, 0, time.UTC)) || s.WhereSightedRefs[0] != id.ID || !s.Summary {
		t.Errorf("sighting %+v", s)
	}
}

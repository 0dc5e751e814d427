package stix

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/warp"
)

// Decode reads a STIX 2.1 document: a bundle, a single object, or a JSON
// array of objects. file names the document in errors.
//
// Anything Decode cannot trust refuses the whole document with a
// *ParseError naming the file and the JSON path — a missing or malformed
// required property, an identifier of the wrong form, a timestamp that is
// not STIX's, a pattern that does not parse, a TLP marking definition that
// contradicts its published id — because an import is one transaction and
// nothing is half-imported. What is valid STIX that ward cannot use is not
// an error: see Indicator.Unmatched and Bundle.Others.
func Decode(r io.Reader, file string) (*Bundle, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &ParseError{File: file, Reason: "cannot read: " + err.Error()}
	}
	d := &decoder{file: file, b: &Bundle{}, seen: map[string]int{},
		modified: map[string]time.Time{}, tlp: map[string]warp.Marking{}}
	if err := d.document(data); err != nil {
		return nil, err
	}
	d.resolveMarkings()
	return d.b, nil
}

type decoder struct {
	file     string
	b        *Bundle
	seen     map[string]int       // id → index in its type's list
	modified map[string]time.Time // id → modified of the version kept
	tlp      map[string]warp.Marking
}

func (d *decoder) fail(path, format string, args ...any) *ParseError {
	return &ParseError{File: d.file, Path: path, Reason: fmt.Sprintf(format, args...)}
}

func (d *decoder) document(data []byte) error {
	if err := scanJSON(data); err != nil {
		return d.fail("", "%v", err)
	}
	if at, path, reason := reader.BadUTF8JSON(data); at >= 0 { // encoding/json would make it U+FFFD unseen
		return d.fail("$"+path, "%s", reason)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch trimmed[0] {
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return d.fail("$", "not a list of STIX objects")
		}
		for i, raw := range items {
			if err := d.rawObject(fmt.Sprintf("$[%d]", i), raw); err != nil {
				return err
			}
		}
		return nil
	case '{':
		var m map[string]json.RawMessage
		if err := json.Unmarshal(data, &m); err != nil {
			return d.fail("$", "not a JSON object")
		}
		var typ string
		_ = json.Unmarshal(m["type"], &typ) // a bad type is reported by object
		if typ == "bundle" {
			return d.bundle(m)
		}
		return d.object("$", m, data)
	}
	return d.fail("$", "%s is not a STIX bundle, object or list of objects", shown(trimmed))
}

func (d *decoder) bundle(m map[string]json.RawMessage) error {
	f := &fields{file: d.file, path: "$", what: "bundle", m: m}
	id, err := f.ref("id", true, "bundle")
	if err != nil {
		return err
	}
	d.b.ID = id
	if sv, _ := f.str("spec_version", false); sv != "" && sv != "2.1" {
		return f.fail("spec_version", "%s: this is a STIX %s bundle; ward reads STIX 2.1 (the OASIS stix2-elevator converts older bundles)", quoted(sv), sv)
	}
	raw, ok := f.get("objects")
	if !ok {
		return nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return f.fail("objects", "%s is not a list of STIX objects", shown(raw))
	}
	for i, raw := range items {
		if err := d.rawObject(fmt.Sprintf("$.objects[%d]", i), raw); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) rawObject(path string, raw json.RawMessage) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		return d.fail(path, "%s is not a STIX object", shown(raw))
	}
	return d.object(path, m, raw)
}

// common is what every object has, checked once for all types.
type common struct {
	typ, id, specVersion string
	created, modified    time.Time
	createdBy            string
	markingRefs          []string
	revoked              bool
}

func (d *decoder) object(path string, m map[string]json.RawMessage, raw json.RawMessage) error {
	f := &fields{file: d.file, path: path, what: "STIX object", m: m}
	c, err := readCommon(f)
	if err != nil {
		return err
	}
	switch c.typ {
	case "indicator":
		return d.indicator(f, c)
	case "report":
		return d.report(f, c)
	case "identity":
		return d.identity(f, c)
	case "sighting":
		return d.sighting(f, c)
	case "marking-definition":
		return d.markingDefinition(f, c)
	}
	upsert(d, &d.b.Others, c.id, c.modified, RawObject{Type: c.typ, ID: c.id, SpecVersion: c.specVersion,
		Created: c.created, Modified: c.modified, MarkingRefs: c.markingRefs, JSON: bytes.Clone(bytes.TrimSpace(raw))})
	return nil
}

// upsert adds an object to its list, or replaces an older version of it.
func upsert[T any](d *decoder, list *[]T, id string, modified time.Time, v T) {
	if i, ok := d.seen[id]; ok {
		if modified.After(d.modified[id]) {
			(*list)[i] = v
			d.modified[id] = modified
		}
		return
	}
	d.seen[id] = len(*list)
	d.modified[id] = modified
	*list = append(*list, v)
}

// resolveMarkings runs once every object is read, since a marking
// definition may come after the objects it marks.
func (d *decoder) resolveMarkings() {
	b := d.b
	for i := range b.Indicators {
		b.Indicators[i].Marking = resolveMarking(b.Indicators[i].MarkingRefs, d.tlp)
	}
	for i := range b.Reports {
		b.Reports[i].Marking = resolveMarking(b.Reports[i].MarkingRefs, d.tlp)
	}
	for i := range b.Identities {
		b.Identities[i].Marking = resolveMarking(b.Identities[i].MarkingRefs, d.tlp)
	}
	for i := range b.Sightings {
		b.Sightings[i].Marking = resolveMarking(b.Sightings[i].MarkingRefs, d.tlp)
	}
	for i := range b.Others {
		b.Others[i].Marking = resolveMarking(b.Others[i].MarkingRefs, d.tlp)
	}
}

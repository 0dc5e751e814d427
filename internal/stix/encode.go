package stix

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// Export is what Encode writes: ward's items, each with the STIX id ward
// keeps for it, its times and its TLP marking.
type Export struct {
	BundleID string // a new random id when ""
	// PublisherRef is the identity of the WARP publishing the bundle. STIX
	// requires a report to refer to at least one object, so an advisory
	// with no indicators refers to its author's identity, or to this one
	// when the author is anonymous. Put the identity itself in Identities
	// to serve it too.
	PublisherRef string
	Identities   []Identity
	Indicators   []IndicatorOut
	Reports      []Report
	Sightings    []Sighting
}

// IndicatorOut is an indicator to export. Unlike an imported Indicator it
// has no pattern of its own: Encode writes one from the observables.
type IndicatorOut struct {
	ID             string
	Name           string
	Description    string
	Created        time.Time
	Modified       time.Time
	ValidFrom      time.Time
	ValidUntil     time.Time // zero when it does not expire
	Confidence     *int      // 0–100, or nil
	IndicatorTypes []string  // such as "malicious-activity"
	CreatedByRef   string    // "" for an anonymous author
	Marking        warp.Marking
	Observables    []warp.Indicator
}

// Encode writes a STIX 2.1 bundle of the export: the TLP 2.0 marking
// definitions it uses (as OASIS publishes them), then identities,
// indicators, reports and sightings, each group in order of id, one object
// to a line, so the same export always writes the same bytes. Every object
// carries object_marking_refs to its TLP 2.0 marking. An item STIX would
// not accept (a malformed id, an invalid marking, an indicator without
// observables…) is refused with an error naming it, and nothing is written.
func Encode(w io.Writer, e Export) error {
	objects, err := exportObjects(e)
	if err != nil {
		return err
	}
	id := e.BundleID
	if id == "" {
		id = NewID("bundle")
	} else if err := checkID(id, "bundle"); err != nil {
		return fmt.Errorf("stix: bundle: %v", err)
	}
	var buf bytes.Buffer
	buf.WriteString(`{"type":"bundle","id":` + jsonString(id))
	if len(objects) > 0 {
		buf.WriteString(`,"objects":[`)
		for i, o := range objects {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n")
			if err := writeJSON(&buf, o); err != nil {
				return err
			}
		}
		buf.WriteString("\n]")
	}
	buf.WriteString("}\n")
	_, err = w.Write(buf.Bytes())
	return err
}

func writeJSON(buf *bytes.Buffer, v any) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // URLs keep their & and < as written
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode's newline
	return nil
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// exportObjects checks every item and builds its JSON shape, in the order
// Encode writes them.
func exportObjects(e Export) ([]any, error) {
	if e.PublisherRef != "" {
		if err := checkID(e.PublisherRef, "identity"); err != nil {
			return nil, fmt.Errorf("stix: publisher: %v", err)
		}
	}
	var used []warp.Marking
	var out []any
	seen := map[string]bool{}
	add := func(what, id string, m warp.Marking, obj any, err error) error {
		if err == nil && seen[id] {
			err = fmt.Errorf("appears twice in the export")
		}
		if err != nil {
			return fmt.Errorf("stix: %s %s: %v", what, id, err)
		}
		seen[id] = true
		if !slices.Contains(used, m) {
			used = append(used, m)
		}
		out = append(out, obj)
		return nil
	}
	for _, it := range sortedByID(e.Identities, func(x Identity) string { return x.ID }) {
		obj, err := identityObject(it)
		if err := add("identity", it.ID, it.Marking, obj, err); err != nil {
			return nil, err
		}
	}
	for _, in := range sortedByID(e.Indicators, func(x IndicatorOut) string { return x.ID }) {
		obj, err := indicatorObject(in)
		if err := add("indicator", in.ID, in.Marking, obj, err); err != nil {
			return nil, err
		}
	}
	for _, r := range sortedByID(e.Reports, func(x Report) string { return x.ID }) {
		obj, err := reportObject(r, e.PublisherRef)
		if err := add("report", r.ID, r.Marking, obj, err); err != nil {
			return nil, err
		}
	}
	for _, s := range sortedByID(e.Sightings, func(x Sighting) string { return x.ID }) {
		obj, err := sightingObject(s)
		if err := add("sighting", s.ID, s.Marking, obj, err); err != nil {
			return nil, err
		}
	}
	var markings []any
	for _, m := range warp.Markings { // least restrictive first
		if slices.Contains(used, m) {
			markings = append(markings, tlp2Definition(m))
		}
	}
	return append(markings, out...), nil
}

func sortedByID[T any](items []T, id func(T) string) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

package stix

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// checkID says what is wrong with an identifier that should name a want.
func checkID(id string, want ...string) error {
	typ, ok := splitID(id)
	if !ok {
		return fmt.Errorf("%s is not a STIX identifier (want type--uuid, as NewID makes)", quoted(id))
	}
	if len(want) > 0 && !slices.Contains(want, typ) {
		return fmt.Errorf("%s names a %s, not a %s", quoted(id), typ, want[0])
	}
	return nil
}

// core checks and writes what every exported object has.
func core(typ, id string, created, modified time.Time, createdBy string, m warp.Marking) (coreJSON, []string, error) {
	if err := checkID(id, typ); err != nil {
		return coreJSON{}, nil, err
	}
	if !m.Valid() {
		return coreJSON{}, nil, fmt.Errorf("no TLP marking (%q): every exported object needs one", m)
	}
	if created.IsZero() || modified.IsZero() {
		return coreJSON{}, nil, errors.New("created and modified are required")
	}
	if modified.Before(created) {
		return coreJSON{}, nil, fmt.Errorf("modified %s is before created %s", formatTimestamp(modified), formatTimestamp(created))
	}
	if createdBy != "" {
		if err := checkID(createdBy, "identity"); err != nil {
			return coreJSON{}, nil, fmt.Errorf("created_by_ref: %v", err)
		}
	}
	c := coreJSON{Type: typ, SpecVersion: "2.1", ID: id, CreatedByRef: createdBy,
		Created: formatTimestamp(created), Modified: formatTimestamp(modified)}
	return c, []string{TLP2MarkingID(m)}, nil
}

func identityObject(it Identity) (any, error) {
	c, refs, err := core("identity", it.ID, it.Created, it.Modified, it.CreatedByRef, it.Marking)
	if err != nil {
		return nil, err
	}
	if it.Name == "" {
		return nil, errors.New("an identity needs a name")
	}
	return identityJSON{coreJSON: c, Name: it.Name, Description: it.Description, IdentityClass: it.IdentityClass,
		Sectors: nonEmpty(it.Sectors), ObjectMarkingRefs: refs}, nil
}

func indicatorObject(in IndicatorOut) (any, error) {
	c, refs, err := core("indicator", in.ID, in.Created, in.Modified, in.CreatedByRef, in.Marking)
	if err != nil {
		return nil, err
	}
	pattern, err := PatternFor(in.Observables)
	if err != nil {
		return nil, err
	}
	if in.ValidFrom.IsZero() {
		return nil, errors.New("valid_from is required")
	}
	out := indicatorJSON{coreJSON: c, Name: in.Name, Description: in.Description,
		IndicatorTypes: nonEmpty(in.IndicatorTypes), Pattern: pattern, PatternType: "stix", PatternVersion: "2.1",
		ValidFrom: formatTimestamp(in.ValidFrom), Confidence: in.Confidence, ObjectMarkingRefs: refs}
	if !in.ValidUntil.IsZero() {
		if !in.ValidUntil.After(in.ValidFrom) {
			return nil, fmt.Errorf("valid_until %s is not after valid_from %s", formatTimestamp(in.ValidUntil), formatTimestamp(in.ValidFrom))
		}
		out.ValidUntil = formatTimestamp(in.ValidUntil)
	}
	if in.Confidence != nil && (*in.Confidence < 0 || *in.Confidence > 100) {
		return nil, fmt.Errorf("confidence %d is not from 0 to 100", *in.Confidence)
	}
	return out, nil
}

// reportObject writes an advisory. STIX requires a report to refer to at
// least one object; an advisory with no indicators refers to its author's
// identity, or to the publishing WARP's when the author is anonymous, so
// that it stays valid without revealing who wrote it. (A note object would
// read better, but the OASIS bundle schema rejects notes.)
func reportObject(r Report, publisher string) (any, error) {
	c, refs, err := core("report", r.ID, r.Created, r.Modified, r.CreatedByRef, r.Marking)
	if err != nil {
		return nil, err
	}
	if r.Name == "" {
		return nil, errors.New("a report needs a name")
	}
	if r.Published.IsZero() {
		return nil, errors.New("published is required")
	}
	objects := r.ObjectRefs
	for _, ref := range objects {
		if err := checkID(ref); err != nil {
			return nil, fmt.Errorf("object_refs: %v", err)
		}
	}
	if len(objects) == 0 {
		switch {
		case r.CreatedByRef != "":
			objects = []string{r.CreatedByRef}
		case publisher != "":
			objects = []string{publisher}
		default:
			return nil, errors.New("no indicators and an anonymous author: STIX needs the report to refer to something, so give Export.PublisherRef")
		}
	}
	return reportJSON{coreJSON: c, Name: r.Name, Description: r.Description, ReportTypes: nonEmpty(r.ReportTypes),
		Published: formatTimestamp(r.Published), ObjectRefs: objects, ObjectMarkingRefs: refs}, nil
}

// sightingObject writes a sighting; an anonymous member's has neither
// created_by_ref nor where_sighted_refs.
func sightingObject(s Sighting) (any, error) {
	c, refs, err := core("sighting", s.ID, s.Created, s.Modified, s.CreatedByRef, s.Marking)
	if err != nil {
		return nil, err
	}
	typ, ok := splitID(s.SightingOfRef)
	if !ok || slices.Contains(unsightable, typ) {
		return nil, fmt.Errorf("sighting_of_ref %s is not something that can be sighted", quoted(s.SightingOfRef))
	}
	if s.Count != nil && (*s.Count < 0 || *s.Count > 999_999_999) {
		return nil, fmt.Errorf("count %d is not from 0 to 999,999,999", *s.Count)
	}
	if !s.FirstSeen.IsZero() && !s.LastSeen.IsZero() && s.LastSeen.Before(s.FirstSeen) {
		return nil, fmt.Errorf("last_seen %s is before first_seen %s", formatTimestamp(s.LastSeen), formatTimestamp(s.FirstSeen))
	}
	for _, ref := range s.WhereSightedRefs {
		if err := checkID(ref, "identity", "location"); err != nil {
			return nil, fmt.Errorf("where_sighted_refs: %v", err)
		}
	}
	for _, ref := range s.ObservedDataRefs {
		if err := checkID(ref, "observed-data"); err != nil {
			return nil, fmt.Errorf("observed_data_refs: %v", err)
		}
	}
	out := sightingJSON{coreJSON: c, Description: s.Description, Count: s.Count, SightingOfRef: s.SightingOfRef,
		ObservedDataRefs: nonEmpty(s.ObservedDataRefs), WhereSightedRefs: nonEmpty(s.WhereSightedRefs),
		Summary: s.Summary, ObjectMarkingRefs: refs}
	if !s.FirstSeen.IsZero() {
		out.FirstSeen = formatTimestamp(s.FirstSeen)
	}
	if !s.LastSeen.IsZero() {
		out.LastSeen = formatTimestamp(s.LastSeen)
	}
	return out, nil
}

// nonEmpty drops empty strings: STIX lists hold values, and an empty list
// is left out altogether.
func nonEmpty(list []string) []string {
	var out []string
	for _, s := range list {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

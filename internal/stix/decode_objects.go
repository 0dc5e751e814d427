package stix

import (
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/warp"
)

func (d *decoder) indicator(f *fields, c common) error {
	in := Indicator{ID: c.id, Created: c.created, Modified: c.modified, CreatedByRef: c.createdBy,
		MarkingRefs: c.markingRefs, Revoked: c.revoked}
	var err error
	if in.Name, err = f.str("name", false); err != nil {
		return err
	}
	if in.Description, err = f.str("description", false); err != nil {
		return err
	}
	if in.IndicatorTypes, err = f.strs("indicator_types", false); err != nil {
		return err
	}
	if in.Confidence, err = f.integer("confidence", 0, 100); err != nil {
		return err
	}
	if in.ValidFrom, err = f.timestamp("valid_from", true); err != nil {
		return err
	}
	if in.ValidUntil, err = f.timestamp("valid_until", false); err != nil {
		return err
	}
	if !in.ValidUntil.IsZero() && !in.ValidUntil.After(in.ValidFrom) {
		return f.fail("valid_until", "%s is not after valid_from (%s)", formatTimestamp(in.ValidUntil), formatTimestamp(in.ValidFrom))
	}
	if in.PatternType, err = f.str("pattern_type", true); err != nil {
		return err
	}
	if in.Pattern, err = f.str("pattern", true); err != nil {
		return err
	}
	if in.PatternType == "stix" {
		p, err := ParsePattern(in.Pattern)
		if err != nil {
			return f.fail("pattern", "%s is not a STIX pattern: %v", quoted(in.Pattern), err)
		}
		in.Observables, in.Unmatched = p.Observables()
	} else {
		in.Unmatched = []string{in.PatternType + " pattern (ward reads only STIX patterns): " + clip(in.Pattern, 200)}
	}
	upsert(d, &d.b.Indicators, in.ID, in.Modified, in)
	return nil
}

func (d *decoder) report(f *fields, c common) error {
	r := Report{ID: c.id, Created: c.created, Modified: c.modified, CreatedByRef: c.createdBy, MarkingRefs: c.markingRefs}
	var err error
	if r.Name, err = f.str("name", true); err != nil {
		return err
	}
	if r.Description, err = f.str("description", false); err != nil {
		return err
	}
	if r.Published, err = f.timestamp("published", true); err != nil {
		return err
	}
	if r.ReportTypes, err = f.strs("report_types", false); err != nil {
		return err
	}
	if r.ObjectRefs, err = f.refs("object_refs", true); err != nil {
		return err
	}
	upsert(d, &d.b.Reports, r.ID, r.Modified, r)
	return nil
}

func (d *decoder) identity(f *fields, c common) error {
	id := Identity{ID: c.id, Created: c.created, Modified: c.modified, CreatedByRef: c.createdBy, MarkingRefs: c.markingRefs}
	var err error
	if id.Name, err = f.str("name", true); err != nil {
		return err
	}
	if id.Description, err = f.str("description", false); err != nil {
		return err
	}
	if id.IdentityClass, err = f.str("identity_class", false); err != nil {
		return err
	}
	if id.Sectors, err = f.strs("sectors", false); err != nil {
		return err
	}
	upsert(d, &d.b.Identities, id.ID, id.Modified, id)
	return nil
}

// sightable are the types a sighting may not be of (STIX 2.1 section 5.2):
// everything else can be seen.
var unsightable = []string{"sighting", "relationship", "bundle", "marking-definition", "language-content"}

func (d *decoder) sighting(f *fields, c common) error {
	s := Sighting{ID: c.id, Created: c.created, Modified: c.modified, CreatedByRef: c.createdBy, MarkingRefs: c.markingRefs}
	var err error
	if s.SightingOfRef, err = f.ref("sighting_of_ref", true); err != nil {
		return err
	}
	if typ, _ := splitID(s.SightingOfRef); slices.Contains(unsightable, typ) {
		return f.fail("sighting_of_ref", "%s: a sighting cannot be of a %s", quoted(s.SightingOfRef), typ)
	}
	if s.Description, err = f.str("description", false); err != nil {
		return err
	}
	if s.Count, err = f.integer("count", 0, 999_999_999); err != nil {
		return err
	}
	if s.FirstSeen, err = f.timestamp("first_seen", false); err != nil {
		return err
	}
	if s.LastSeen, err = f.timestamp("last_seen", false); err != nil {
		return err
	}
	if !s.FirstSeen.IsZero() && !s.LastSeen.IsZero() && s.LastSeen.Before(s.FirstSeen) {
		return f.fail("last_seen", "%s is before first_seen (%s)", formatTimestamp(s.LastSeen), formatTimestamp(s.FirstSeen))
	}
	if s.WhereSightedRefs, err = f.refs("where_sighted_refs", false, "identity", "location"); err != nil {
		return err
	}
	if s.ObservedDataRefs, err = f.refs("observed_data_refs", false, "observed-data"); err != nil {
		return err
	}
	if s.Summary, err = f.boolean("summary"); err != nil {
		return err
	}
	upsert(d, &d.b.Sightings, s.ID, s.Modified, s)
	return nil
}

// markingDefinition reads a marking definition and, when it is a TLP one,
// remembers its colour for the objects that name it. TLP 1.0 markings
// carry it in definition.tlp, TLP 2.0 ones in the TLP 2.0 extension, and
// some producers only in the name ("TLP:AMBER+STRICT").
func (d *decoder) markingDefinition(f *fields, c common) error {
	md := MarkingDefinition{ID: c.id, Created: c.created}
	var err error
	if md.Name, err = f.str("name", false); err != nil {
		return err
	}
	if md.DefinitionType, err = f.str("definition_type", false); err != nil {
		return err
	}
	def, err := f.object("definition")
	if err != nil {
		return err
	}
	switch {
	case md.DefinitionType == "tlp" && def != nil:
		colour, err := def.str("tlp", true)
		if err != nil {
			return err
		}
		if md.TLP, err = warp.ParseMarking(colour); err != nil {
			return def.fail("tlp", "%s is not a TLP colour", quoted(colour))
		}
	case md.DefinitionType == "statement" && def != nil:
		if md.Statement, err = def.str("statement", false); err != nil {
			return err
		}
	}
	if ext, err := f.object("extensions"); err != nil {
		return err
	} else if ext != nil {
		tlp2, err := ext.object(TLP2Extension)
		if err != nil {
			return err
		}
		if tlp2 != nil {
			colour, err := tlp2.str("tlp_2_0", true)
			if err != nil {
				return err
			}
			if md.TLP, err = warp.ParseMarking(colour); err != nil {
				return tlp2.fail("tlp_2_0", "%s is not a TLP 2.0 colour", quoted(colour))
			}
		}
	}
	if md.TLP == "" && strings.HasPrefix(strings.ToUpper(md.Name), "TLP:") {
		md.TLP, _ = warp.ParseMarking(md.Name)
	}
	if known, ok := WellKnownTLP(md.ID); ok {
		if md.TLP != "" && md.TLP != known {
			return f.fail("id", "%s is the published %s marking definition, but this one says %s", md.ID, known, md.TLP)
		}
		md.TLP = known
	}
	if md.TLP != "" {
		if _, dup := d.tlp[md.ID]; !dup {
			d.tlp[md.ID] = md.TLP
		}
	}
	upsert(d, &d.b.Markings, md.ID, md.Created, md)
	return nil
}

package stix

import (
	"encoding/json"
	"fmt"
	"slices"
)

// kind sorts types by which common properties STIX 2.1 requires of them.
type kind int

const (
	kindUnknown  kind = iota // custom or future types
	kindObject               // domain, relationship and other core objects
	kindObserved             // cyber observables: no created or modified
	kindMarking              // marking definitions: created, no modified
)

var kinds = map[string]kind{"marking-definition": kindMarking}

func init() {
	for _, t := range []string{"attack-pattern", "campaign", "course-of-action", "grouping", "identity",
		"incident", "indicator", "infrastructure", "intrusion-set", "location", "malware",
		"malware-analysis", "note", "observed-data", "opinion", "report", "threat-actor", "tool",
		"vulnerability", "relationship", "sighting", "language-content", "extension-definition"} {
		kinds[t] = kindObject
	}
	for _, t := range []string{"artifact", "autonomous-system", "directory", "domain-name", "email-addr",
		"email-message", "file", "ipv4-addr", "ipv6-addr", "mac-addr", "mutex", "network-traffic",
		"process", "software", "url", "user-account", "windows-registry-key", "x509-certificate"} {
		kinds[t] = kindObserved
	}
}

func readCommon(f *fields) (common, error) {
	var c common
	var err error
	if c.typ, err = f.str("type", true); err != nil {
		return c, err
	}
	if !validType(c.typ) {
		return c, f.fail("type", "%s is not a STIX type (3 to 250 lower-case letters, digits and hyphens)", quoted(c.typ))
	}
	f.what = c.typ
	if c.id, err = f.str("id", true); err != nil {
		return c, err
	}
	if typ, ok := splitID(c.id); !ok || typ != c.typ {
		return c, f.fail("id", "%s is not a %s identifier (want %s--uuid)", quoted(c.id), c.typ, c.typ)
	}
	k := kinds[c.typ]
	_, hasCreated := f.get("created")
	// A custom object that says when it was created is a domain object;
	// one that does not is taken for a custom observable.
	core := k == kindObject || k == kindMarking || k == kindUnknown && hasCreated
	if c.specVersion, err = f.str("spec_version", false); err != nil {
		return c, err
	}
	switch c.specVersion {
	case "2.1":
	case "":
		if core {
			return c, f.fail("spec_version", "missing: STIX 2.1 requires it on a %s (if this is STIX 2.0, convert it with the OASIS stix2-elevator)", c.typ)
		}
	default:
		return c, f.fail("spec_version", "%s: ward reads STIX 2.1", quoted(c.specVersion))
	}
	if c.created, err = f.timestamp("created", core); err != nil {
		return c, err
	}
	if c.modified, err = f.timestamp("modified", core && k != kindMarking); err != nil {
		return c, err
	}
	if !c.modified.IsZero() && c.modified.Before(c.created) {
		return c, f.fail("modified", "%s is before created (%s)", formatTimestamp(c.modified), formatTimestamp(c.created))
	}
	if c.createdBy, err = f.ref("created_by_ref", false, "identity"); err != nil {
		return c, err
	}
	if c.markingRefs, err = f.refs("object_marking_refs", false, "marking-definition"); err != nil {
		return c, err
	}
	granular, err := granularRefs(f)
	if err != nil {
		return c, err
	}
	for _, g := range granular {
		if !slices.Contains(c.markingRefs, g) {
			c.markingRefs = append(c.markingRefs, g)
		}
	}
	c.revoked, err = f.boolean("revoked")
	return c, err
}

// granularRefs are the marking definitions granular markings name. Ward
// marks an item whole, so a granular TLP marking makes the whole item at
// least that strict rather than being lost.
func granularRefs(f *fields) ([]string, error) {
	raw, ok := f.get("granular_markings")
	if !ok {
		return nil, nil
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, f.fail("granular_markings", "%s is not a list of granular markings", shown(raw))
	}
	var refs []string
	for i, m := range list {
		g := &fields{file: f.file, path: fmt.Sprintf("%s.granular_markings[%d]", f.path, i), what: "granular marking", m: m}
		ref, err := g.ref("marking_ref", false, "marking-definition")
		if err != nil {
			return nil, err
		}
		if ref != "" {
			refs = append(refs, ref)
		}
	}
	return refs, nil
}

package stix

import (
	"encoding/json"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// Bundle is what Decode read: the objects ward maps, each in its own list in
// the order of the document, and every other object kept raw. When a
// document holds several versions of one object (the same id), only the
// newest (the latest modified) is kept, as a TAXII server would serve it.
type Bundle struct {
	ID         string // "" when the document was a bare object or an array
	Indicators []Indicator
	Reports    []Report
	Identities []Identity
	Sightings  []Sighting
	Markings   []MarkingDefinition
	Others     []RawObject
}

// Indicator is a STIX indicator as ward uses it.
type Indicator struct {
	ID             string // the STIX identifier, indicator--uuid
	Name           string
	Description    string
	Created        time.Time
	Modified       time.Time
	ValidFrom      time.Time
	ValidUntil     time.Time // zero when the indicator does not expire
	Confidence     *int      // 0–100; nil when not given
	IndicatorTypes []string
	CreatedByRef   string
	Revoked        bool
	// Marking is the TLP marking from the object's marking references,
	// "" when it has none: the importer decides, since the zero marking
	// is shown to nobody.
	Marking     warp.Marking
	MarkingRefs []string // every marking definition named, whole or granular
	Pattern     string
	PatternType string
	// Observables are the values the pattern tests for equality that ward
	// can match on: addresses, networks, domains, URLs, e-mail addresses
	// and file hashes, canonical and without repeats.
	Observables []warp.Indicator
	// Unmatched lists, for the importer to report, each part of the
	// pattern ward cannot keep, with the reason: tests of other
	// properties, other operators (MATCHES, LIKE, !=…), values that are
	// not what their property says, and the qualifiers and joins that
	// narrow a pattern beyond "any of these observables".
	Unmatched []string
}

// Report is a STIX report; ward's advisories are reports.
type Report struct {
	ID           string
	Name         string
	Description  string
	Created      time.Time
	Modified     time.Time
	Published    time.Time
	ReportTypes  []string
	ObjectRefs   []string // the indicators and other objects the report is about
	CreatedByRef string   // "" for an anonymous author
	Marking      warp.Marking
	MarkingRefs  []string // read only: Encode writes the reference for Marking
}

// Identity is a STIX identity: an organisation, a person or a system that
// creates or sights things.
type Identity struct {
	ID            string
	Name          string
	Description   string
	IdentityClass string // such as "organization"
	Sectors       []string
	Created       time.Time
	Modified      time.Time
	CreatedByRef  string
	Marking       warp.Marking
	MarkingRefs   []string
}

// Sighting is a STIX sighting: someone saw the object SightingOfRef names.
type Sighting struct {
	ID               string
	SightingOfRef    string
	Description      string
	Count            *int      // 0–999,999,999; nil when not given
	FirstSeen        time.Time // zero when not given
	LastSeen         time.Time // zero when not given
	WhereSightedRefs []string  // empty for an anonymous member
	ObservedDataRefs []string
	Summary          bool
	Created          time.Time
	Modified         time.Time
	CreatedByRef     string // "" for an anonymous member
	Marking          warp.Marking
	MarkingRefs      []string
}

// MarkingDefinition is a STIX marking definition sent in the document.
type MarkingDefinition struct {
	ID             string
	Name           string
	Created        time.Time
	DefinitionType string       // "tlp", "statement" or "" for extension markings
	TLP            warp.Marking // the TLP colour it stands for, "" if none
	Statement      string       // the text of a statement marking
}

// RawObject is an object of a type ward does not map (malware, campaigns,
// relationships, cyber observables, custom objects), kept as it came with
// what a TAXII server needs to file and filter it.
type RawObject struct {
	Type        string
	ID          string
	SpecVersion string    // "" for a cyber observable that does not say
	Created     time.Time // zero for a cyber observable
	Modified    time.Time // zero for a cyber observable
	Marking     warp.Marking
	MarkingRefs []string
	JSON        json.RawMessage
}

package stix

// The JSON shapes Encode writes, property order as the STIX 2.1
// specification's examples have it, so exports are easy to read and diff.

type coreJSON struct {
	Type         string `json:"type"`
	SpecVersion  string `json:"spec_version"`
	ID           string `json:"id"`
	CreatedByRef string `json:"created_by_ref,omitempty"`
	Created      string `json:"created"`
	Modified     string `json:"modified"`
}

type identityJSON struct {
	coreJSON
	Name              string   `json:"name"`
	Description       string   `json:"description,omitempty"`
	IdentityClass     string   `json:"identity_class,omitempty"`
	Sectors           []string `json:"sectors,omitempty"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
}

type indicatorJSON struct {
	coreJSON
	Name              string   `json:"name,omitempty"`
	Description       string   `json:"description,omitempty"`
	IndicatorTypes    []string `json:"indicator_types,omitempty"`
	Pattern           string   `json:"pattern"`
	PatternType       string   `json:"pattern_type"`
	PatternVersion    string   `json:"pattern_version"`
	ValidFrom         string   `json:"valid_from"`
	ValidUntil        string   `json:"valid_until,omitempty"`
	Confidence        *int     `json:"confidence,omitempty"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
}

type reportJSON struct {
	coreJSON
	Name              string   `json:"name"`
	Description       string   `json:"description,omitempty"`
	ReportTypes       []string `json:"report_types,omitempty"`
	Published         string   `json:"published"`
	ObjectRefs        []string `json:"object_refs"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
}

type sightingJSON struct {
	coreJSON
	Description       string   `json:"description,omitempty"`
	FirstSeen         string   `json:"first_seen,omitempty"`
	LastSeen          string   `json:"last_seen,omitempty"`
	Count             *int     `json:"count,omitempty"`
	SightingOfRef     string   `json:"sighting_of_ref"`
	ObservedDataRefs  []string `json:"observed_data_refs,omitempty"`
	WhereSightedRefs  []string `json:"where_sighted_refs,omitempty"`
	Summary           bool     `json:"summary,omitempty"`
	ObjectMarkingRefs []string `json:"object_marking_refs"`
}

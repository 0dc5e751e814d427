// Package stix reads and writes STIX 2.1, the format WARPs and national
// CERTs exchange threat intelligence in, and turns it into ward's own
// values: indicators become warp.Indicator observables with their TLP
// marking, reports become advisories, sightings stay sightings.
//
// Decode reads a bundle (or a bare object, or an array of objects) and
// refuses the whole document at the first thing it cannot trust, naming the
// file and the JSON path, because a WARP import is one transaction. What
// ward cannot use but is still valid STIX is not an error: pattern tests
// that are not simple observables are listed in Indicator.Unmatched for the
// importer to report, and objects of other types are kept raw so a TAXII
// server can serve them back as they came.
//
// Encode writes ward's advisories, indicators and sightings as a bundle
// that validates against the OASIS JSON schemas, marked with the TLP 2.0
// marking definitions as OASIS publishes them.
//
// ParsePattern implements the STIX 2.1 patterning grammar, so that every
// valid pattern parses and a broken one is caught at import.
//
// The package holds no SQL and no HTTP.
package stix

// Package posture checks devices and mailboxes against the councils' security
// baseline. Controls are data with stable ids (Catalogue, ControlByID); an
// org's Settings choose its official domains and override parameters; an
// Evaluator built from them for one moment gives one Result per control, and
// every failing Result becomes a finding elsewhere. Tally and Ranker summarise
// results as they stream; Merge and Index combine reports of one device from
// several sources. Demo estates come from internal/gen/posturegen.
//
// The package holds plain values and pure functions: no SQL, no HTTP, and no
// files at run time (the catalogue and the end-of-support table are embedded).
package posture

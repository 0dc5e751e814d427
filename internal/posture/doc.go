// Package posture checks devices and mailboxes against the councils' security
// baseline. Controls are data with stable ids; evaluating a subject against
// them gives one Result per control, and every failing Result becomes a
// finding elsewhere (internal/finding). The package holds plain values and
// pure functions: no SQL, no HTTP, no files.
package posture

package bounded

import (
	"fmt"
	"sync/atomic"
)

// Limits are the limits an operator may raise (or lower) for the estate
// ward serves: a real export can pass the expanded size or the record
// count, never the nesting or a field's length.
type Limits struct {
	Expanded int64 // the most bytes an import reads, compressed or not
	Records  int64 // the most rows or objects one import reads
}

// Defaults are the limits ward starts with.
var Defaults = Limits{Expanded: MaxExpanded, Records: MaxRecords}

var current atomic.Pointer[Limits]

// Current is the limits in force.
func Current() Limits {
	if l := current.Load(); l != nil {
		return *l
	}
	return Defaults
}

// Configure sets the limits every import reads under from now on; a zero
// field keeps its default. It is called once at start-up, before any
// import, from the environment (WARD_IMPORT_MAX_BYTES, WARD_IMPORT_MAX_RECORDS).
func Configure(l Limits) error {
	if l.Expanded < 0 || l.Records < 0 {
		return fmt.Errorf("an import limit cannot be negative")
	}
	if l.Expanded == 0 {
		l.Expanded = Defaults.Expanded
	}
	if l.Records == 0 {
		l.Records = Defaults.Records
	}
	if l.Expanded < minExpanded {
		return fmt.Errorf("an import size limit of %d bytes is too small to read an export; give at least %s", l.Expanded, size(minExpanded, "bytes"))
	}
	current.Store(&l)
	return nil
}

// minExpanded keeps a mistyped limit ("1024" meant as MiB) from refusing
// every file with a message that blames the file.
const minExpanded = 1 << 20

// Records counts the records of one import and refuses the one past the
// record-count limit. The zero value is not ready: use NewRecords.
type Records struct {
	n, max int64
	what   string
}

// NewRecords starts a count of what ("rows", "objects") under the limit in
// force.
func NewRecords(what string) *Records { return &Records{max: Current().Records, what: what} }

// Add counts one more record, refusing it past the limit.
func (r *Records) Add() error {
	r.n++
	if r.n > r.max {
		return &LimitError{Limit: "record count", Max: r.max, Unit: r.what,
			Detail: fmt.Sprintf("the file holds more than %d %s", r.max, r.what)}
	}
	return nil
}

// Count is how many records have been counted.
func (r *Records) Count() int64 { return r.n }

// DeepError refuses JSON nested deeper than MaxNesting; the reader adds
// the JSON path.
func DeepError() *LimitError {
	return &LimitError{Limit: "nesting depth", Max: MaxNesting, Unit: "levels",
		Detail: fmt.Sprintf("the JSON nests deeper than %d levels", MaxNesting)}
}

// StringError refuses a JSON string longer than MaxField bytes, quoting
// its start: no value of an identity export comes near it.
func StringError(head string) *LimitError {
	return &LimitError{Limit: "field length", Max: MaxField, Unit: "bytes",
		Detail: "a string is longer than " + size(MaxField, "bytes"), Excerpt: Excerpt(head)}
}

// Package fault is the one kit of errors that every service returns, so each
// adapter — the JSON API, the web pages, the command line — maps a refusal to
// its answer in one place. A fault carries two things kept apart: a message
// that is safe to show the user who made the request, and an optional cause
// that only the log sees. Error() joins both for the log; adapters show
// Message alone.
package fault

import (
	"errors"
	"fmt"
)

// Kind is what went wrong, from the caller's side of the request.
type Kind uint8

const (
	// KindInternal is anything that is not a fault: the adapter logs it and
	// shows a generic message.
	KindInternal Kind = iota
	// KindNotFound: no such thing that the caller may see. Anything outside
	// the caller's scope is not found too, so that its existence does not leak.
	KindNotFound
	// KindForbidden: the caller's role does not allow the action.
	KindForbidden
	// KindInvalid: the input is wrong; Field names the part of it.
	KindInvalid
	// KindConflict: the change clashes with what is already there (a taken
	// slug, a record changed meanwhile).
	KindConflict
)

var kindNames = [...]string{"internal", "not found", "forbidden", "invalid", "conflict"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// Error is a fault. Make one with NotFound, Forbidden, Invalid or Conflict.
type Error struct {
	Kind Kind
	// Field is the input the fault concerns (a form field, a query
	// parameter, a column); set for KindInvalid, and for a conflict over
	// one value (a taken slug), empty otherwise.
	Field string
	// Message is safe to show the user: it says what was wrong and, where it
	// can, what to do. It never holds the cause.
	Message string
	// Cause is the internal error behind the fault, for the log only.
	Cause error
}

// Error is for the log: the field, the safe message and the cause.
func (e *Error) Error() string {
	s := e.Message
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap lets errors.Is and errors.As see the cause.
func (e *Error) Unwrap() error { return e.Cause }

// Because returns a copy of the fault with an internal cause attached, so a
// shared fault (a package's sentinel) is never changed in place.
func (e *Error) Because(cause error) *Error {
	c := *e
	c.Cause = cause
	return &c
}

// On returns a copy of the fault that names the input it concerns: a
// conflict over a taken slug is shown beside the slug field.
func (e *Error) On(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

func newf(kind Kind, field, format string, args ...any) *Error {
	return &Error{Kind: kind, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound says there is no such thing that the caller may see.
func NotFound(format string, args ...any) *Error { return newf(KindNotFound, "", format, args...) }

// Forbidden says the caller's role does not allow the action.
func Forbidden(format string, args ...any) *Error { return newf(KindForbidden, "", format, args...) }

// Invalid says the input in field is wrong, and how.
func Invalid(field, format string, args ...any) *Error {
	return newf(KindInvalid, field, format, args...)
}

// Conflict says the change clashes with what is already there.
func Conflict(format string, args ...any) *Error { return newf(KindConflict, "", format, args...) }

// As finds the fault in err's chain, or returns nil when there is none.
func As(err error) *Error {
	var f *Error
	if errors.As(err, &f) {
		return f
	}
	return nil
}

// KindOf is the kind of the first fault in err's chain; KindInternal when
// there is none (and for a nil error, which is no fault at all).
func KindOf(err error) Kind {
	if f := As(err); f != nil {
		return f.Kind
	}
	return KindInternal
}

// Is reports whether err holds a fault of the kind.
func Is(err error, kind Kind) bool { return err != nil && KindOf(err) == kind }

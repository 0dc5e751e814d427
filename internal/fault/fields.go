package fault

import (
	"errors"
	"strings"
)

// Fields is every invalid input a form or command held, found at once, so
// a person fixes them in one go rather than one per submit. As finds its
// first fault, so an adapter that shows one error still shows a true one;
// All gives the web's error summary the whole list.
type Fields []*Error

// Add records that the input in field is wrong, and how.
func (fs *Fields) Add(field, format string, args ...any) {
	*fs = append(*fs, Invalid(field, format, args...))
}

// Err is nil when nothing was wrong, else the faults as one error.
func (fs Fields) Err() error {
	if len(fs) == 0 {
		return nil
	}
	return fs
}

func (fs Fields) Error() string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		parts[i] = f.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find the first fault.
func (fs Fields) Unwrap() []error {
	out := make([]error, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

// All is every invalid-input fault in err: the list of a Fields, or the
// one fault err holds, or none.
func All(err error) []*Error {
	var fs Fields
	if errors.As(err, &fs) {
		return fs
	}
	if f := As(err); f != nil {
		return []*Error{f}
	}
	return nil
}

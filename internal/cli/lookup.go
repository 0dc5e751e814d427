package cli

import (
	"errors"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

// lookup is what a command looked for: a finding by number, a ticket by
// reference, an org by slug. A service that finds no such record says only
// "not found" (the same for a record that is not there as for one outside
// the caller's scope); exitStatus words it from the lookup, so the person
// at the terminal reads what was not found, and where.
type lookup struct {
	what, key string
	where     string // "in ashcombe", or empty
	flag      string // the flag that named it, when one did
	hint      string // where to see what there is
	err       error
}

func (l *lookup) Error() string { return l.err.Error() }
func (l *lookup) Unwrap() error { return l.err }

// notFound is the line exitStatus shows for the lookup when err says its
// record is not there; ok is false for any other error.
func notFound(err error) (line string, ok bool) {
	var l *lookup
	if !errors.As(err, &l) || !errors.Is(err, accountsvc.ErrNotFound) {
		return "", false
	}
	line = l.what + " " + l.key + " not found"
	if l.flag != "" {
		line = l.flag + ": " + line
	}
	if l.where != "" {
		line += " " + l.where
	}
	if l.hint != "" {
		line += " (see '" + l.hint + "')"
	}
	return line, true
}

// named is err with the lookup it came from, unless it already names one.
func named(err error, l lookup) error {
	var inner *lookup
	if err == nil || errors.As(err, &inner) {
		return err
	}
	l.err = err
	return &l
}

// looksFor says what the command looks up, by what key; a not-found from
// its body names them and the --org org.
func (c *cmd) looksFor(what, key string) *cmd {
	c.sought = &lookup{what: what, key: key}
	return c
}

// soughtError is the body's error with what the command looked for.
func (c *cmd) soughtError(err error) error {
	if c.sought == nil {
		return err
	}
	l := *c.sought
	if l.where == "" && c.org.Slug != "" {
		l.where = "in " + c.org.Slug
	}
	return named(err, l)
}

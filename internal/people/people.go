// Package people holds who a council's ICT security policy binds: staff,
// councillors, contractors and consultants, and when each of them is one
// of the org's people at all. Pure logic: no SQL, no HTTP.
package people

import (
	"fmt"
	"strings"
	"time"
)

// Kind is the kind of person a policy may bind.
type Kind string

const (
	Staff      Kind = "staff"
	Councillor Kind = "councillor"
	Contractor Kind = "contractor"
	Consultant Kind = "consultant"
)

// Kinds lists every kind in display order.
var Kinds = []Kind{Staff, Councillor, Contractor, Consultant}

// ParseKind accepts a kind by name, in any case; empty is staff.
func ParseKind(s string) (Kind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return Staff, nil
	}
	for _, k := range Kinds {
		if string(k) == s || string(k)+"s" == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("%q is not a kind of person (staff, councillor, contractor or consultant)", s)
}

// GoneBy is the day a person stopped being one of the org's people: the
// day they left or, failing that, the day their contract ended. ok is false
// while they are still here on no known end.
func GoneBy(leftOn, endOn string) (day time.Time, ok bool) {
	for _, s := range []string{leftOn, endOn} {
		if s == "" {
			continue
		}
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// Current reports whether a person is one of the org's people on a day
// (yyyy-mm-dd): started by then, and not yet left or out of contract.
func Current(startOn, leftOn, endOn, day string) bool {
	if startOn != "" && startOn > day {
		return false
	}
	if gone, ok := GoneBy(leftOn, endOn); ok && gone.Format(time.DateOnly) < day {
		return false
	}
	return true
}

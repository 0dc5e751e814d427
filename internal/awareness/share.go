// Package awareness holds what the policy and training views share: how
// many of an org's people of each kind are bound by something, and how
// many of them are current with it. Pure logic: no SQL, no HTTP.
package awareness

import "github.com/ward-shared-service/ward/internal/people"

// Share is, for one kind of person in one org, how many are in scope and
// how many of those are current (have accepted the version in force, or
// completed their training within its refresh period).
type Share struct {
	Kind    people.Kind `json:"kind"`
	InScope int         `json:"in_scope"`
	Current int         `json:"current"`
}

// Percent is the share current, to one decimal place; nobody in scope is
// 100%, as nobody is missing.
func (s Share) Percent() float64 {
	if s.InScope == 0 {
		return 100
	}
	return float64(s.Current*1000/s.InScope) / 10
}

// Total adds shares of several kinds into one, with an empty kind.
func Total(shares []Share) Share {
	var t Share
	for _, s := range shares {
		t.InScope += s.InScope
		t.Current += s.Current
	}
	return t
}

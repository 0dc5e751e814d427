// Package policy holds the rules of an org's policy documents: which
// people a document binds, which of its versions a person must have
// accepted, by when, and when to remind them. Pure logic: no SQL, no HTTP.
//
// A document (the ICT Security Policy, the Acceptable Use Statement, the
// Personal Commitment Statement) has numbered versions. Each version is
// marked material or minor. A person's acceptance is current when it is of
// the latest material version or any later one: a minor version (a typo, a
// new contact) keeps every current acceptance, a material one asks everyone
// it binds to accept again within the document's accept days.
package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// Usual are the three documents a council's ICT security policy is made of.
var Usual = []struct{ Slug, Title string }{
	{"ict-security-policy", "ICT Security Policy"},
	{"acceptable-use", "Acceptable Use Statement"},
	{"personal-commitment", "Personal Commitment Statement"},
}

// Version is one published version of a document.
type Version struct {
	Number      int
	Hash        string // sha256 of the exact body, hex
	Material    bool
	PublishedAt time.Time
}

// Hash is the content hash an acceptance records: the sha256 of the body's
// exact bytes, in hex.
func Hash(body string) string {
	h := sha256.Sum256([]byte(body))
	return hex.EncodeToString(h[:])
}

// Audience is whom a document binds: kinds of people, and optionally only
// some teams. Empty kinds bind every kind; empty teams bind every team.
type Audience struct {
	Kinds []string
	Teams []string
}

// ParseList splits a comma separated list, trimming and dropping blanks.
func ParseList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Binds reports whether a person of this kind and team must accept.
func (a Audience) Binds(kind, team string) bool {
	if len(a.Kinds) > 0 && !slices.Contains(a.Kinds, kind) {
		return false
	}
	if len(a.Teams) == 0 {
		return true
	}
	for _, t := range a.Teams {
		if strings.EqualFold(t, team) {
			return true
		}
	}
	return false
}

// Latest is the newest version, false when there is none. versions may be
// in any order.
func Latest(versions []Version) (Version, bool) {
	var best Version
	for _, v := range versions {
		if v.Number > best.Number {
			best = v
		}
	}
	return best, best.Number > 0
}

// Binding is the version whose acceptance (or a later one's) counts as
// current: the latest material version, or the first version when none
// after it was material.
func Binding(versions []Version) (Version, bool) {
	var best Version
	for _, v := range versions {
		if (v.Material || v.Number == 1) && v.Number > best.Number {
			best = v
		}
	}
	return best, best.Number > 0
}

// Current reports whether a person who has accepted the version numbers
// accepted holds a current acceptance.
func Current(versions []Version, accepted []int) bool {
	b, ok := Binding(versions)
	if !ok {
		return true // nothing published: nothing to accept
	}
	for _, n := range accepted {
		if n >= b.Number {
			return true
		}
	}
	return false
}

// Deadline is the day by which a person must have accepted the binding
// version: acceptDays after it was published, or after the person started
// when they joined later.
func Deadline(binding Version, acceptDays int, startOn string) time.Time {
	from := binding.PublishedAt
	if start, err := time.Parse(time.DateOnly, startOn); err == nil && start.After(from) {
		from = start
	}
	return from.AddDate(0, 0, acceptDays)
}

// ReviewOverdue reports whether a document's review day (yyyy-mm-dd) has
// passed on day; no review day is never overdue.
func ReviewOverdue(reviewOn string, day time.Time) bool {
	return reviewOn != "" && reviewOn < day.Format(time.DateOnly)
}

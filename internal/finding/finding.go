// Package finding holds the common currency of posture: one failing control
// on one subject, with its life from first seen to resolved or accepted.
// Posture, identity and people checks all produce observations; Reconcile
// turns a run's observations and the findings already held into the changes
// to make, so a re-run never duplicates a finding and never loses its first
// sighting. Pure logic: no SQL, no HTTP.
package finding

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// SubjectKind is what a finding is about.
type SubjectKind string

const (
	Device  SubjectKind = "device"
	Mailbox SubjectKind = "mailbox"
	Account SubjectKind = "account"
	Person  SubjectKind = "person"
	Org     SubjectKind = "org"
	// Directory is an AD domain or an Entra tenant as a whole.
	Directory SubjectKind = "directory"
	// Relation is one object's rights over another in a directory.
	Relation SubjectKind = "relation"
)

// SubjectKinds lists every kind of subject a finding may be about.
var SubjectKinds = []SubjectKind{Device, Mailbox, Account, Person, Org, Directory, Relation}

// ParseSubjectKind accepts a kind of subject by name.
func ParseSubjectKind(s string) (SubjectKind, error) {
	k := SubjectKind(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(SubjectKinds, k) {
		return k, nil
	}
	names := make([]string, len(SubjectKinds))
	for i, k := range SubjectKinds {
		names[i] = string(k)
	}
	return "", fmt.Errorf("%q is not a kind of subject (%s)", s, strings.Join(names, ", "))
}

// Subject names what failed: Key is stable across runs (a serial number, an
// address), Name is what people read.
type Subject struct {
	Kind SubjectKind `json:"kind"`
	Key  string      `json:"key"`
	Name string      `json:"name"`
}

// State is where a finding stands.
type State string

const (
	Open     State = "open"
	Resolved State = "resolved"
	Accepted State = "accepted" // risk accepted, with a reason, an owner and an expiry
)

// States lists the states in display order.
var States = []State{Open, Accepted, Resolved}

// ParseState accepts a state by name.
func ParseState(s string) (State, error) {
	for _, st := range States {
		if State(strings.ToLower(strings.TrimSpace(s))) == st {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a finding state (open, accepted or resolved)", s)
}

// Evidence is one value that failed a control, and what was wanted.
type Evidence struct {
	Item  string `json:"item,omitempty"` // the part of the subject, e.g. an inbox rule; empty for the subject itself
	Field string `json:"field"`
	Value string `json:"value"`
	Want  string `json:"want,omitempty"`
}

// Acceptance is a decision to live with a finding for a while.
type Acceptance struct {
	Reason  string    `json:"reason"`
	Owner   string    `json:"owner"`   // who answers for the risk
	Expires time.Time `json:"expires"` // when the finding opens again if still failing
	By      string    `json:"by"`      // who recorded the decision
	At      time.Time `json:"at"`
}

// Finding is one failing control on one subject in one org.
type Finding struct {
	ID      int64  `json:"id"`
	OrgID   int64  `json:"org_id"`
	Control string `json:"control"`
	// Title says what is wrong ("Storage is not encrypted: LT-042"). It is
	// not stored: posture.Titled works it out from the control on each read.
	Title      string      `json:"title"`
	Subject    Subject     `json:"subject"`
	Severity   string      `json:"severity"`
	Evidence   []Evidence  `json:"evidence"`
	State      State       `json:"state"`
	FirstSeen  time.Time   `json:"first_seen"`
	LastSeen   time.Time   `json:"last_seen"`
	ResolvedAt time.Time   `json:"resolved_at,omitzero"`
	Acceptance *Acceptance `json:"acceptance,omitempty"`
	// DueAt is the remediation deadline, set when a ticket is raised.
	DueAt     time.Time `json:"due_at,omitzero"`
	TicketID  int64     `json:"ticket_id,omitempty"`
	TicketRef string    `json:"ticket_ref,omitempty"`
}

// Key identifies a finding within its org: one control on one subject.
type Key struct {
	Control string
	Kind    SubjectKind
	Subject string
}

// KeyOf is the finding's key.
func (f *Finding) KeyOf() Key { return Key{f.Control, f.Subject.Kind, f.Subject.Key} }

// Age is how long the finding has been failing, as of now.
func (f *Finding) Age(now time.Time) time.Duration {
	if f.State == Resolved {
		return f.ResolvedAt.Sub(f.FirstSeen)
	}
	return now.Sub(f.FirstSeen)
}

// Overdue reports whether a remediation deadline has passed with the finding still open.
func (f *Finding) Overdue(now time.Time) bool {
	return f.State == Open && !f.DueAt.IsZero() && now.After(f.DueAt)
}

// EventKind is one change in a finding's life, kept in an append-only history.
type EventKind string

const (
	Opened          EventKind = "opened"
	Reopened        EventKind = "reopened"
	ResolvedByCheck EventKind = "resolved"
	AcceptedRisk    EventKind = "accepted"
	AcceptExpired   EventKind = "acceptance-expired"
	AcceptRevoked   EventKind = "acceptance-revoked"
	TicketRaised    EventKind = "ticket-raised"
	SeverityChanged EventKind = "severity-changed"
)

// Event is one entry in a finding's history.
type Event struct {
	At    time.Time `json:"at"`
	Kind  EventKind `json:"kind"`
	Actor string    `json:"actor,omitempty"`
	Note  string    `json:"note,omitempty"`
}

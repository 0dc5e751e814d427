package finding

import (
	"slices"
	"sort"
	"time"
)

// Outcome is what a check said of one control on one subject.
type Outcome int8

const (
	// Unknown: the sources did not report what the control needs; a held
	// finding is left as it is.
	Unknown Outcome = iota
	Pass
	Fail
	// NotApplicable: the control does not apply to the subject (any more);
	// a held finding resolves, as the failure no longer stands.
	NotApplicable
)

// Observation is one check of one control on one subject in a run.
type Observation struct {
	Control  string
	Subject  Subject
	Outcome  Outcome
	Severity string
	Evidence []Evidence // for failures
}

// Change is what to do to one finding.
type Change struct {
	Finding Finding // as it should be stored (ID zero for a new one)
	Event   *Event  // the history entry to append, if the state moved
	// SeenOnly says nothing but the last-seen time moved: the commonest
	// change by far, which a store can make in bulk.
	SeenOnly bool
}

// Plan is the result of a reconcile: findings to insert and to update.
// Findings whose subject or control was not checked in this run are not
// touched: a mailbox import does not resolve device findings.
type Plan struct {
	New     []Change
	Updated []Change
}

// Counts summarises a plan for the people who ran it.
type Counts struct {
	Opened   int `json:"opened"`
	Reopened int `json:"reopened"`
	Resolved int `json:"resolved"`
	Kept     int `json:"kept"` // still failing: last seen moved on
	Expired  int `json:"expired"`
}

// Counts tells how many findings each kind of change touched.
func (p Plan) Counts() Counts {
	var c Counts
	c.Opened = len(p.New)
	for _, ch := range p.Updated {
		switch {
		case ch.Event == nil:
			c.Kept++
		case ch.Event.Kind == Reopened:
			c.Reopened++
		case ch.Event.Kind == ResolvedByCheck:
			c.Resolved++
		case ch.Event.Kind == AcceptExpired:
			c.Expired++
		default:
			c.Kept++
		}
	}
	return c
}

// Reconcile works out, for an org, what a run's observations do to the
// findings held: a failure with no finding opens one; a failure of a held
// finding keeps it (first seen unchanged, last seen and evidence updated) or
// reopens a resolved one; a pass or not-applicable resolves an open or
// accepted one; an unknown changes nothing. An acceptance past its expiry
// whose subject still fails goes back to open.
func Reconcile(orgID int64, held []Finding, observed []Observation, now time.Time) Plan {
	byKey := make(map[Key]*Finding, len(held))
	for i := range held {
		byKey[held[i].KeyOf()] = &held[i]
	}
	var plan Plan
	seen := make(map[Key]bool, len(observed))
	for _, o := range observed {
		k := Key{o.Control, o.Subject.Kind, o.Subject.Key}
		if seen[k] {
			continue // a subject reported twice in one run counts once
		}
		seen[k] = true
		f := byKey[k]
		switch o.Outcome {
		case Fail:
			if f == nil {
				plan.New = append(plan.New, Change{
					Finding: Finding{OrgID: orgID, Control: o.Control, Subject: o.Subject, Severity: o.Severity,
						Evidence: o.Evidence, State: Open, FirstSeen: now, LastSeen: now},
					Event: &Event{At: now, Kind: Opened},
				})
				continue
			}
			next := *f
			next.LastSeen, next.Evidence, next.Subject.Name = now, o.Evidence, o.Subject.Name
			var ev *Event
			switch {
			case f.State == Resolved:
				next.State, next.ResolvedAt, next.Acceptance = Open, time.Time{}, nil
				ev = &Event{At: now, Kind: Reopened}
			case f.State == Accepted && f.Acceptance != nil && !f.Acceptance.Expires.After(now):
				next.State = Open
				ev = &Event{At: now, Kind: AcceptExpired, Note: "the acceptance expired and the control still fails"}
			case f.Severity != o.Severity:
				ev = &Event{At: now, Kind: SeverityChanged, Note: f.Severity + " → " + o.Severity}
			}
			next.Severity = o.Severity
			seenOnly := ev == nil && f.Subject.Name == o.Subject.Name && slices.Equal(f.Evidence, o.Evidence)
			plan.Updated = append(plan.Updated, Change{Finding: next, Event: ev, SeenOnly: seenOnly})
		case Pass, NotApplicable:
			if f == nil || f.State == Resolved {
				continue
			}
			next := *f
			next.State, next.ResolvedAt, next.LastSeen = Resolved, now, now
			note := "the control passes"
			if o.Outcome == NotApplicable {
				note = "the control no longer applies"
			}
			plan.Updated = append(plan.Updated, Change{Finding: next, Event: &Event{At: now, Kind: ResolvedByCheck, Note: note}})
		}
	}
	sort.SliceStable(plan.New, func(i, j int) bool { return less(plan.New[i].Finding, plan.New[j].Finding) })
	return plan
}

func less(a, b Finding) bool {
	if a.Control != b.Control {
		return a.Control < b.Control
	}
	return a.Subject.Key < b.Subject.Key
}

// Accept records a decision to live with an open finding until expires.
func Accept(f Finding, a Acceptance, now time.Time) (Finding, Event, error) {
	switch {
	case f.State == Resolved:
		return f, Event{}, &InvalidError{Field: "state", Reason: "a resolved finding needs no acceptance"}
	case a.Reason == "":
		return f, Event{}, &InvalidError{Field: "reason", Reason: "say why the risk is accepted"}
	case a.Owner == "":
		return f, Event{}, &InvalidError{Field: "owner", Reason: "name who owns the risk"}
	case !a.Expires.After(now):
		return f, Event{}, &InvalidError{Field: "expires", Reason: "the acceptance must end in the future"}
	case a.Expires.After(now.AddDate(1, 0, 1)):
		return f, Event{}, &InvalidError{Field: "expires", Reason: "accept a risk for at most a year, then look again"}
	}
	a.At = now
	f.State, f.Acceptance = Accepted, &a
	return f, Event{At: now, Kind: AcceptedRisk, Actor: a.By,
		Note: a.Reason + " (owner " + a.Owner + ", until " + a.Expires.Format(time.DateOnly) + ")"}, nil
}

// Revoke ends an acceptance early: the finding is open again.
func Revoke(f Finding, by string, now time.Time) (Finding, Event, error) {
	if f.State != Accepted {
		return f, Event{}, &InvalidError{Field: "state", Reason: "only an accepted finding can have its acceptance revoked"}
	}
	f.State, f.Acceptance = Open, nil
	return f, Event{At: now, Kind: AcceptRevoked, Actor: by}, nil
}

// InvalidError is a mistake in what a user asked for, safe to show them.
type InvalidError struct{ Field, Reason string }

func (e *InvalidError) Error() string { return e.Field + ": " + e.Reason }

// Package major holds the rules of major incidents and the status page over
// plain values: the states an incident passes through, who hears about it
// and when (the communication plan), when a burst of urgent tickets makes a
// candidate, and when a subscriber is e-mailed (damping). It knows nothing
// of SQL, HTTP or the clock: callers pass "now" in.
package major

import (
	"fmt"
	"strings"
	"time"
)

// State is where a major incident is in its life. A rule proposes a
// Candidate, which a manager accepts (Open) or declines; a manager raising
// one by hand opens it at once.
type State string

const (
	Candidate State = "candidate"
	Declined  State = "declined"
	Open      State = "open"
	Resolved  State = "resolved"
)

// Label is the state as a person reads it.
func (s State) Label() string {
	switch s {
	case Candidate:
		return "Candidate (awaiting a manager)"
	case Declined:
		return "Declined"
	case Open:
		return "Open"
	case Resolved:
		return "Resolved"
	}
	return string(s)
}

// Phase is what the status page says of an open incident, the words status
// pages use (Cachet's): each update may move it on.
type Phase string

const (
	Investigating Phase = "investigating"
	Identified    Phase = "identified"
	Monitoring    Phase = "monitoring"
	Fixed         Phase = "resolved"
)

// Phases lists the phases in order.
var Phases = []Phase{Investigating, Identified, Monitoring, Fixed}

// ParsePhase accepts a phase by name.
func ParsePhase(s string) (Phase, error) {
	t := Phase(strings.ToLower(strings.TrimSpace(s)))
	for _, p := range Phases {
		if t == p {
			return p, nil
		}
	}
	return "", fmt.Errorf("%q is not a phase (investigating, identified, monitoring or resolved)", s)
}

// Label is the phase as the status page shows it.
func (p Phase) Label() string {
	if p == "" {
		return ""
	}
	return strings.ToUpper(string(p[:1])) + string(p[1:])
}

// Audience is who an update is written for. Public updates are the only
// ones shown without sign-in and mailed to subscribers.
type Audience string

const (
	Staff    Audience = "staff"    // the councils' staff, on the signed-in status page
	Members  Audience = "members"  // elected members
	Partners Audience = "partners" // NHS and voluntary-sector partners
	Public   Audience = "public"   // anyone: the public status page and subscribers
)

// Audiences lists the audiences in the order pages offer them.
var Audiences = []Audience{Staff, Members, Partners, Public}

// ParseAudience accepts an audience by name.
func ParseAudience(s string) (Audience, error) {
	t := Audience(strings.ToLower(strings.TrimSpace(s)))
	for _, a := range Audiences {
		if t == a {
			return a, nil
		}
	}
	return "", fmt.Errorf("%q is not an audience (staff, members, partners or public)", s)
}

// Impact is one service (and perhaps one site) a major incident affects in
// one council.
type Impact struct {
	OrgID   int64  `json:"org_id"`
	Org     string `json:"org,omitempty"` // the council's slug, for display
	Service string `json:"service"`
	Site    string `json:"site,omitempty"`
}

// ServiceKey is how service names are matched: case and spacing do not
// make two services ("Payroll " and "payroll" are one).
func ServiceKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// Comms is one line of a communication plan: an audience hears every so
// often, and the next update to it is due at NextDue.
type Comms struct {
	Audience Audience      `json:"audience"`
	Every    time.Duration `json:"every"`
	NextDue  time.Time     `json:"next_due"`
}

// Overdue reports whether the next update to the audience is late.
func (c Comms) Overdue(now time.Time) bool { return !c.NextDue.IsZero() && now.After(c.NextDue) }

// AfterUpdate is the plan line once an update has gone to its audience at.
func (c Comms) AfterUpdate(at time.Time) Comms {
	c.NextDue = at.Add(c.Every)
	return c
}

// CheckComms refuses a plan interval that could not be meant: under five
// minutes floods people, over a week is no plan.
func CheckComms(every time.Duration) error {
	if every < 5*time.Minute || every > 7*24*time.Hour {
		return fmt.Errorf("an update interval runs from 5 minutes to 7 days, not %s", every)
	}
	return nil
}

// Package desk is the service desk's logic over plain values: tickets, their
// states and histories, SLA policies, and the engine that turns a calendar, a
// policy and a ticket's history into response and resolution clocks. It knows
// nothing of SQL or HTTP.
package desk

import (
	"fmt"
	"strings"
)

// Type says whether a ticket is something broken or something wanted.
type Type string

const (
	Incident Type = "incident"
	Request  Type = "request"
)

// Types lists the ticket types in display order.
var Types = []Type{Incident, Request}

// ParseType accepts a ticket type by name.
func ParseType(s string) (Type, error) {
	switch Type(strings.ToLower(strings.TrimSpace(s))) {
	case Incident:
		return Incident, nil
	case Request:
		return Request, nil
	}
	return "", fmt.Errorf("%q is not a ticket type (incident or request)", s)
}

// Priority is P1 (most urgent) to P4.
type Priority int

const (
	P1 Priority = 1
	P2 Priority = 2
	P3 Priority = 3
	P4 Priority = 4
)

// Priorities lists P1 to P4.
var Priorities = []Priority{P1, P2, P3, P4}

func (p Priority) String() string {
	if p.Valid() {
		return fmt.Sprintf("P%d", int(p))
	}
	return fmt.Sprintf("P?(%d)", int(p))
}

// Valid reports whether p is P1 to P4.
func (p Priority) Valid() bool { return p >= P1 && p <= P4 }

// ParsePriority accepts "P3", "p3" or "3".
func ParsePriority(s string) (Priority, error) {
	t := strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "P")
	if len(t) == 1 && t[0] >= '1' && t[0] <= '4' {
		return Priority(t[0] - '0'), nil
	}
	return 0, fmt.Errorf("%q is not a priority (P1 to P4)", s)
}

// Level is an impact or an urgency: 1 high, 2 medium, 3 low.
type Level int

const (
	High   Level = 1
	Medium Level = 2
	Low    Level = 3
)

// ParseLevel accepts "high", "medium", "low" or 1 to 3.
func ParseLevel(s string) (Level, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "high":
		return High, nil
	case "2", "medium":
		return Medium, nil
	case "3", "low":
		return Low, nil
	}
	return 0, fmt.Errorf("%q is not a level (high, medium or low)", s)
}

func (l Level) String() string {
	switch l {
	case High:
		return "high"
	case Medium:
		return "medium"
	case Low:
		return "low"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// PriorityFor is the ITIL impact × urgency matrix: a service-wide outage that
// cannot wait is P1, one person's inconvenience that can wait is P4.
func PriorityFor(impact, urgency Level) Priority {
	if impact < High || impact > Low || urgency < High || urgency > Low {
		return P3
	}
	sum := int(impact) + int(urgency) // 2..6
	switch {
	case sum <= 2:
		return P1
	case sum == 3:
		return P2
	case sum == 4:
		return P3
	default:
		return P4
	}
}

// Channel is how a ticket reached the desk.
type Channel string

const (
	Portal     Channel = "portal"
	Email      Channel = "email"
	Phone      Channel = "phone"
	WalkUp     Channel = "walk-up"
	Monitoring Channel = "monitoring"
)

// Channels lists the channels in display order.
var Channels = []Channel{Portal, Email, Phone, WalkUp, Monitoring}

// ParseChannel accepts a channel by name ("walkup" and "walk up" too).
func ParseChannel(s string) (Channel, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.NewReplacer(" ", "-", "_", "-").Replace(t)
	if t == "walkup" {
		t = "walk-up"
	}
	for _, c := range Channels {
		if string(c) == t {
			return c, nil
		}
	}
	return "", fmt.Errorf("%q is not a channel (portal, email, phone, walk-up or monitoring)", s)
}

// State is where a ticket is in its life.
type State string

const (
	New              State = "new"
	Assigned         State = "assigned"
	InProgress       State = "in-progress"
	AwaitingUser     State = "awaiting-user"
	AwaitingSupplier State = "awaiting-supplier"
	AwaitingChange   State = "awaiting-change"
	Resolved         State = "resolved"
	Closed           State = "closed"
)

// States lists every state in the order a ticket usually meets them.
var States = []State{New, Assigned, InProgress, AwaitingUser, AwaitingSupplier, AwaitingChange, Resolved, Closed}

// DefaultPauseStates are the states in which the clocks stand still unless a
// policy says otherwise: the desk is waiting on someone else.
var DefaultPauseStates = []State{AwaitingUser, AwaitingSupplier, AwaitingChange}

// ParseState accepts a state by name.
func ParseState(s string) (State, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	t = strings.NewReplacer(" ", "-", "_", "-").Replace(t)
	for _, st := range States {
		if string(st) == t {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a ticket state", s)
}

// Done reports whether the ticket is resolved or closed: its resolution clock
// has stopped, and only a reopen starts it again.
func (s State) Done() bool { return s == Resolved || s == Closed }

// Label is the state as people say it.
func (s State) Label() string {
	switch s {
	case InProgress:
		return "In progress"
	case AwaitingUser:
		return "Awaiting user"
	case AwaitingSupplier:
		return "Awaiting supplier"
	case AwaitingChange:
		return "Awaiting change"
	}
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

package desk

import (
	"fmt"
	"time"
)

// EventKind says what an event in a ticket's history did.
type EventKind string

const (
	Opened    EventKind = "opened"    // the ticket was logged
	Moved     EventKind = "state"     // the state changed
	Escalated EventKind = "priority"  // the priority changed
	Reassign  EventKind = "assign"    // the assignment group or assignee changed
	Responded EventKind = "responded" // an agent answered the caller
	Commented EventKind = "comment"   // a note, with no effect on the clocks
	Reopened  EventKind = "reopen"    // a resolved ticket was opened again
	Call      EventKind = "call"      // a phone call was linked to the ticket
	Updated   EventKind = "update"    // an imported row that may change several fields
)

// Internal is a note for the desk only: never shown or mailed to the caller.
const Internal EventKind = "internal"

// Event is one entry in a ticket's append-only history. State and Priority
// hold the values after the event; empty or zero means unchanged.
type Event struct {
	At              time.Time `json:"at"`
	Kind            EventKind `json:"kind"`
	State           State     `json:"state,omitempty"`
	Priority        Priority  `json:"priority,omitempty"`
	AssignmentGroup string    `json:"assignment_group,omitempty"`
	Assignee        string    `json:"assignee,omitempty"`
	Actor           string    `json:"actor,omitempty"`
	Note            string    `json:"note,omitempty"`
	// Seq is the event's position in the source's own numbering, such as
	// ServiceNow's sys_mod_count; imports use it to stay idempotent.
	Seq int `json:"seq"`
}

// Ticket is an incident or request with the fields people search and report on.
type Ticket struct {
	Ref             string    `json:"ref"`
	Source          string    `json:"source"`      // "ward", "servicenow", "csv"
	ExternalID      string    `json:"external_id"` // the source's ticket number
	Type            Type      `json:"type"`
	Priority        Priority  `json:"priority"`
	Impact          Level     `json:"impact,omitempty"`
	Urgency         Level     `json:"urgency,omitempty"`
	Category        string    `json:"category"`
	Subcategory     string    `json:"subcategory"`
	Channel         Channel   `json:"channel"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	Caller          string    `json:"caller"`
	CallerPhone     string    `json:"caller_phone,omitempty"`
	Site            string    `json:"site"`
	AssignmentGroup string    `json:"assignment_group"`
	Assignee        string    `json:"assignee"`
	State           State     `json:"state"`
	OpenedAt        time.Time `json:"opened_at"`
	// ResolvedAt is set when the source states when the ticket was resolved
	// (ServiceNow's resolved_at); otherwise the history decides.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	ClosedAt   time.Time `json:"closed_at,omitzero"`
}

// HistoryError is a ticket history the engine refuses, naming the ticket.
type HistoryError struct {
	Ref    string
	Index  int // the event's position, from 0
	Reason string
}

func (e *HistoryError) Error() string {
	name := "ticket " + e.Ref
	if e.Ref == "" {
		name = "the new ticket"
	}
	if e.Index < 0 {
		return fmt.Sprintf("%s: %s", name, e.Reason)
	}
	return fmt.Sprintf("%s: event %d: %s", name, e.Index+1, e.Reason)
}

// CheckHistory refuses events that go back in time or come before the
// ticket was opened: a clock cannot be measured from them honestly.
func CheckHistory(t Ticket, events []Event) error {
	if t.OpenedAt.IsZero() {
		return &HistoryError{Ref: t.Ref, Index: -1, Reason: "the ticket has no opening time"}
	}
	var prev time.Time
	for i, e := range events {
		if e.At.Before(t.OpenedAt) {
			return &HistoryError{Ref: t.Ref, Index: i, Reason: fmt.Sprintf("at %s, before the ticket was opened at %s",
				e.At.UTC().Format(time.RFC3339), t.OpenedAt.UTC().Format(time.RFC3339))}
		}
		if i > 0 && e.At.Before(prev) {
			return &HistoryError{Ref: t.Ref, Index: i, Reason: fmt.Sprintf("at %s, earlier than the event before it at %s",
				e.At.UTC().Format(time.RFC3339), prev.UTC().Format(time.RFC3339))}
		}
		if e.Priority != 0 && !e.Priority.Valid() {
			return &HistoryError{Ref: t.Ref, Index: i, Reason: fmt.Sprintf("priority %d is not P1 to P4", int(e.Priority))}
		}
		prev = e.At
	}
	return nil
}

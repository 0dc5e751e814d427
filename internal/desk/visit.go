package desk

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// VisitState is where a walk-up visitor is in a site's queue.
type VisitState string

// A visit waits, is called to a desk, is served there and ends one of three
// ways: resolved on the spot, logged as a ticket, or not there when called.
const (
	VisitWaiting  VisitState = "waiting"
	VisitCalled   VisitState = "called"
	VisitServing  VisitState = "serving"
	VisitResolved VisitState = "resolved"
	VisitTicket   VisitState = "ticket"
	VisitNoShow   VisitState = "no-show"
)

// Finished says the visit has left the queue.
func (s VisitState) Finished() bool {
	return s == VisitResolved || s == VisitTicket || s == VisitNoShow
}

// Label is the state in words, for the staff's queue.
func (s VisitState) Label() string {
	switch s {
	case VisitWaiting:
		return "Waiting"
	case VisitCalled:
		return "Called"
	case VisitServing:
		return "Being served"
	case VisitResolved:
		return "Resolved on the spot"
	case VisitTicket:
		return "Ticket logged"
	case VisitNoShow:
		return "Did not come"
	}
	return string(s)
}

// CanMove says whether a visit may go from one state to the next: called
// only from waiting; served once called; finished with a resolution or a
// ticket once called or served (a quick answer at the desk needs no
// separate "serving" step); a no-show only when called and not yet served.
func CanMove(from, to VisitState) bool {
	switch to {
	case VisitCalled:
		return from == VisitWaiting
	case VisitServing:
		return from == VisitCalled
	case VisitResolved, VisitTicket:
		return from == VisitCalled || from == VisitServing
	case VisitNoShow:
		return from == VisitCalled
	}
	return false
}

// Visitor limits: a name or staff number, and a reason a tablet's
// on-screen keyboard can type in a minute.
const (
	MaxVisitorName   = 80
	MaxVisitReason   = 300
	MaxVisitOutcome  = 2000
	MaxDeskName      = 40
	MaxVisitsAtATime = 200 // a site's queue as one page shows it: more is a queue no one could serve today
)

// CheckVisitor names what is wrong with a check-in, by field.
func CheckVisitor(name, reason string) map[string]string {
	bad := map[string]string{}
	switch n := strings.TrimSpace(name); {
	case n == "":
		bad["name"] = "Enter your name or staff number"
	case utf8.RuneCountInString(n) > MaxVisitorName:
		bad["name"] = "Your name must be 80 characters or fewer"
	}
	switch r := strings.TrimSpace(reason); {
	case r == "":
		bad["reason"] = "Tell us briefly what you need help with"
	case utf8.RuneCountInString(r) > MaxVisitReason:
		bad["reason"] = "Keep the reason to 300 characters or fewer"
	}
	return bad
}

// ScreenName is what a site's queue screen shows for a visitor: their queue
// number, and their first name beside it only when they asked for it and
// what they typed looks like a name (a staff number is never shown).
func ScreenName(name string, number int, showName bool) string {
	label := strconv.Itoa(number)
	if !showName {
		return label
	}
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	if first == "" || strings.ContainsAny(first, "0123456789@") {
		return label
	}
	return label + " " + first
}

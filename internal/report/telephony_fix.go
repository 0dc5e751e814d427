package report

import (
	"strings"
	"time"
)

// FixWindow is how long after a call ends its ticket may be resolved and
// still count as fixed on that call: time to write up and close what was
// fixed while the caller was on the line, not time for a second attempt.
const FixWindow = 30 * time.Minute

// FixDefinition is the first-time fix rule in words, carried with the
// figures so a reader of the report need not look it up.
const FixDefinition = "A first-time fix is an answered call, not transferred, whose ticket was resolved during the call " +
	"or within 30 minutes of its end, by the agent who answered it (the ticket has no other assignee), " +
	"with no other call linked to the ticket and never reopened. " +
	"The rate is first-time fixes as a share of answered calls that have a ticket."

// CallFix is what the first-time fix rule reads of an answered call and the
// ticket it raised or was linked to.
type CallFix struct {
	Agent          string    // who answered, as the phone system names them
	Answered       time.Time // when the call was answered
	Ended          time.Time // when it ended; zero if not yet
	Transferred    bool      // passed on to someone else after the answer
	TicketResolved time.Time // when the ticket was (last) resolved; zero if open
	TicketAssignee string    // the ticket's assignee, "" for none
	TicketReopened bool      // the ticket was ever reopened
	TicketCalls    int       // calls linked to the ticket, this one included
}

// Fixed applies the first-time fix rule (FixDefinition) to one call.
func (c CallFix) Fixed() bool {
	if c.Transferred || c.TicketReopened || c.TicketCalls > 1 || c.TicketResolved.IsZero() {
		return false
	}
	end := c.Ended
	if end.IsZero() {
		end = c.Answered
	}
	if c.TicketResolved.After(end.Add(FixWindow)) {
		return false
	}
	assignee := strings.TrimSpace(c.TicketAssignee)
	return assignee == "" || strings.EqualFold(assignee, strings.TrimSpace(c.Agent))
}

// FixFigures is the first-time fix count and rate of a council or an agent.
type FixFigures struct {
	Agent      string  `json:"agent,omitempty"`
	WithTicket int     `json:"answered_with_ticket"`
	Fixed      int     `json:"first_time_fixes"`
	Rate       float64 `json:"first_time_fix_percent"`
}

func (f *FixFigures) add(fixed bool) {
	f.WithTicket++
	if fixed {
		f.Fixed++
	}
	f.Rate = percent(f.Fixed, f.WithTicket)
}

func percent(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

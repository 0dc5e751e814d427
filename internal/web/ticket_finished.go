package web

import (
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
)

// A resolved or closed ticket is finished: its clocks have stopped, so the
// page gives each clock's verdict with its figures and no time left, and
// offers a reopen (with a reason) instead of the update form.

// verdict words a stopped clock's outcome with its figures: "Met: 2 h 10 min
// of 16 h, 13 h 50 min to spare" or "Breached: 20 h of 16 h, 4 h over".
func verdict(c desk.Clock) string {
	used := workingTime(c.Used) + " of " + workingTime(c.Target)
	switch {
	case c.Target == 0:
		return "No target"
	case c.Status == desk.Breached || !c.Within():
		return "Breached: " + used + ", " + workingTime(c.Used-c.Target) + " over"
	case c.Status == desk.Met || c.Stopped:
		return "Met: " + used + ", " + workingTime(c.Target-c.Used) + " to spare"
	}
	// A clock the resolution did not stop (a response never recorded)
	// stands where it was when the ticket was finished.
	return "Stopped unmet: " + used
}

// reopenReason checks the reopen form: a reopen says why, as the note the
// history keeps.
func reopenReason(form map[string]string) *fieldError {
	if form["reopen"] == "yes" && strings.TrimSpace(form["note"]) == "" {
		return &fieldError{"note", "Enter why the ticket is being reopened"}
	}
	return nil
}

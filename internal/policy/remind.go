package policy

import "time"

// Schedule is how a document chases acceptance of a material version: the
// first mail goes at publish, reminders every Every days after the last,
// at most Max of them, and once the deadline has passed one escalation to
// the person's line manager. Every stops once the person accepts, which
// the caller knows and does not ask.
type Schedule struct {
	EveryDays int
	Max       int
}

// Chase is where one person stands with their mails for one version.
type Chase struct {
	Sent      int       // reminders sent so far, not counting the first mail
	LastSent  time.Time // the first mail or the last reminder
	Escalated bool
}

// Step is what to send now.
type Step int

const (
	Nothing Step = iota
	Remind
	Escalate
)

// Next says what is due for a person who has not accepted, at now, given
// their deadline and whether they have a manager to escalate to.
func (s Schedule) Next(c Chase, deadline, now time.Time, hasManager bool) Step {
	if !now.Before(deadline) && !c.Escalated && hasManager {
		return Escalate
	}
	if s.EveryDays <= 0 || c.Sent >= s.Max {
		return Nothing
	}
	if c.LastSent.IsZero() || !now.Before(c.LastSent.AddDate(0, 0, s.EveryDays)) {
		return Remind
	}
	return Nothing
}

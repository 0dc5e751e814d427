package desk

import "time"

// AdvanceResolution brings a resolution clock measured at measuredAt (by
// Measure, and kept with the ticket) forward to now without the ticket's
// history, for lists that show many clocks at once. Nothing in a history
// changes between two writes, so the only thing that moves is time: a
// running clock uses the working time since, a paused one pauses it, and a
// stopped one stands. state is the ticket's state now (its last event's),
// and stopped says whether the clock had stopped at measuredAt.
//
// ok is false when only the history can say (the clock ran out exactly at
// measuredAt); the caller must then re-measure, as it must when the clock
// was never measured or the source's resolution time falls after
// measuredAt. TestAdvanceMatchesMeasure holds the result to Measure's.
func AdvanceResolution(cal WorkingTime, pol Policy, kept Clock, state State, stopped bool, measuredAt, now time.Time) (c Clock, ok bool) {
	c = kept
	c.Left = c.Target - c.Used
	defer warn(pol, &c) // kept clocks carry no warning; Measure's rule
	if stopped || state.Done() || !now.After(measuredAt) {
		return c, true
	}
	w := cal.Between(measuredAt, now)
	if pol.Pauses(state) {
		c.Paused += w
		return c, true
	}
	before := c.Used
	c.Used += w
	c.Left = c.Target - c.Used
	switch {
	case c.Used > c.Target:
		if c.Status != Breached && (c.Deadline.IsZero() || before >= c.Target) {
			// At no time left, the instant of breach is the end of the
			// working time before, which only the history tells.
			return c, false
		} // else the deadline it was running to is the instant of breach
		c.Status = Breached
	default:
		c.Status = Running
		if c.Deadline.IsZero() || c.Left == 0 {
			// the kept deadline holds while time is left (a whole-second
			// Used would move it); at none, Measure names the instant itself
			c.Deadline = cal.Add(now, c.Left)
		}
	}
	return c, true
}

// warn sets a clock's warning: the highest of the policy's thresholds that
// the time used has reached.
func warn(pol Policy, c *Clock) {
	c.Warning = 0
	for _, p := range pol.Warnings {
		if c.Target > 0 && float64(c.Used) >= p/100*float64(c.Target) && p > c.Warning {
			c.Warning = p
		}
	}
}

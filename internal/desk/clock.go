package desk

import "time"

// Status is where an SLA clock stands.
type Status string

const (
	Running  Status = "running"  // counting towards its target
	Paused   Status = "paused"   // standing still in a pause state
	Met      Status = "met"      // stopped within its target
	Breached Status = "breached" // past its target, stopped or not
)

// Clock is one SLA clock, response or resolution, measured at an instant.
type Clock struct {
	Target time.Duration `json:"target"`
	// Used is the working time counted against the target.
	Used time.Duration `json:"used"`
	// Paused is the working time spent in pause states before the clock stopped.
	Paused  time.Duration `json:"paused"`
	Status  Status        `json:"status"`
	Stopped bool          `json:"stopped"`
	// StoppedAt is when the clock stopped: the first response, or the
	// resolution. Zero while the clock has not stopped.
	StoppedAt time.Time `json:"stopped_at,omitzero"`
	// Deadline is when the target runs out: in the future for a running
	// clock, the instant of breach for a breached one, zero when paused or met.
	Deadline time.Time `json:"deadline,omitzero"`
	// Left is the target less the time used: negative once breached.
	Left time.Duration `json:"left"`
	// Warning is the highest of the policy's warning thresholds (percent of
	// the target) that the time used has reached; zero when none.
	Warning float64 `json:"warning,omitempty"`
}

// Within reports whether the clock stopped (or stands) within its target.
func (c Clock) Within() bool { return c.Used <= c.Target }

// Measurement is a ticket's SLA clocks under one policy at one instant.
type Measurement struct {
	Ref           string    `json:"ref"`
	Priority      Priority  `json:"priority"`
	PolicyVersion int       `json:"policy_version"`
	At            time.Time `json:"at"`
	Response      Clock     `json:"response"`
	Resolution    Clock     `json:"resolution"`
}

// Measure runs the SLA engine: from a calendar, a policy and a ticket's
// events it returns the response and resolution clocks as they stand at now.
//
// The rules, which imported histories follow too:
//   - each event's state holds from the event until the next event;
//     before the first event that sets a state the ticket is new;
//   - clocks count working time only, and stand still in the policy's pause
//     states and while the ticket is resolved or closed, so a reopened
//     ticket resumes where it stopped and its time while resolved is not
//     counted;
//   - the resolution clock runs until the ticket's ResolvedAt when the
//     source gives one, else until now;
//   - the response clock stops at the first answer to the caller: a
//     Responded event, or the first move to in progress, awaiting, resolved
//     or closed;
//   - the targets are the policy's for the ticket's current priority, so a
//     priority change mid-life keeps the time already used and paused and
//     only moves the goalposts.
//
// Events out of order or before the opening are refused (see CheckHistory).
// Measure does not allocate; its cost depends on the number of events, not
// on how long the ticket has been open.
func Measure(cal WorkingTime, pol Policy, t Ticket, events []Event, now time.Time) (Measurement, error) {
	if err := CheckHistory(t, events); err != nil {
		return Measurement{}, err
	}
	pri := t.Priority
	if !pri.Valid() {
		for _, e := range events {
			if e.Priority.Valid() {
				pri = e.Priority
			}
		}
	}
	if !pri.Valid() {
		return Measurement{}, &HistoryError{Ref: t.Ref, Index: -1, Reason: "the ticket has no priority"}
	}
	target := pol.Targets[pri]
	m := Measurement{Ref: t.Ref, Priority: pri, PolicyVersion: pol.Version, At: now}
	res := &m.Resolution
	resp := &m.Response
	res.Target = target.Resolution.Working(cal)
	resp.Target = target.Response.Working(cal)

	end := now
	if !t.ResolvedAt.IsZero() && t.ResolvedAt.Before(end) {
		end = t.ResolvedAt
	}
	if end.Before(t.OpenedAt) {
		end = t.OpenedAt
	}

	state := New
	from := t.OpenedAt
	var resBreach, respBreach segmentBreach
	count := func(to time.Time) {
		if to.After(end) {
			to = end
		}
		if !to.After(from) || state.Done() {
			return
		}
		w := cal.Between(from, to)
		if pol.Pauses(state) {
			res.Paused += w
			if !resp.Stopped {
				resp.Paused += w
			}
			return
		}
		resBreach.note(from, res.Used, res.Target, w)
		res.Used += w
		if !resp.Stopped {
			respBreach.note(from, resp.Used, resp.Target, w)
			resp.Used += w
		}
	}
	for _, e := range events {
		count(e.At)
		from = e.At
		if e.At.After(end) {
			from = end
		}
		if e.State != "" {
			state = e.State
		}
		if !resp.Stopped && !e.At.After(end) && answers(e) {
			resp.Stopped, resp.StoppedAt = true, e.At
		}
	}
	count(end)

	// The resolution clock has stopped when the source says when the ticket
	// was resolved, or when the ticket now stands resolved or closed.
	switch {
	case !t.ResolvedAt.IsZero() && !t.ResolvedAt.After(now):
		res.Stopped, res.StoppedAt = true, t.ResolvedAt
	case state.Done():
		res.Stopped, res.StoppedAt = true, lastDone(events)
	}
	finish(cal, pol, res, resBreach, pol.Pauses(state) || state.Done(), now)
	finish(cal, pol, resp, respBreach, pol.Pauses(state) || state.Done(), now)
	return m, nil
}

// answers reports whether an event is the desk's first answer to the caller.
func answers(e Event) bool {
	if e.Kind == Responded {
		return true
	}
	switch e.State {
	case InProgress, AwaitingUser, AwaitingSupplier, AwaitingChange, Resolved, Closed:
		return true
	}
	return false
}

// lastDone is when the ticket last moved into resolved or closed.
func lastDone(events []Event) time.Time {
	var at time.Time
	done := false
	for _, e := range events {
		if e.State == "" {
			continue
		}
		if e.State.Done() && !done {
			at = e.At
		}
		done = e.State.Done()
	}
	return at
}

// segmentBreach remembers the stretch of running time in which a clock went
// past its target, so the instant of breach costs one calendar lookup.
type segmentBreach struct {
	found bool
	from  time.Time
	need  time.Duration
}

func (b *segmentBreach) note(from time.Time, used, target, w time.Duration) {
	if !b.found && used <= target && used+w > target {
		b.found, b.from, b.need = true, from, target-used
	}
}

func finish(cal WorkingTime, pol Policy, c *Clock, breach segmentBreach, standing bool, now time.Time) {
	c.Left = c.Target - c.Used
	for _, w := range pol.Warnings {
		if c.Target > 0 && float64(c.Used) >= w/100*float64(c.Target) && w > c.Warning {
			c.Warning = w
		}
	}
	switch {
	case c.Used > c.Target:
		c.Status = Breached
		if breach.found {
			c.Deadline = cal.Add(breach.from, breach.need)
		}
	case c.Stopped:
		c.Status = Met
	case standing:
		c.Status = Paused
	default:
		c.Status = Running
		c.Deadline = cal.Add(now, c.Left)
	}
}

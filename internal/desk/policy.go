package desk

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// WorkingTime is the calendar arithmetic the SLA engine needs.
// *calendar.Calendar provides it.
type WorkingTime interface {
	// Between is the working time in [from, to); zero when to is not after from.
	Between(from, to time.Time) time.Duration
	// Add is the instant at which d of working time has passed since from.
	Add(from time.Time, d time.Duration) time.Time
	// DayLength is the length of a normal working day, the unit of
	// day-based targets.
	DayLength() time.Duration
}

// Unit is what a target is counted in.
type Unit string

const (
	Minutes Unit = "minutes"
	Hours   Unit = "hours"
	Days    Unit = "days" // working days of the calendar's normal length
)

// Span is a target: an amount of working minutes, hours or working days.
type Span struct {
	Amount float64 `json:"amount"`
	Unit   Unit    `json:"unit"`
}

// Working turns the span into working time on a calendar.
func (s Span) Working(cal WorkingTime) time.Duration {
	switch s.Unit {
	case Minutes:
		return time.Duration(s.Amount * float64(time.Minute))
	case Days:
		return time.Duration(s.Amount * float64(cal.DayLength()))
	default:
		return time.Duration(s.Amount * float64(time.Hour))
	}
}

func (s Span) String() string {
	n := strconv.FormatFloat(s.Amount, 'f', -1, 64)
	switch s.Unit {
	case Minutes:
		return n + " min"
	case Days:
		if s.Amount == 1 {
			return "1 working day"
		}
		return n + " working days"
	}
	return n + " h"
}

// ParseSpan reads "15m", "15 min", "4h", "16 hours", "2d", "2 days".
func ParseSpan(s string) (Span, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	i := 0
	for i < len(t) && (t[i] >= '0' && t[i] <= '9' || t[i] == '.') {
		i++
	}
	amount, err := strconv.ParseFloat(t[:i], 64)
	if err != nil || amount < 0 {
		return Span{}, fmt.Errorf("%q is not a target: give a number and a unit, such as 15m, 4h or 2d", s)
	}
	if amount > maxSpanAmount {
		return Span{}, fmt.Errorf("%q is too long a target", s)
	}
	switch strings.TrimSpace(t[i:]) {
	case "m", "min", "mins", "minute", "minutes":
		return Span{amount, Minutes}, nil
	case "h", "hr", "hrs", "hour", "hours":
		return Span{amount, Hours}, nil
	case "d", "day", "days", "working day", "working days":
		return Span{amount, Days}, nil
	}
	return Span{}, fmt.Errorf("%q is not a target: the unit must be m, h or d", s)
}

// maxSpanAmount keeps a target (in any unit) far inside what a Duration holds.
const maxSpanAmount = 100_000

// Target is the response and resolution targets for one priority.
type Target struct {
	Response   Span `json:"response"`
	Resolution Span `json:"resolution"`
}

// Policy is one version of an org's service levels for one ticket type.
type Policy struct {
	Version int `json:"version"`
	// EffectiveFrom is when this version came into force: tickets opened on
	// or after it are measured by it.
	EffectiveFrom time.Time           `json:"effective_from"`
	Type          Type                `json:"type"`
	Targets       map[Priority]Target `json:"targets"`
	PauseStates   []State             `json:"pause_states"`
	// TargetPercent is the share of tickets that must meet the resolution
	// target, such as 90.
	TargetPercent float64 `json:"target_percent"`
	// Warnings are the shares of a target used, in percent, at which a
	// ticket is flagged as nearing breach, such as 50, 75 and 90.
	Warnings []float64 `json:"warnings"`
}

// DefaultPolicy is what an org without its own policy is measured by: P3
// resolved in two working days of eight hours, 90% of the time.
func DefaultPolicy(t Type) Policy {
	return Policy{
		Version: 0,
		Type:    t,
		Targets: map[Priority]Target{
			P1: {Response: Span{15, Minutes}, Resolution: Span{4, Hours}},
			P2: {Response: Span{1, Hours}, Resolution: Span{8, Hours}},
			P3: {Response: Span{4, Hours}, Resolution: Span{16, Hours}},
			P4: {Response: Span{8, Hours}, Resolution: Span{40, Hours}},
		},
		PauseStates:   append([]State(nil), DefaultPauseStates...),
		TargetPercent: 90,
		Warnings:      []float64{50, 75, 90},
	}
}

// Validate checks that every priority has targets and the numbers make sense.
func (p Policy) Validate() error {
	if _, err := ParseType(string(p.Type)); err != nil {
		return err
	}
	for _, pr := range Priorities {
		t, ok := p.Targets[pr]
		if !ok {
			return fmt.Errorf("policy for %ss has no targets for %s", p.Type, pr)
		}
		for _, s := range []Span{t.Response, t.Resolution} {
			if s.Amount <= 0 || s.Amount > maxSpanAmount {
				return fmt.Errorf("policy for %ss: %s targets must be more than zero and at most %d", p.Type, pr, maxSpanAmount)
			}
			switch s.Unit {
			case Minutes, Hours, Days:
			default:
				return fmt.Errorf("policy for %ss: %s: unit %q is not minutes, hours or days", p.Type, pr, s.Unit)
			}
		}
	}
	for _, st := range p.PauseStates {
		if _, err := ParseState(string(st)); err != nil {
			return err
		}
		if st.Done() || st == New {
			return fmt.Errorf("policy for %ss: %s cannot be a pause state", p.Type, st)
		}
	}
	if p.TargetPercent <= 0 || p.TargetPercent > 100 {
		return fmt.Errorf("policy for %ss: the target percentage must be above 0 and at most 100", p.Type)
	}
	for _, w := range p.Warnings {
		if w <= 0 || w >= 100 {
			return fmt.Errorf("policy for %ss: warning thresholds are percentages above 0 and below 100", p.Type)
		}
	}
	return nil
}

// Pauses reports whether the clocks stand still in state s.
func (p Policy) Pauses(s State) bool {
	for _, st := range p.PauseStates {
		if st == s {
			return true
		}
	}
	return false
}

// InForce picks, from an org's versions for one type, the one in force at
// the instant a ticket was opened: the latest that took effect at or before
// it, else the default.
func InForce(versions []Policy, t Type, opened time.Time) Policy {
	best := -1
	for i, p := range versions {
		if p.Type != t || p.EffectiveFrom.After(opened) {
			continue
		}
		if best < 0 || p.EffectiveFrom.After(versions[best].EffectiveFrom) ||
			p.EffectiveFrom.Equal(versions[best].EffectiveFrom) && p.Version > versions[best].Version {
			best = i
		}
	}
	if best < 0 {
		return DefaultPolicy(t)
	}
	return versions[best]
}

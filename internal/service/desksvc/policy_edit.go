package desksvc

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// PolicyEdit is a new version of an org's SLA policy for one ticket type,
// as a person writes it on the settings page or the command line. What it
// leaves empty keeps the latest version's value.
type PolicyEdit struct {
	Type string // incident or request
	From string // YYYY-MM-DD in the org's zone; empty: now
	// Response and Resolution are targets by priority, such as "15m", "4h"
	// or "2d" (working days).
	Response, Resolution map[desk.Priority]string
	// Pause names the states that stop the clocks; nil keeps the current
	// ones, an empty list pauses in none.
	Pause    []string
	Target   string // percentage of tickets that must meet the resolution target
	Warnings string // "50,75,90": percentages of a target used at which a ticket nears breach
}

// PolicyField is the form field of a priority's target, as the error
// names it: "response_P1", "resolution_P3".
func PolicyField(kind string, p desk.Priority) string { return kind + "_" + p.String() }

// EditPolicy reads an edit of the latest version of an org's policy for
// one type and puts the result in force as a new version. Every problem
// with the edit is reported at once (fault.Fields), each naming its field.
func (s *Service) EditPolicy(ctx context.Context, p tenancy.Principal, org store.Org, ed PolicyEdit) (desk.Policy, error) {
	if err := require(p, tenancy.ManageDesk, org.ID); err != nil {
		return desk.Policy{}, err
	}
	var bad fault.Fields
	t, err := desk.ParseType(ed.Type)
	if err != nil {
		bad.Add("type", "choose incident or request")
		t = desk.Incident // read on, to report the other fields too
	}
	pols, err := s.Store.Policies(ctx, p.Scope, org.ID)
	if err != nil {
		return desk.Policy{}, err
	}
	pol := desk.InForce(pols, t, time.Now().AddDate(100, 0, 0)) // the latest version, to edit
	targets := make(map[desk.Priority]desk.Target, len(pol.Targets))
	for k, v := range pol.Targets {
		targets[k] = v
	}
	pol.Targets, pol.EffectiveFrom = targets, time.Time{}
	if ed.From = strings.TrimSpace(ed.From); ed.From != "" {
		if pol.EffectiveFrom, err = startOfDay(ed.From, org.TimeZone); err != nil {
			bad.Add("from", "the day it takes effect: %v", err)
		}
	}
	for _, pr := range desk.Priorities {
		tg := pol.Targets[pr]
		if v := strings.TrimSpace(ed.Response[pr]); v != "" {
			if span, err := desk.ParseSpan(v); err != nil {
				bad.Add(PolicyField("response", pr), "%s response target: %v", pr, err)
			} else {
				tg.Response = span
			}
		}
		if v := strings.TrimSpace(ed.Resolution[pr]); v != "" {
			if span, err := desk.ParseSpan(v); err != nil {
				bad.Add(PolicyField("resolution", pr), "%s resolution target: %v", pr, err)
			} else {
				tg.Resolution = span
			}
		}
		pol.Targets[pr] = tg
	}
	if ed.Pause != nil {
		pol.PauseStates = []desk.State{}
		for _, name := range ed.Pause {
			st, err := desk.ParseState(name)
			if err == nil && (st.Done() || st == desk.New) {
				err = errNoPause(st)
			}
			if err != nil {
				bad.Add("pause", "states that pause the clocks: %v", err)
				continue
			}
			pol.PauseStates = append(pol.PauseStates, st)
		}
	}
	if v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(ed.Target), "%")); v != "" {
		pc, err := strconv.ParseFloat(v, 64)
		if err != nil || pc <= 0 || pc > 100 {
			bad.Add("target", "the target percentage must be a number above 0 and at most 100, not %q", ed.Target)
		} else {
			pol.TargetPercent = pc
		}
	}
	if v := strings.TrimSpace(ed.Warnings); v != "" {
		ws, ok := warnings(v)
		if !ok {
			bad.Add("warnings", "warnings are percentages above 0 and below 100 separated by commas, such as 50,75,90, not %q", v)
		}
		pol.Warnings = ws
	}
	if len(bad) > 0 {
		return pol, bad.Err()
	}
	return s.SavePolicy(ctx, p, org.ID, pol)
}

type errNoPause desk.State

func (e errNoPause) Error() string { return string(e) + " cannot pause the clocks" }

func warnings(spec string) ([]float64, bool) {
	var out []float64
	for _, w := range strings.Split(spec, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(w), "%")), 64)
		if err != nil || v <= 0 || v >= 100 {
			return nil, false
		}
		out = append(out, v)
	}
	sort.Float64s(out)
	return out, true
}

// startOfDay is midnight of a YYYY-MM-DD day in a zone.
func startOfDay(day, zone string) (time.Time, error) {
	d, err := calendar.ParseDate(day)
	if err != nil {
		return time.Time{}, err
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc), nil
}

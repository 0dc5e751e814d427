package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func runSLA(e *env, args []string) error {
	return subcommand(e, "sla", args, []verb{
		{"recompute", "re-measure a period's tickets against the policies and calendar", slaRecompute},
		{"policy", "show or set an org's SLA policies", slaPolicy},
	})
}

// period reads --from and --to as dates, inclusive, in the org's zone.
func period(org accountsvc.Org, from, to string) (time.Time, time.Time, calendar.Date, calendar.Date, error) {
	first, err := calendar.ParseDate(from)
	if err != nil {
		return time.Time{}, time.Time{}, first, first, usagef("--from: %v", err)
	}
	last, err := calendar.ParseDate(to)
	if err != nil {
		return time.Time{}, time.Time{}, first, last, usagef("--to: %v", err)
	}
	if last.Compare(first) < 0 {
		return time.Time{}, time.Time{}, first, last, usagef("--to is before --from")
	}
	loc, err := time.LoadLocation(org.TimeZone)
	if err != nil {
		return time.Time{}, time.Time{}, first, last, err
	}
	end := last.AddDays(1)
	return time.Date(first.Year, first.Month, first.Day, 0, 0, 0, 0, loc),
		time.Date(end.Year, end.Month, end.Day, 0, 0, 0, 0, loc), first, last, nil
}

func slaRecompute(e *env, args []string) error {
	c := e.command("sla recompute --org SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--dry-run] [--format json]").
		withOrg("the org whose tickets to re-measure").withRequired("from", "to").withFormat("table", "json")
	from := c.fs.String("from", "", "first day of the period (tickets opened on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	dry := c.fs.Bool("dry-run", false, "say what would change without saving")
	return c.run(args, func() error {
		start, end, _, _, err := period(c.org, *from, *to)
		if err != nil {
			return err
		}
		res, err := c.svc.Desk.Recompute(e.ctx, c.op, c.org.ID, start, end, *dry)
		if err != nil {
			return err
		}
		if c.format == "json" {
			if res.Changes == nil {
				res.Changes = []desksvc.Remeasured{}
			}
			return list(e.stdout, "json", res, nil, nil)
		}
		verb := "re-measured"
		if *dry {
			verb = "would re-measure"
		}
		fmt.Fprintf(e.stdout, "%s %d tickets of %s opened %s to %s; %d changed\n", verb, res.Tickets, c.org.Slug, *from, *to, res.Changed)
		rows := make([][]string, len(res.Changes))
		for i, ch := range res.Changes {
			rows[i] = []string{ch.Ref, ch.What, ch.Before, ch.After}
		}
		if len(rows) == 0 {
			return nil
		}
		return list(e.stdout, "table", nil, []string{"TICKET", "WHAT", "BEFORE", "AFTER"}, rows)
	})
}

func slaPolicy(e *env, args []string) error {
	return subcommand(e, "sla policy", args, []verb{
		{"show", "an org's SLA policies, version by version", slaPolicyShow},
		{"set", "put a new version of an incident or request policy in force", slaPolicySet},
	})
}

func slaPolicyShow(e *env, args []string) error {
	c := e.command("sla policy show --org SLUG [--format json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		pols, err := c.svc.Desk.Policies(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		if len(pols) == 0 {
			pols = []desk.Policy{desk.DefaultPolicy(desk.Incident), desk.DefaultPolicy(desk.Request)}
		}
		var rows [][]string
		for _, p := range pols {
			from := "default"
			if p.Version > 0 {
				from = p.EffectiveFrom.Format(time.DateOnly)
			}
			for _, pr := range desk.Priorities {
				t := p.Targets[pr]
				rows = append(rows, []string{string(p.Type), strconv.Itoa(p.Version), from, pr.String(), t.Response.String(),
					t.Resolution.String(), strconv.FormatFloat(p.TargetPercent, 'f', -1, 64) + "%", states(p.PauseStates)})
			}
		}
		return list(e.stdout, c.format, pols, []string{"TYPE", "VERSION", "IN FORCE FROM", "PRIORITY", "RESPONSE", "RESOLUTION", "TARGET", "PAUSED IN"}, rows)
	})
}

func states(list []desk.State) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = string(s)
	}
	return strings.Join(out, ",")
}

func slaPolicySet(e *env, args []string) error {
	const usage = "sla policy set --org SLUG --type incident|request [--from YYYY-MM-DD] [--response P1=15m,P2=1h,…] " +
		"[--resolution P1=4h,…,P3=2d] [--pause awaiting-user,…] [--target 90] [--warnings 50,75,90]"
	var typ string
	c := e.command(usage).withOrg("the org").withRequired("type").withChoice(&typ, "type", "", "the policy's ticket type", ticketTypes)
	fs := c.fs
	var ed policyEdit
	fs.StringVar(&ed.from, "from", "", "the day the new version takes effect, in the org's zone (default: now)")
	fs.StringVar(&ed.response, "response", "", "response targets by priority, in m, h or d (working days); unnamed priorities keep the current ones")
	fs.StringVar(&ed.resolution, "resolution", "", "resolution targets by priority")
	c.withChoices(&ed.pause, "pause", "states that pause the clocks (default: the awaiting states)", deskStates)
	fs.Float64Var(&ed.target, "target", 0, "percentage of tickets that must meet the resolution target")
	fs.StringVar(&ed.warnings, "warnings", "", "percentages of a target used at which a ticket is nearing breach")
	if err := c.parse(args); err != nil {
		return err
	}
	t, err := desk.ParseType(typ)
	if err != nil {
		return usagef("--type: %v", err)
	}
	return c.do(func() error { return savePolicy(c, t, ed) })
}

// policyEdit is what `sla policy set` changes; what it leaves empty stays.
type policyEdit struct {
	from, response, resolution, pause, warnings string
	target                                      float64
}

// savePolicy edits the latest version of the org's policy for a ticket type
// and puts the result in force. The flags' PRIORITY=TARGET lists are split
// here; the service reads and checks the values, as it does the web form's.
func savePolicy(c *cmd, t desk.Type, ed policyEdit) error {
	edit := desksvc.PolicyEdit{Type: string(t), From: ed.from, Warnings: ed.warnings}
	var err error
	if edit.Response, err = spans(ed.response); err != nil {
		return usagef("--response: %v", err)
	}
	if edit.Resolution, err = spans(ed.resolution); err != nil {
		return usagef("--resolution: %v", err)
	}
	if ed.pause != "" {
		edit.Pause = strings.Split(ed.pause, ",")
	}
	if ed.target != 0 {
		edit.Target = strconv.FormatFloat(ed.target, 'f', -1, 64)
	}
	saved, err := c.svc.Desk.EditPolicy(c.e.ctx, c.op, c.org, edit)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.e.stdout, "%s policy version %d for %s in force from %s; tickets opened before then keep the version they were opened under\n",
		saved.Type, saved.Version, c.org.Slug, saved.EffectiveFrom.Format(time.RFC3339))
	return nil
}

// spans splits "P1=15m,P2=1h" by priority.
func spans(spec string) (map[desk.Priority]string, error) {
	out := map[desk.Priority]string{}
	if spec == "" {
		return out, nil
	}
	for _, part := range strings.Split(spec, ",") {
		name, value, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q: write PRIORITY=TARGET, such as P3=2d", part)
		}
		p, err := desk.ParsePriority(name)
		if err != nil {
			return nil, err
		}
		out[p] = value
	}
	return out, nil
}

package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func runReport(e *env, args []string) error {
	return subcommand(e, "report", args, []verb{{"sla", "the SLA report for a period: met or missed, priority by priority", reportSLA},
		{"walkup", "walk-up queue waits and service times by site, hour and day", reportWalkup},
	})
}

func reportSLA(e *env, args []string) error {
	c := e.command("report sla (--org SLUG | --all) (--from YYYY-MM-DD --to YYYY-MM-DD | --period NAME) [--format table|json|csv|html] [--output FILE]").
		withOrgOrAll("the org to report on").withFormat("table", "json", "csv", "html")
	from := c.fs.String("from", "", "first day of the period (tickets opened on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	named := c.fs.String("period", "", "instead of --from and --to: "+strings.Join(desksvc.Periods, ", "))
	output := c.fs.String("output", "", "write the report to this file instead of standard output")
	return c.run(args, func() error {
		if len(c.orgs) > 0 || *c.allFlag {
			return compareSLA(e, c, *named, *from, *to, *output)
		}
		first, last, err := reportPeriod(c.org, *named, *from, *to, time.Now())
		if err != nil {
			return err
		}
		r, err := c.svc.Desk.SLAReport(e.ctx, c.op, c.org, first, last)
		if err != nil {
			return err
		}
		return writeSLAReport(e, r, c.format, *output)
	})
}

// compareSLA writes every council's SLA figures side by side. A named
// period is worked out in the first council's zone: the councils share one.
func compareSLA(e *env, c *cmd, named, from, to, output string) error {
	if c.format == "html" {
		return usagef("--all comes as table, json or csv")
	}
	if len(c.orgs) == 0 {
		return fmt.Errorf("no council is in view to compare")
	}
	first, last, err := reportPeriod(c.orgs[0], named, from, to, time.Now())
	if err != nil {
		return err
	}
	cmp, err := c.svc.Desk.SLAComparison(e.ctx, c.op, c.orgs, first, last)
	if err != nil {
		return err
	}
	return writeTo(e, output, func(w io.Writer) error {
		switch c.format {
		case "json":
			return writeJSON(w, cmp)
		case "csv":
			return cmp.WriteCSV(w)
		}
		return comparisonTable(w, cmp)
	})
}

// comparisonTable is a row per type and priority and, for each council, its
// share responded and resolved within target.
func comparisonTable(w io.Writer, cmp report.Comparison) error {
	fmt.Fprintf(w, "Every council: tickets opened %s to %s\n", cmp.From, cmp.To)
	if cmp.Empty() {
		_, err := fmt.Fprintln(w, cmp.EmptyReason())
		return err
	}
	head := []string{"TYPE", "PRIORITY"}
	for _, o := range cmp.Councils {
		head = append(head, strings.ToUpper(o.Org)+" OPENED", "RESPONSE", "RESOLUTION")
	}
	var rows [][]string
	for _, r := range cmp.Rows {
		line := []string{r.Type, r.Priority}
		for _, p := range r.Councils {
			line = append(line, strconv.Itoa(p.Opened), report.Percent(p.PercentResponseWithinTarget, p.ResponseMeasured, p.ResponseTargetMet),
				report.Percent(p.PercentWithinTarget, p.Resolved, p.TargetMet))
		}
		rows = append(rows, line)
	}
	return list(w, "table", nil, head, rows)
}

// reportPeriod is the report's days: a named period, or --from and --to.
func reportPeriod(org accountsvc.Org, named, from, to string, now time.Time) (calendar.Date, calendar.Date, error) {
	switch {
	case named != "" && (from != "" || to != ""):
		return calendar.Date{}, calendar.Date{}, usagef("give --period or --from and --to, not both")
	case named != "":
		first, last, ok := desksvc.NamedPeriod(named, now, org.TimeZone)
		if !ok {
			return first, last, usagef("--period must be one of %s", strings.Join(desksvc.Periods, ", "))
		}
		return first, last, nil
	case from == "" || to == "":
		return calendar.Date{}, calendar.Date{}, usagef("give --from and --to, or --period")
	}
	_, _, first, last, err := period(org, from, to)
	return first, last, err
}

// writeSLAReport writes the report in the format chosen, to the file named
// or to standard output.
func writeSLAReport(e *env, r report.SLA, format, output string) error {
	return writeTo(e, output, func(w io.Writer) error {
		switch format {
		case "json":
			return r.WriteJSON(w)
		case "csv":
			return r.WriteCSV(w)
		case "html":
			return r.WriteHTML(w)
		}
		return slaTable(e, w, r)
	})
}

// writeTo runs write on the file named, or on standard output when none is.
func writeTo(e *env, output string, write func(io.Writer) error) (err error) {
	if output == "" {
		return write(e.stdout)
	}
	f, err := os.Create(output)
	if err != nil {
		return err
	}
	defer f.Close()
	if err = write(f); err != nil {
		return err
	}
	return f.Close()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func slaTable(e *env, w io.Writer, r report.SLA) error {
	fmt.Fprintf(w, "%s: tickets opened %s to %s (%s)\n", r.OrgName, r.From, r.To, r.TimeZone)
	if r.Empty() {
		_, err := fmt.Fprintln(w, r.EmptyReason())
		return err
	}
	var rows [][]string
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	for _, p := range r.Rows() {
		rows = append(rows, []string{p.Type, p.Priority, strconv.Itoa(p.Opened),
			share(p.ResponseWithinTarget, p.ResponseMeasured, p.PercentResponseWithinTarget),
			verdict(p.ResponseMeasured, p.ResponseTargetMet), strconv.Itoa(p.Resolved),
			share(p.WithinTarget, p.Resolved, p.PercentWithinTarget), f(p.TargetPercent) + "%",
			verdict(p.Resolved, p.TargetMet), f(p.MedianResolutionHours), f(p.Percentile90ResolutionHours)})
	}
	return list(w, "table", nil, []string{"TYPE", "PRIORITY", "OPENED", "RESPONDED WITHIN", "RESPONSE", "RESOLVED",
		"RESOLVED WITHIN", "TARGET", "RESOLUTION", "MEDIAN H", "P90 H"}, rows)
}

// share is "n of total, p%", or a dash when nothing was counted.
func share(n, total int, percent float64) string {
	if total == 0 {
		return "–"
	}
	return strconv.Itoa(n) + " of " + strconv.Itoa(total) + ", " + strconv.FormatFloat(percent, 'f', 2, 64) + "%"
}

// verdict is whether a target was met, or a dash when nothing was counted.
func verdict(counted int, met bool) string {
	switch {
	case counted == 0:
		return "–"
	case met:
		return "met"
	}
	return "missed"
}

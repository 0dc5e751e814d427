package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

func reportTelephony(e *env, args []string) error {
	c := e.command("report telephony (--org SLUG | --all) (--from YYYY-MM-DD --to YYYY-MM-DD | --period NAME) [--format table|json|csv]").
		withOrgOrAll("the council to report on").withFormat("table", "json", "csv")
	from := c.fs.String("from", "", "first day of the period (calls queued on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	named := c.fs.String("period", "", "instead of --from and --to: "+strings.Join(desksvc.Periods, ", "))
	return c.run(args, func() error {
		orgs := c.chosenOrgs()
		all := c.allFlag
		var reports []report.Telephony
		for _, org := range orgs {
			first, last, err := reportPeriod(org, *named, *from, *to, time.Now())
			if err != nil {
				return err
			}
			r, err := c.svc.Desk.TelephonyReport(e.ctx, c.op, org, first, last)
			if err != nil {
				return err
			}
			reports = append(reports, r)
		}
		switch c.format {
		case "json":
			if !*all {
				return reports[0].WriteJSON(e.stdout)
			}
			enc := json.NewEncoder(e.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(reports)
		case "csv":
			return report.WriteTelephonyCSV(e.stdout, reports...)
		}
		for i, r := range reports {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			if err := telephonyTable(e.stdout, r); err != nil {
				return err
			}
		}
		return nil
	})
}

func telephonyTable(w io.Writer, r report.Telephony) error {
	fmt.Fprintf(w, "%s: calls queued %s to %s (%s)\n", r.OrgName, r.From, r.To, r.TimeZone)
	if r.Empty() {
		_, err := fmt.Fprintln(w, r.EmptyReason())
		return err
	}
	p := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }
	s := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	n := strconv.Itoa
	c, f := r.Calls, r.FirstTimeFix
	fmt.Fprintf(w, "offered %d, answered %d (%s), abandoned %d (%s), transferred %d, still queued %d\n",
		c.Offered, c.Answered, p(c.PercentAnswered), c.Abandoned, p(c.PercentAbandoned), c.Transferred, c.Waiting)
	fmt.Fprintf(w, "answered within 20 s %d (%s), within 60 s %d (%s); queue time average %s s, 90th percentile %d s\n",
		c.Within20, p(c.PercentWithin20), c.Within60, p(c.PercentWithin60), s(c.AverageQueue), c.P90Queue)
	fmt.Fprintf(w, "first-time fix %d of %d answered calls with a ticket (%s)\n\n", f.Fixed, f.WithTicket, p(f.Rate))
	head := []string{"", "OFFERED", "ANSWERED", "ABANDONED", "≤20 S", "≤60 S", "AVG QUEUE S", "P90 QUEUE S"}
	rows := func(list []report.CallFigures, skipEmpty bool) [][]string {
		var out [][]string
		for _, h := range list {
			if skipEmpty && h.Offered == 0 {
				continue
			}
			out = append(out, []string{h.Name, n(h.Offered), n(h.Answered), n(h.Abandoned), p(h.PercentWithin20), p(h.PercentWithin60), s(h.AverageQueue), strconv.FormatInt(h.P90Queue, 10)})
		}
		return out
	}
	head[0] = "DAY"
	if err := list(w, "table", nil, head, rows(r.Days, false)); err != nil {
		return err
	}
	fmt.Fprintln(w)
	head[0] = "HOUR"
	if err := list(w, "table", nil, head, rows(r.Hours, true)); err != nil {
		return err
	}
	if len(r.Agents) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	agents := make([][]string, len(r.Agents))
	for i, a := range r.Agents {
		agents[i] = []string{a.Agent, n(a.WithTicket), n(a.Fixed), p(a.Rate)}
	}
	return list(w, "table", nil, []string{"AGENT", "ANSWERED WITH TICKET", "FIRST-TIME FIXES", "RATE"}, agents)
}

// phoneImport imports a phone system's call log (the CSV the README
// documents) for past telephony figures.
func phoneImport(e *env, args []string) error {
	c := e.command("phone import --org SLUG [--format json] FILE").withOrg("the council whose calls these are").
		withArgs(1).withFormat("table", "json")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.Desk.ImportCallLog(e.ctx, c.op, c.org, filepath.Base(c.pos[0]), f)
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		fmt.Fprintf(e.stdout, "imported %d calls into %s from %s: %d new, %d already held and updated, %d linked to tickets\n",
			res.Calls, c.org.Slug, res.File, res.New, res.Calls-res.New, res.Linked)
		return nil
	})
}

// phoneLink puts a call on a ticket.
func phoneLink(e *env, args []string) error {
	c := e.command("phone link --org SLUG CALL_ID TICKET").withOrg("the council the call and ticket belong to").withArgs(2)
	return c.run(args, func() error {
		t, err := c.svc.Desk.LinkCall(e.ctx, c.op, c.org.ID, c.pos[0], c.pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "call %s is on %s\n", c.pos[0], t.Ref)
		return nil
	})
}

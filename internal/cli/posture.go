package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/httpin"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/reader/inventory"
	"github.com/ward-shared-service/ward/internal/service/posturesvc"
)

func runPosture(e *env, args []string) error {
	return subcommand(e, "posture", args, []verb{
		{"evaluate", "evaluate an org's devices and mailboxes against the baseline", postureEvaluate},
		{"show", "an org's compliance, control by control, and its worst subjects", postureShow},
		{"controls", "list the baseline's controls", postureControls},
		{"domains", "show or set an org's official mail domains", postureDomains},
		{"set", "switch a control on or off for an org, or tune its parameters", postureSet},
	})
}

// importInventory loads a device or mailbox export into an org and evaluates it.
func importInventory(e *env, args []string, devices bool) error {
	kind := map[bool]string{true: "devices", false: "mailboxes"}[devices]
	var names []string
	for _, f := range inventory.Formats {
		if f.Devices() == devices {
			names = append(names, string(f))
		}
	}
	usage := "import " + kind + " --org SLUG [--source " + strings.Join(names, "|") + "] [--format json] FILE"
	if !devices {
		usage += "… (a Get-Mailbox and a Get-InboxRule export given together are joined)"
	}
	c := e.command(usage).withOrg("the org the "+kind+" belong to").withFormat("table", "json").withArgs(-1)
	source := c.fs.String("source", "", "the tool that wrote the file; detected from the file when left out")
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) == 0 || (devices && len(c.pos) != 1) {
		return c.usageError()
	}
	var from inventory.Format
	var err error
	if *source != "" {
		if from, err = inventory.ParseFormat(*source); err != nil {
			return usagef("--source: %v", err)
		}
		if from.Devices() != devices {
			return usagef("--source %s is a %s export; use ward import %s", from, map[bool]string{true: "device", false: "mailbox"}[from.Devices()],
				map[bool]string{true: "devices", false: "mailboxes"}[from.Devices()])
		}
	}
	return c.do(func() error {
		var uploads []posturesvc.Upload
		for _, path := range c.pos {
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			uploads = append(uploads, posturesvc.Upload{Format: from, Name: filepath.Base(path), Reader: f})
		}
		started := time.Now()
		var res posturesvc.ImportResult
		var err error
		if devices {
			res, err = c.svc.Posture.ImportDevices(e.ctx, c.op, c.org.ID, from, uploads[0].Name, uploads[0].Reader)
		} else {
			res, err = c.svc.Posture.ImportMailboxFiles(e.ctx, c.op, c.org.ID, uploads...)
		}
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", err)
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		fmt.Fprintf(e.stdout, "%s (%s): %d %s read, %d new, %d matched to ones already held (%.1fs)\n",
			res.File, res.Format, res.Read, kind, res.Created, res.Merged, time.Since(started).Seconds())
		printEvaluation(e, res.Evaluation)
		return nil
	})
}

func printEvaluation(e *env, ev posturesvc.Evaluation) {
	c := ev.Findings
	fmt.Fprintf(e.stdout, "evaluated %d devices and %d mailboxes: %d findings opened, %d reopened, %d resolved, %d still failing\n",
		ev.Devices, ev.Mailboxes, c.Opened, c.Reopened, c.Resolved, c.Kept+c.Expired)
	for _, s := range ev.Skipped {
		fmt.Fprintf(e.stdout, "not checked: %s\n", s)
	}
}

func postureEvaluate(e *env, args []string) error {
	c := e.command("posture evaluate --org SLUG [--format json]").withOrg("the org to evaluate").withFormat("table", "json")
	return c.run(args, func() error {
		ev, err := c.svc.Posture.Evaluate(e.ctx, c.op, c.org.ID)
		return answer(c, ev, err, func(ev posturesvc.Evaluation) error {
			printEvaluation(e, ev)
			rows := make([][]string, len(ev.Controls))
			for i, ctl := range ev.Controls {
				rows[i] = []string{ctl.Control, strconv.Itoa(ctl.Pass), strconv.Itoa(ctl.Fail), strconv.Itoa(ctl.Unknown), strconv.Itoa(ctl.NotApplicable),
					compliance(ctl.Pass, ctl.Fail)}
			}
			return list(e.stdout, "table", nil, []string{"CONTROL", "PASS", "FAIL", "UNKNOWN", "N/A", "COMPLIANCE"}, rows)
		})
	})
}

func compliance(pass, fail int) string {
	if pass+fail == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", float64(pass)*100/float64(pass+fail))
}

func postureShow(e *env, args []string) error {
	c := e.command("posture show --org SLUG [--days N] [--format json]").withOrg("the org").withFormat("table", "json")
	days := c.fs.Int("days", 30, "days of history for the trends")
	return c.run(args, func() error {
		o, err := c.svc.Posture.Overview(e.ctx, c.op, c.org, *days)
		return answer(c, o, err, func(o posturesvc.Overview) error { return printOverview(e, o) })
	})
}

func printOverview(e *env, o posturesvc.Overview) error {
	fmt.Fprintf(e.stdout, "%s — evaluated %s: %.1f%% of checks pass; %d findings open (%d overdue), %d accepted\n",
		o.OrgName, orDash(o.EvaluatedOn), o.Compliance, o.Open, o.Overdue, o.Accepted)
	rows := make([][]string, len(o.Controls))
	for i, c := range o.Controls {
		rows[i] = []string{c.Control, c.Severity, strconv.Itoa(c.Pass), strconv.Itoa(c.Fail), strconv.Itoa(c.Unknown),
			fmt.Sprintf("%.1f%%", c.Compliance), strconv.Itoa(c.Accepted)}
	}
	if err := list(e.stdout, "table", nil, []string{"CONTROL", "SEVERITY", "PASS", "FAIL", "UNKNOWN", "COMPLIANCE", "ACCEPTED"}, rows); err != nil {
		return err
	}
	if len(o.Worst) > 0 {
		fmt.Fprintln(e.stdout, "\nworst:")
		for _, w := range o.Worst {
			fmt.Fprintf(e.stdout, "  %-30s %3d  %s\n", w.Subject.Name, w.Score, strings.Join(w.Findings, ", "))
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "never"
	}
	return s
}

func postureControls(e *env, args []string) error {
	c := e.command("posture controls [--format json]").withFormat("table", "json")
	if err := c.parse(args); err != nil {
		return err
	}
	cat := posture.Catalogue()
	rows := make([][]string, len(cat))
	for i, c := range cat {
		var params []string
		for _, p := range c.Params {
			params = append(params, p.Name+"="+p.Default)
		}
		rows[i] = []string{c.ID, string(c.Severity), c.Title, strings.Join(params, " ")}
	}
	return list(e.stdout, c.format, cat, []string{"CONTROL", "SEVERITY", "TITLE", "PARAMETERS (DEFAULTS)"}, rows)
}

func postureDomains(e *env, args []string) error {
	c := e.command("posture domains --org SLUG [set DOMAIN…]").withOrg("the org").withArgs(-1)
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) > 0 && c.pos[0] != "set" {
		return c.usageError()
	}
	return c.do(func() error {
		if len(c.pos) > 0 {
			var domains []string
			for _, a := range c.pos[1:] {
				domains = append(domains, strings.Split(a, ",")...)
			}
			if _, err := c.svc.Posture.SetDomains(e.ctx, c.op, c.org.ID, domains); err != nil {
				return err
			}
		}
		held, err := c.svc.Posture.Domains(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		if len(held) == 0 {
			fmt.Fprintf(e.stdout, "%s has no official mail domains: forwarding cannot be checked\n", c.org.Name)
		}
		for _, d := range held {
			fmt.Fprintln(e.stdout, d)
		}
		return nil
	})
}

func postureSet(e *env, args []string) error {
	c := e.command("posture set --org SLUG [--off|--on] CONTROL [PARAM=VALUE…]").withOrg("the org").withArgs(-1)
	off := c.fs.Bool("off", false, "switch the control off for this org")
	on := c.fs.Bool("on", false, "switch the control back on")
	if err := c.parse(args); err != nil {
		return err
	}
	if len(c.pos) == 0 || (*off && *on) {
		return c.usageError()
	}
	if !controls.accepts(c.pos[0]) {
		return usagef("CONTROL must be %s, not %q", either(controls.allowed), c.pos[0])
	}
	params := map[string]string{}
	for _, kv := range c.pos[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return usagef("%q is not PARAM=VALUE", kv)
		}
		params[k] = v
	}
	var disabled *bool
	if *off || *on {
		disabled = off
	}
	return c.do(func() error {
		set, err := c.svc.Posture.SetControl(e.ctx, c.op, c.org.ID, c.pos[0], params, disabled)
		if err != nil {
			return err
		}
		state := "on"
		if set.Disabled {
			state = "off"
		}
		apply := "posture evaluate"
		if ctl, _ := posture.ControlByID(set.Control); ctl.Category != "" {
			apply = "identity analyse"
		}
		fmt.Fprintf(e.stdout, "%s for %s: %s %v (run ward %s --org %s to apply)\n", set.Control, c.org.Slug, state, set.Params, apply, c.org.Slug)
		return nil
	})
}

// runFindings lists an org's findings.
func runFindings(e *env, args []string) error {
	const usage = "findings --org SLUG [--state STATE] [--control ID] [--severity S] [--kind KIND] [--limit N] [--format table|json|csv]"
	c := e.command(usage).withOrg("the org").withFormat("table", "json", "csv").
		choose("state", "only findings in this state", findingStates).
		choose("control", "only this control (see 'ward posture controls')", controls).
		choose("severity", "only this severity", severities).
		choose("kind", "only findings on this kind of subject", subjectKinds)
	limit := c.fs.Int("limit", 0, "at most this many (0 for all)")
	if err := c.parse(args); err != nil {
		return err
	}
	f, bad := httpin.FindingFilter(flagValues(c.fs))
	if err := filterUsage(bad); err != nil {
		return err
	}
	f.Limit = *limit
	return c.do(func() error {
		f.OrgID = c.org.ID
		found, _, err := c.svc.Posture.Findings(e.ctx, c.op, f)
		if err != nil {
			return err
		}
		if found == nil {
			found = []finding.Finding{}
		}
		if c.format == "csv" {
			return finding.WriteCSV(e.stdout, found)
		}
		rows := make([][]string, len(found))
		for i, f := range found {
			var ev []string
			for _, x := range f.Evidence {
				ev = append(ev, x.String())
			}
			rows[i] = []string{strconv.FormatInt(f.ID, 10), f.Severity, f.Title, f.Control, string(f.State),
				f.FirstSeen.Format(time.DateOnly), f.TicketRef, strings.Join(ev, "; ")}
		}
		return list(e.stdout, c.format, found, []string{"ID", "SEVERITY", "FINDING", "CONTROL", "STATE", "FIRST SEEN", "TICKET", "EVIDENCE"}, rows)
	})
}

func runFinding(e *env, args []string) error {
	return subcommand(e, "finding", args, []verb{
		{"accept", "accept a finding's risk until a date, with a reason and an owner", findingAccept},
		{"revoke", "end a finding's acceptance; it is open again", findingRevoke},
		{"ticket", "raise a remediation ticket for a finding", findingTicket},
	})
}

// findingID reads the one positional argument, a finding's number.
func findingID(c *cmd) (int64, error) {
	id, err := strconv.ParseInt(c.pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("usage: ward %s (ID is a finding's number)", c.usage)
	}
	return id, nil
}

func findingAccept(e *env, args []string) error {
	c := e.command("finding accept --reason TEXT --owner NAME --until YYYY-MM-DD ID").withArgs(1).withRequired("reason", "owner", "until")
	reason := c.fs.String("reason", "", "why the risk is accepted")
	owner := c.fs.String("owner", "", "who owns the risk")
	until := c.fs.String("until", "", "the last day of the acceptance (at most a year ahead)")
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := findingID(c)
	if err != nil {
		return err
	}
	expires, err := time.Parse(time.DateOnly, *until)
	if err != nil {
		return usagef("--until: %q is not a date like 2027-03-31", *until)
	}
	return c.looksFor("finding", c.pos[0]).do(func() error {
		f, err := c.svc.Posture.Accept(e.ctx, c.op, id, finding.Acceptance{Reason: *reason, Owner: *owner, Expires: expires.AddDate(0, 0, 1)})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "finding %d (%s) accepted until %s\n", f.ID, f.Title, *until)
		return nil
	})
}

func findingRevoke(e *env, args []string) error {
	return onFinding(e, args, "revoke", func(c *cmd, id int64) error {
		f, err := c.svc.Posture.Revoke(e.ctx, c.op, id)
		if err == nil {
			fmt.Fprintf(e.stdout, "finding %d (%s) is open again\n", f.ID, f.Title)
		}
		return err
	})
}

func findingTicket(e *env, args []string) error {
	return onFinding(e, args, "ticket", func(c *cmd, id int64) error {
		f, t, err := c.svc.Posture.RaiseTicket(e.ctx, c.op, id)
		if err == nil {
			fmt.Fprintf(e.stdout, "ticket %s raised for finding %d; remediation due %s\n", t.Ref, f.ID, f.DueAt.Format(time.DateOnly))
		}
		return err
	})
}

// onFinding runs `ward finding VERB ID` commands that take nothing else.
func onFinding(e *env, args []string, verb string, fn func(c *cmd, id int64) error) error {
	c := e.command("finding " + verb + " ID").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := findingID(c)
	if err != nil {
		return err
	}
	return c.looksFor("finding", c.pos[0]).do(func() error { return fn(c, id) })
}

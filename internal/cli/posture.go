package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/estate"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/inventory"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/servicedesk"
	"github.com/ward-shared-service/ward/internal/store"
)

func newEstate(s *store.Store) *estate.Service { return estate.New(s, servicedesk.New(s)) }

func runPosture(e *env, args []string) error {
	return subcommand(e, "posture", args, []verb{
		{"evaluate", postureEvaluate}, {"show", postureShow}, {"controls", postureControls},
		{"domains", postureDomains}, {"set", postureSet},
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
	fs := e.newFlags("import "+kind, usage)
	orgSlug := fs.String("org", "", "the org the "+kind+" belong to")
	source := fs.String("source", "", "the tool that wrote the file; detected from the file when left out")
	format := formatFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *orgSlug == "" || len(pos) == 0 || (devices && len(pos) != 1) {
		return usagef("usage: ward %s", usage)
	}
	var from inventory.Format
	if *source != "" {
		if from, err = inventory.ParseFormat(*source); err != nil {
			return usagef("--source: %v", err)
		}
		if from.Devices() != devices {
			return usagef("--source %s is a %s export; use ward import %s", from, map[bool]string{true: "device", false: "mailbox"}[from.Devices()],
				map[bool]string{true: "devices", false: "mailboxes"}[from.Devices()])
		}
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	var uploads []estate.Upload
	for _, path := range pos {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		uploads = append(uploads, estate.Upload{Format: from, Name: filepath.Base(path), Reader: f})
	}
	started := time.Now()
	svc := newEstate(s)
	var res estate.ImportResult
	if devices {
		res, err = svc.ImportDevices(e.ctx, operator(), org.ID, from, uploads[0].Name, uploads[0].Reader)
	} else {
		res, err = svc.ImportMailboxFiles(e.ctx, operator(), org.ID, uploads...)
	}
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	if *format == "json" {
		return list(e.stdout, "json", res, nil, nil)
	}
	fmt.Fprintf(e.stdout, "%s (%s): %d %s read, %d new, %d matched to ones already held (%.1fs)\n",
		res.File, res.Format, res.Read, kind, res.Created, res.Merged, time.Since(started).Seconds())
	printEvaluation(e, res.Evaluation)
	return nil
}

func printEvaluation(e *env, ev estate.Evaluation) {
	c := ev.Findings
	fmt.Fprintf(e.stdout, "evaluated %d devices and %d mailboxes: %d findings opened, %d reopened, %d resolved, %d still failing\n",
		ev.Devices, ev.Mailboxes, c.Opened, c.Reopened, c.Resolved, c.Kept+c.Expired)
	for _, s := range ev.Skipped {
		fmt.Fprintf(e.stdout, "not checked: %s\n", s)
	}
}

func postureEvaluate(e *env, args []string) error {
	const usage = "posture evaluate --org SLUG [--format json]"
	fs := e.newFlags("posture evaluate", usage)
	orgSlug := fs.String("org", "", "the org to evaluate")
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	ev, err := newEstate(s).Evaluate(e.ctx, operator(), org.ID)
	if err != nil {
		return err
	}
	if *format == "json" {
		return list(e.stdout, "json", ev, nil, nil)
	}
	printEvaluation(e, ev)
	rows := make([][]string, len(ev.Controls))
	for i, c := range ev.Controls {
		rows[i] = []string{c.Control, strconv.Itoa(c.Pass), strconv.Itoa(c.Fail), strconv.Itoa(c.Unknown), strconv.Itoa(c.NotApplicable),
			compliance(c.Pass, c.Fail)}
	}
	return list(e.stdout, "table", nil, []string{"CONTROL", "PASS", "FAIL", "UNKNOWN", "N/A", "COMPLIANCE"}, rows)
}

func compliance(pass, fail int) string {
	if pass+fail == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", float64(pass)*100/float64(pass+fail))
}

func postureShow(e *env, args []string) error {
	const usage = "posture show --org SLUG [--days N] [--format json]"
	fs := e.newFlags("posture show", usage)
	orgSlug := fs.String("org", "", "the org")
	days := fs.Int("days", 30, "days of history for the trends")
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	o, err := newEstate(s).Overview(e.ctx, operator(), org, *days)
	if err != nil {
		return err
	}
	if *format == "json" {
		return list(e.stdout, "json", o, nil, nil)
	}
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
	const usage = "posture controls [--format json]"
	fs := e.newFlags("posture controls", usage)
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0); err != nil {
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
	return list(e.stdout, *format, cat, []string{"CONTROL", "SEVERITY", "TITLE", "PARAMETERS (DEFAULTS)"}, rows)
}

func postureDomains(e *env, args []string) error {
	const usage = "posture domains --org SLUG [set DOMAIN…]"
	fs := e.newFlags("posture domains", usage)
	orgSlug := fs.String("org", "", "the org")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *orgSlug == "" || (len(pos) > 0 && pos[0] != "set") {
		return usagef("usage: ward %s", usage)
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(pos) > 0 {
		var domains []string
		for _, a := range pos[1:] {
			domains = append(domains, strings.Split(a, ",")...)
		}
		if _, err := newEstate(s).SetDomains(e.ctx, operator(), org.ID, domains); err != nil {
			return err
		}
	}
	held, err := s.OrgDomains(e.ctx, operator().Scope, org.ID)
	if err != nil {
		return err
	}
	if len(held) == 0 {
		fmt.Fprintf(e.stdout, "%s has no official mail domains: forwarding cannot be checked\n", org.Name)
	}
	for _, d := range held {
		fmt.Fprintln(e.stdout, d)
	}
	return nil
}

func postureSet(e *env, args []string) error {
	const usage = "posture set --org SLUG [--off|--on] CONTROL [PARAM=VALUE…]"
	fs := e.newFlags("posture set", usage)
	orgSlug := fs.String("org", "", "the org")
	off := fs.Bool("off", false, "switch the control off for this org")
	on := fs.Bool("on", false, "switch the control back on")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *orgSlug == "" || len(pos) == 0 || (*off && *on) {
		return usagef("usage: ward %s", usage)
	}
	params := map[string]string{}
	for _, kv := range pos[1:] {
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
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := newEstate(s).SetControl(e.ctx, operator(), org.ID, pos[0], params, disabled)
	if err != nil {
		return err
	}
	state := "on"
	if c.Disabled {
		state = "off"
	}
	apply := "posture evaluate"
	if ctl, _ := posture.ControlByID(c.Control); ctl.Category != "" {
		apply = "identity analyse"
	}
	fmt.Fprintf(e.stdout, "%s for %s: %s %v (run ward %s --org %s to apply)\n", c.Control, org.Slug, state, c.Params, apply, org.Slug)
	return nil
}

// runFindings lists an org's findings.
func runFindings(e *env, args []string) error {
	const usage = "findings --org SLUG [--state open|accepted|resolved] [--control ID] [--severity S] [--kind device|mailbox] [--limit N] [--format table|json|csv]"
	fs := e.newFlags("findings", usage)
	orgSlug := fs.String("org", "", "the org")
	state := fs.String("state", "", "only findings in this state")
	control := fs.String("control", "", "only this control")
	severity := fs.String("severity", "", "only this severity")
	kind := fs.String("kind", "", "only findings on devices or on mailboxes")
	limit := fs.Int("limit", 0, "at most this many (0 for all)")
	format := fs.String("format", "table", "output format: table, json or csv")
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	f := store.FindingFilter{Control: *control, Severity: *severity, Kind: finding.SubjectKind(*kind), Limit: *limit}
	if *state != "" {
		st, err := finding.ParseState(*state)
		if err != nil {
			return usagef("--state: %v", err)
		}
		f.State = st
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	f.OrgID = org.ID
	found, _, err := newEstate(s).Findings(e.ctx, operator(), f)
	if err != nil {
		return err
	}
	if found == nil {
		found = []finding.Finding{}
	}
	if *format == "csv" {
		return finding.WriteCSV(e.stdout, found)
	}
	rows := make([][]string, len(found))
	for i, f := range found {
		var ev []string
		for _, x := range f.Evidence {
			ev = append(ev, x.String())
		}
		rows[i] = []string{strconv.FormatInt(f.ID, 10), f.Severity, f.Control, f.Subject.Name, string(f.State),
			f.FirstSeen.Format(time.DateOnly), f.TicketRef, strings.Join(ev, "; ")}
	}
	return list(e.stdout, *format, found, []string{"ID", "SEVERITY", "CONTROL", "SUBJECT", "STATE", "FIRST SEEN", "TICKET", "EVIDENCE"}, rows)
}

func runFinding(e *env, args []string) error {
	return subcommand(e, "finding", args, []verb{{"accept", findingAccept}, {"revoke", findingRevoke}, {"ticket", findingTicket}})
}

// findingID reads the one positional argument, a finding's number.
func findingID(pos []string, usage string) (int64, error) {
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("usage: ward %s (ID is a finding's number)", usage)
	}
	return id, nil
}

func findingAccept(e *env, args []string) error {
	const usage = "finding accept --reason TEXT --owner NAME --until YYYY-MM-DD ID"
	fs := e.newFlags("finding accept", usage)
	reason := fs.String("reason", "", "why the risk is accepted")
	owner := fs.String("owner", "", "who owns the risk")
	until := fs.String("until", "", "the last day of the acceptance (at most a year ahead)")
	pos, err := parseCommand(fs, args, usage, 1, "reason", "owner", "until")
	if err != nil {
		return err
	}
	id, err := findingID(pos, usage)
	if err != nil {
		return err
	}
	expires, err := time.Parse(time.DateOnly, *until)
	if err != nil {
		return usagef("--until: %q is not a date like 2027-03-31", *until)
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	f, err := newEstate(s).Accept(e.ctx, operator(), id, finding.Acceptance{Reason: *reason, Owner: *owner, Expires: expires.AddDate(0, 0, 1)})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "finding %d (%s on %s) accepted until %s\n", f.ID, f.Control, f.Subject.Name, *until)
	return nil
}

func findingRevoke(e *env, args []string) error {
	return onFinding(e, args, "revoke", func(svc *estate.Service, id int64) error {
		f, err := svc.Revoke(e.ctx, operator(), id)
		if err == nil {
			fmt.Fprintf(e.stdout, "finding %d (%s on %s) is open again\n", f.ID, f.Control, f.Subject.Name)
		}
		return err
	})
}

func findingTicket(e *env, args []string) error {
	return onFinding(e, args, "ticket", func(svc *estate.Service, id int64) error {
		f, t, err := svc.RaiseTicket(e.ctx, operator(), id)
		if err == nil {
			fmt.Fprintf(e.stdout, "ticket %s raised for finding %d; remediation due %s\n", t.Ref, f.ID, f.DueAt.Format(time.DateOnly))
		}
		return err
	})
}

// onFinding runs `ward finding VERB ID` commands that take nothing else.
func onFinding(e *env, args []string, verb string, fn func(svc *estate.Service, id int64) error) error {
	usage := "finding " + verb + " ID"
	fs := e.newFlags("finding "+verb, usage)
	pos, err := parseCommand(fs, args, usage, 1)
	if err != nil {
		return err
	}
	id, err := findingID(pos, usage)
	if err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(newEstate(s), id)
}

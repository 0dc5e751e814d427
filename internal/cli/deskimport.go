package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/reader/ticketcsv"
)

func runImport(e *env, args []string) error {
	return subcommand(e, "import", args, []verb{
		{"servicenow", "load a ServiceNow incident event log", func(e *env, args []string) error { return importTickets(e, "servicenow", args) }},
		{"tickets", "load tickets from ward's ticket CSV", func(e *env, args []string) error { return importTickets(e, "csv", args) }},
		{"devices", "load a device export and evaluate it", func(e *env, args []string) error { return importInventory(e, args, true) }},
		{"mailboxes", "load mailbox and inbox-rule exports and evaluate them", func(e *env, args []string) error { return importInventory(e, args, false) }},
		{"sharphound", "load an Active Directory collection from SharpHound", func(e *env, args []string) error { return importDirectory(e, args, identity.ActiveDirectory) }},
		{"entra", "load an Entra ID directory export", func(e *env, args []string) error { return importDirectory(e, args, identity.EntraID) }},
	})
}

// importTickets loads a ServiceNow incident event log or ward's generic
// ticket CSV into an org, in one transaction.
func importTickets(e *env, source string, args []string) error {
	verbName := map[string]string{"servicenow": "servicenow", "csv": "tickets"}[source]
	usage := "import " + verbName + " --org SLUG [--skip-invalid REPORT.csv] [--format json] FILE"
	if source == "servicenow" {
		usage = "import servicenow --org SLUG [--strict] [--skip-invalid REPORT.csv] [--format json] FILE"
	}
	c := e.command(usage).withOrg("the org the tickets belong to").withFormat("table", "json").withArgs(1)
	skip := c.fs.String("skip-invalid", "", "skip tickets with bad rows, writing those rows and the reasons to this CSV file")
	strict := new(bool)
	if source == "servicenow" {
		strict = c.fs.Bool("strict", false, "refuse the export's quirks (a repeated sys_mod_count, an update before opened_at, an unknown state) as bad rows instead of mending them")
	}
	return c.run(args, func() error {
		loc, err := time.LoadLocation(c.org.TimeZone)
		if err != nil {
			return err
		}
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		opt := ticketcsv.Options{File: filepath.Base(c.pos[0]), Location: loc, SkipInvalid: *skip != "", Strict: *strict}
		open := ticketcsv.CSV
		if source == "servicenow" {
			open = ticketcsv.ServiceNow
		}
		r, err := open(f, opt)
		if err != nil {
			return err
		}
		bar := newProgress(e.stderr, fileSize(f), func() int64 { pos, _ := f.Seek(0, io.SeekCurrent); return pos })
		started := time.Now()
		res, err := c.svc.Desk.Import(e.ctx, c.op, c.org.ID, source, opt.File, r, func(int) { bar.update() })
		bar.done()
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", err)
		}
		if *skip != "" {
			if err := writeRejected(*skip, r.Header(), res.Rejected); err != nil {
				return fmt.Errorf("the import was saved, but the rejected-rows report could not be written: %w", err)
			}
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		fmt.Fprintf(e.stdout, "%s: %d rows, %d tickets: %d new, %d updated, %d unchanged (%.1fs)\n",
			opt.File, res.Rows, res.Tickets, res.Created, res.Updated, res.Unchanged, time.Since(started).Seconds())
		if *skip != "" {
			fmt.Fprintf(e.stdout, "skipped %d tickets (%d rows) with bad rows; see %s\n", res.RejectedTickets, res.RejectedRows, *skip)
		}
		printRepairs(e.stdout, res.RepairedTickets, res.Repairs)
		return nil
	})
}

// printRepairs lists every quirk of the export that was mended, so nothing
// is changed without a line saying so.
func printRepairs(w io.Writer, tickets int, reps []ticketcsv.Repair) {
	if len(reps) == 0 {
		return
	}
	fmt.Fprintf(w, "repaired %d tickets (%d repairs; --strict refuses them instead):\n", tickets, len(reps))
	for _, r := range reps {
		fmt.Fprintf(w, "  %s\n", r)
	}
}

func writeRejected(path string, header []string, rej []ticketcsv.Rejected) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := ticketcsv.WriteRejected(f, header, rej); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func fileSize(f *os.File) int64 {
	if st, err := f.Stat(); err == nil {
		return st.Size()
	}
	return 0
}

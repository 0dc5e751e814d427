package cli

import (
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/httpin"
)

// auditList lists the audit log newest first, filtered as the web page
// is, or with --format csv exports every match (itself audited as an
// export). Listing is a view of the log, so it is audited too.
func auditList(e *env, args []string) error {
	const usage = "audit list [--actor EMAIL] [--org SLUG] [--action ACTION] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--text TEXT] [--before SEQ] [--limit N] [--format table|json|csv]"
	codes := make([]string, len(audit.Actions))
	for i, a := range audit.Actions {
		codes[i] = a.Code
	}
	c := e.command(usage).withOptionalOrg("only entries about this org; days are read in its time zone").withFormat("table", "json", "csv").
		choose("action", "only entries of this action", oneOf(codes...))
	c.fs.String("actor", "", "only what this person did: their e-mail address, or a raw actor such as system:demo")
	c.fs.String("from", "", "only entries on or after this day (London time, or the org's)")
	c.fs.String("to", "", "only entries on or before this day")
	text := c.fs.String("text", "", "only entries whose target or detail contains this text")
	c.fs.String("before", "", "only entries older than this sequence number (the next page)")
	limit := c.fs.Int("limit", 50, "at most this many, newest first (up to 1000)")
	if err := c.parse(args); err != nil {
		return err
	}
	if *limit < 1 || *limit > 1000 {
		return usagef("--limit: must be from 1 to 1000")
	}
	q := flagValues(c.fs)
	q.Set("q", *text)
	return c.do(func() error {
		loc, _ := time.LoadLocation("Europe/London")
		if c.org.ID != 0 {
			if z, err := time.LoadLocation(c.org.TimeZone); err == nil && c.org.TimeZone != "" {
				loc = z
			}
		}
		f, bad := httpin.AuditFilter(q, loc)
		for i := range bad {
			if bad[i].Field == "q" {
				bad[i].Field = "text"
			}
		}
		if err := filterUsage(bad); err != nil {
			return err
		}
		f.OrgID = c.org.ID
		if c.format == "csv" {
			_, err := c.svc.Accounts.ExportAudit(e.ctx, c.op, f, q.Encode(), e.stdout)
			return err
		}
		if err := c.svc.Accounts.RecordView(e.ctx, c.op, f.OrgID, "audit log"); err != nil {
			return err
		}
		f.Limit = *limit
		entries, err := c.svc.Accounts.AuditEntries(e.ctx, c.op, f)
		return listing(c, entries, err, []string{"SEQ", "WHEN", "ACTOR", "ACTION", "TARGET"}, func(a audit.Entry) []string {
			return []string{strconv.FormatInt(a.Seq, 10), a.At.In(loc).Format("2006-01-02 15:04"), a.Actor, a.Action, a.Target}
		})
	})
}

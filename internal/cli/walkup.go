package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// reportWalkup writes the walk-up queue figures of one org, or of every org
// with sites (--all), each over the same named or given days in its own zone.
func reportWalkup(e *env, args []string) error {
	c := e.command("report walkup (--org SLUG | --all) (--from YYYY-MM-DD --to YYYY-MM-DD | --period NAME) [--format table|json|csv]").
		withOptionalOrg("the org to report on").withFormat("table", "json", "csv")
	all := c.fs.Bool("all", false, "every org with sites, one after another")
	from := c.fs.String("from", "", "first day of the period (visitors checked in on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	named := c.fs.String("period", "", "instead of --from and --to: "+strings.Join(desksvc.Periods, ", "))
	if err := c.parse(args); err != nil {
		return err
	}
	if *all == (*c.orgFlag != "") {
		return usagef("give --org SLUG or --all, not both or neither")
	}
	return c.do(func() error {
		orgs := []accountsvc.Org{c.org}
		if *all {
			var err error
			if orgs, err = orgsWithSites(c); err != nil {
				return err
			}
		}
		var reports report.WalkupReports
		for _, org := range orgs {
			first, last, err := reportPeriod(org, *named, *from, *to, time.Now())
			if err != nil {
				return err
			}
			r, err := c.svc.Walkup.Report(e.ctx, c.op, org, first, last)
			if err != nil {
				return err
			}
			reports = append(reports, r)
		}
		switch {
		case c.format == "csv":
			return reports.WriteCSV(e.stdout)
		case c.format == "json" && !*all:
			return list(e.stdout, "json", reports[0], nil, nil)
		case c.format == "json":
			return reports.WriteJSON(e.stdout)
		}
		for i, r := range reports {
			if i > 0 {
				fmt.Fprintln(e.stdout)
			}
			if err := walkupTable(e.stdout, r); err != nil {
				return err
			}
		}
		return nil
	})
}

// orgsWithSites is every org in view that has a site, by name: only they
// can have a walk-up queue.
func orgsWithSites(c *cmd) ([]accountsvc.Org, error) {
	sites, err := c.svc.Accounts.Sites(c.e.ctx, c.op, 0)
	if err != nil {
		return nil, err
	}
	has := map[int64]bool{}
	for _, s := range sites {
		has[s.OrgID] = true
	}
	orgs, err := c.svc.Accounts.Orgs(c.e.ctx, c.op)
	if err != nil {
		return nil, err
	}
	var out []accountsvc.Org
	for _, o := range orgs {
		if has[o.ID] {
			out = append(out, o)
		}
	}
	return out, nil
}

func walkupTable(w io.Writer, r report.Walkup) error {
	fmt.Fprintf(w, "%s: walk-up visits checked in %s to %s (%s)\n", r.OrgName, r.From, r.To, r.TimeZone)
	if r.Empty() {
		_, err := fmt.Fprintln(w, r.EmptyReason())
		return err
	}
	var rows [][]string
	for _, row := range r.Rows() {
		rows = append(rows, row[1:]) // the org is in the heading
	}
	return list(w, "table", nil, []string{"BY", "NAME", "VISITS", "CALLED", "RESOLVED", "TICKETS", "NO-SHOWS",
		"MEAN WAIT", "MEDIAN WAIT", "P90 WAIT", "LONGEST", "MEAN SERVICE", "MEDIAN SERVICE", "P90 SERVICE"}, rows)
}

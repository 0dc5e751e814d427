package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/service/walkupsvc"
)

// reportWalkup writes the walk-up queue figures of one org, or of every
// council in view (--all), each over the same named or given days in its
// own zone.
func reportWalkup(e *env, args []string) error {
	c := e.command("report walkup (--org SLUG | --all) (--from YYYY-MM-DD --to YYYY-MM-DD | --period NAME) [--format table|json|csv]").
		withOrgOrAll("the org to report on").withFormat("table", "json", "csv")
	from := c.fs.String("from", "", "first day of the period (visitors checked in on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	named := c.fs.String("period", "", "instead of --from and --to: "+strings.Join(desksvc.Periods, ", "))
	return c.run(args, func() error {
		orgs, all := c.chosenOrgs(), *c.allFlag
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
		case c.format == "json" && !all:
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

func runWalkup(e *env, args []string) error {
	return subcommand(e, "walkup", args, []verb{
		{"link", "make a site's check-in tablet or queue screen link", walkupLink},
	})
}

// walkupLink makes a new kiosk link for one of an org's sites, by the
// site's name, and prints it once; the site's old link of that kind stops
// working, as on the settings page.
func walkupLink(e *env, args []string) error {
	var kind string
	c := e.command("walkup link --org SLUG --site NAME --kind checkin|screen").withOrg("the org the site belongs to").
		withRequired("site", "kind").withChoice(&kind, "kind", "", "the device the link is for", oneOf(walkupsvc.KioskPurposes...))
	siteName := c.fs.String("site", "", "the site's name, as `ward org show` lists it")
	return c.run(args, func() error {
		sites, err := c.svc.Accounts.Sites(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		for _, s := range sites {
			if strings.EqualFold(s.Name, *siteName) {
				token, err := c.svc.Walkup.NewKioskLink(e.ctx, c.op, c.org.ID, s.ID, kind)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "%s link for %s (shown once; the earlier one no longer works), after ward's address:\n/walkup/%s/%s\n",
					kind, s.Name, kind, token)
				return nil
			}
		}
		return usagef("--site: %s has no site named %q", c.org.Slug, *siteName)
	})
}

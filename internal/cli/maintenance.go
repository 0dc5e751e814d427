package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/service/majorsvc"
)

func runMaintenance(e *env, args []string) error {
	return subcommand(e, "maintenance", args, []verb{
		{"add", "plan a maintenance window on a service", maintenanceAdd},
		{"list", "list planned maintenance, soonest first", maintenanceList},
	})
}

// wallTime reads "YYYY-MM-DD HH:MM" in the org's zone, or RFC 3339.
func wallTime(s, zone string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	loc, err := time.LoadLocation(zone)
	if err != nil || zone == "" {
		loc, _ = time.LoadLocation("Europe/London")
	}
	return time.ParseInLocation("2006-01-02 15:04", strings.TrimSpace(s), loc)
}

func maintenanceAdd(e *env, args []string) error {
	c := e.command("maintenance add --org SLUG --service NAME --from 'YYYY-MM-DD HH:MM' --to 'YYYY-MM-DD HH:MM' --description TEXT [--site NAME]...").
		withOrg("the org").withRequired("service", "from", "to", "description")
	service := c.fs.String("service", "", "the service under maintenance")
	from := c.fs.String("from", "", "when it starts, in the org's time zone")
	to := c.fs.String("to", "", "when it ends")
	desc := c.fs.String("description", "", "what will be done")
	var sites many
	c.fs.Var(&sites, "site", "a site affected (repeat)")
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(func() error {
		starts, err := wallTime(*from, c.org.TimeZone)
		if err != nil {
			return usagef("--from %q: want YYYY-MM-DD HH:MM", *from)
		}
		ends, err := wallTime(*to, c.org.TimeZone)
		if err != nil {
			return usagef("--to %q: want YYYY-MM-DD HH:MM", *to)
		}
		m, err := c.svc.Major.AddMaintenance(e.ctx, c.op, majorsvc.NewMaintenance{OrgID: c.org.ID, Service: *service, Sites: sites,
			Starts: starts, Ends: ends, Description: *desc})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "maintenance %d on %s planned %s to %s\n", m.ID, m.Service, m.Starts.Format(time.RFC3339), m.Ends.Format(time.RFC3339))
		return err
	})
}

func maintenanceList(e *env, args []string) error {
	c := e.command("maintenance list [--org SLUG] [--all] [--format table|json]").withOptionalOrg("only this org's").withFormat("table", "json")
	all := c.fs.Bool("all", false, "past windows too")
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(func() error {
		items, _, err := c.svc.Major.Maintenance(e.ctx, c.op, majorsvc.MaintenanceFilter{OrgID: c.org.ID, PerPage: 200}, !*all)
		return listing(c, items, err, []string{"ID", "SERVICE", "STARTS", "ENDS", "SITES", "DESCRIPTION"}, func(m majorsvc.Maintenance) []string {
			return []string{fmt.Sprint(m.ID), m.Service, m.Starts.Format("2006-01-02 15:04"), m.Ends.Format("2006-01-02 15:04"),
				strings.Join(m.Sites, ", "), m.Description}
		})
	})
}

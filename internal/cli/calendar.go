package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
)

func runCalendar(e *env, args []string) error {
	return subcommand(e, "calendar", args, []verb{
		{"show", "print an org's working calendar as JSON", calendarShow},
		{"set", "put a new version of an org's calendar in force from a JSON file", calendarSet},
		{"holidays", "list an org's bank holidays and closures for a year", calendarHolidays},
		{"import-govuk", "add the days of a GOV.UK bank-holidays file the calendar lacks", calendarImportGovUK},
	})
}

func calendarShow(e *env, args []string) error {
	c := e.command("calendar show --org SLUG").withOrg("the org")
	return c.run(args, func() error {
		cal, _, err := c.svc.Desk.Calendar(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cal.Definition())
	})
}

func calendarSet(e *env, args []string) error {
	c := e.command("calendar set --org SLUG FILE.json   (the JSON that 'calendar show' prints)").withOrg("the org").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		v, err := c.svc.Desk.SaveCalendarJSON(c.e.ctx, c.op, c.org.ID, c.pos[0], f)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.e.stdout, "calendar version %d in force for %s; run 'ward sla recompute' to re-measure past tickets with it\n", v, c.org.Slug)
		return nil
	})
}

func calendarHolidays(e *env, args []string) error {
	c := e.command("calendar holidays --org SLUG [--year YYYY] [--format json]").withOrg("the org").withFormat("table", "json")
	year := c.fs.Int("year", time.Now().Year(), "the year")
	return c.run(args, func() error {
		cal, _, err := c.svc.Desk.Calendar(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		return listing(c, cal.Holidays(*year), nil, []string{"DATE", "DAY", "HOLIDAY"}, func(h calendar.Holiday) []string {
			return []string{h.Date.String(), h.Date.Weekday().String(), h.Title}
		})
	})
}

// calendarImportGovUK adds to the org's calendar the days of the GOV.UK
// bank-holidays file for its region that the holiday library does not
// already give — newly announced one-off days, say.
func calendarImportGovUK(e *env, args []string) error {
	c := e.command("calendar import-govuk --org SLUG FILE.json   (the format of https://www.gov.uk/bank-holidays.json)").withOrg("the org").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	file := c.pos[0]
	return c.do(func() error {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.Desk.ImportGovUK(e.ctx, c.op, c.org.ID, file, f)
		if err != nil {
			return err
		}
		if len(res.Added) == 0 {
			fmt.Fprintf(e.stdout, "%s: every %s bank holiday in the file is already in %s's calendar\n", file, res.Region, c.org.Slug)
			return nil
		}
		fmt.Fprintf(e.stdout, "added %s bank holidays from %s\n", strconv.Itoa(len(res.Added)), file)
		fmt.Fprintf(e.stdout, "calendar version %d in force for %s; run 'ward sla recompute' to re-measure past tickets with it\n", res.Version, c.org.Slug)
		return nil
	})
}

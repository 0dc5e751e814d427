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
	body, err := os.ReadFile(c.pos[0])
	if err != nil {
		return err
	}
	var def calendar.Definition
	if err := json.Unmarshal(body, &def); err != nil {
		return fmt.Errorf("%s: %v", c.pos[0], err)
	}
	return c.do(func() error { return saveCalendar(c, def) })
}

func saveCalendar(c *cmd, def calendar.Definition) error {
	v, err := c.svc.Desk.SaveCalendar(c.e.ctx, c.op, c.org.ID, def)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.e.stdout, "calendar version %d in force for %s; run 'ward sla recompute' to re-measure past tickets with it\n", v, c.org.Slug)
	return nil
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
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	byRegion, err := calendar.ImportGovUK(f)
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	return c.do(func() error {
		cal, _, err := c.svc.Desk.Calendar(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		def := cal.Definition()
		if def.Region == "" {
			return fmt.Errorf("%s's calendar follows no region's bank holidays; set one with 'ward calendar set'", c.org.Slug)
		}
		known := map[calendar.Date]bool{}
		for _, a := range def.Additions {
			known[a.Date] = true
		}
		added := 0
		for _, h := range byRegion[def.Region] {
			if known[h.Date] || listed(cal.Holidays(h.Date.Year), h.Date) {
				continue
			}
			def.Additions = append(def.Additions, h)
			known[h.Date] = true
			added++
		}
		if added == 0 {
			fmt.Fprintf(e.stdout, "%s: every %s bank holiday in the file is already in %s's calendar\n", file, def.Region, c.org.Slug)
			return nil
		}
		fmt.Fprintf(e.stdout, "adding %s bank holidays from %s\n", strconv.Itoa(added), file)
		return saveCalendar(c, def)
	})
}

func listed(hs []calendar.Holiday, d calendar.Date) bool {
	for _, h := range hs {
		if h.Date == d {
			return true
		}
	}
	return false
}

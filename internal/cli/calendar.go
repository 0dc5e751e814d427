package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/calendar"
	"github.com/ward-shared-service/ward/internal/servicedesk"
)

func runCalendar(e *env, args []string) error {
	return subcommand(e, "calendar", args, []verb{
		{"show", calendarShow}, {"set", calendarSet}, {"holidays", calendarHolidays}, {"import-govuk", calendarImportGovUK},
	})
}

func calendarShow(e *env, args []string) error {
	const usage = "calendar show --org SLUG"
	fs := e.newFlags("calendar show", usage)
	orgSlug := fs.String("org", "", "the org")
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	cal, _, err := servicedesk.New(s).Calendar(e.ctx, operator(), org.ID)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(cal.Definition())
}

func calendarSet(e *env, args []string) error {
	const usage = "calendar set --org SLUG FILE.json   (the JSON that 'calendar show' prints)"
	fs := e.newFlags("calendar set", usage)
	orgSlug := fs.String("org", "", "the org")
	pos, err := parseCommand(fs, args, usage, 1, "org")
	if err != nil {
		return err
	}
	body, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	var def calendar.Definition
	if err := json.Unmarshal(body, &def); err != nil {
		return fmt.Errorf("%s: %v", pos[0], err)
	}
	return saveCalendar(e, *orgSlug, def)
}

func saveCalendar(e *env, orgSlug string, def calendar.Definition) error {
	s, org, err := e.orgFor(orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := servicedesk.New(s).SaveCalendar(e.ctx, operator(), org.ID, def)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "calendar version %d in force for %s; run 'ward sla recompute' to re-measure past tickets with it\n", v, org.Slug)
	return nil
}

func calendarHolidays(e *env, args []string) error {
	const usage = "calendar holidays --org SLUG [--year YYYY] [--format json]"
	fs := e.newFlags("calendar holidays", usage)
	orgSlug := fs.String("org", "", "the org")
	year := fs.Int("year", time.Now().Year(), "the year")
	format := formatFlag(fs)
	if _, err := parseCommand(fs, args, usage, 0, "org"); err != nil {
		return err
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	cal, _, err := servicedesk.New(s).Calendar(e.ctx, operator(), org.ID)
	if err != nil {
		return err
	}
	hs := cal.Holidays(*year)
	rows := make([][]string, len(hs))
	for i, h := range hs {
		rows[i] = []string{h.Date.String(), h.Date.Weekday().String(), h.Title}
	}
	if hs == nil {
		hs = []calendar.Holiday{}
	}
	return list(e.stdout, *format, hs, []string{"DATE", "DAY", "HOLIDAY"}, rows)
}

// calendarImportGovUK adds to the org's calendar the days of the GOV.UK
// bank-holidays file for its region that the holiday library does not
// already give — newly announced one-off days, say.
func calendarImportGovUK(e *env, args []string) error {
	const usage = "calendar import-govuk --org SLUG FILE.json   (the format of https://www.gov.uk/bank-holidays.json)"
	fs := e.newFlags("calendar import-govuk", usage)
	orgSlug := fs.String("org", "", "the org")
	pos, err := parseCommand(fs, args, usage, 1, "org")
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	byRegion, err := calendar.ImportGovUK(f)
	if err != nil {
		return fmt.Errorf("%s: %v", pos[0], err)
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	cal, _, err := servicedesk.New(s).Calendar(e.ctx, operator(), org.ID)
	s.Close()
	if err != nil {
		return err
	}
	def := cal.Definition()
	if def.Region == "" {
		return fmt.Errorf("%s's calendar follows no region's bank holidays; set one with 'ward calendar set'", org.Slug)
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
		fmt.Fprintf(e.stdout, "%s: every %s bank holiday in the file is already in %s's calendar\n", pos[0], def.Region, org.Slug)
		return nil
	}
	fmt.Fprintf(e.stdout, "adding %s bank holidays from %s\n", strconv.Itoa(added), pos[0])
	return saveCalendar(e, *orgSlug, def)
}

func listed(hs []calendar.Holiday, d calendar.Date) bool {
	for _, h := range hs {
		if h.Date == d {
			return true
		}
	}
	return false
}

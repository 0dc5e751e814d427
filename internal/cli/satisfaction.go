package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
)

// reportSatisfaction prints what callers said of the desk, for one org or
// every council side by side.
func reportSatisfaction(e *env, args []string) error {
	c := e.command("report satisfaction (--org SLUG | --all) (--from YYYY-MM-DD --to YYYY-MM-DD | --period NAME) [--format table|json|csv]").
		withOrgOrAll("the org to report on").withFormat("table", "json", "csv")
	from := c.fs.String("from", "", "first day of the period (surveys sent on or after it)")
	to := c.fs.String("to", "", "last day of the period, inclusive")
	named := c.fs.String("period", "", "instead of --from and --to: "+strings.Join(desksvc.Periods, ", "))
	return c.run(args, func() error {
		orgs := c.chosenOrgs()
		if len(orgs) == 0 {
			return fmt.Errorf("there are no councils to report on")
		}
		first, last, err := reportPeriod(orgs[0], *named, *from, *to, time.Now())
		if err != nil {
			return err
		}
		r, err := c.svc.Desk.SatisfactionReport(e.ctx, c.op, orgs, first, last)
		if err != nil {
			return err
		}
		switch c.format {
		case "json":
			return r.WriteJSON(e.stdout)
		case "csv":
			return r.WriteCSV(e.stdout)
		}
		return satisfactionTable(e, r)
	})
}

func satisfactionTable(e *env, r report.Satisfaction) error {
	fmt.Fprintf(e.stdout, "Satisfaction: %s, surveys sent %s to %s\n", strings.Join(r.Councils, ", "), r.From, r.To)
	if r.Empty() {
		_, err := fmt.Fprintln(e.stdout, r.EmptyReason())
		return err
	}
	head := []string{"", "SENT", "ANSWERED", "RESPONSE %", "AVERAGE", "1", "2", "3", "4", "5"}
	rows := [][]string{append([]string{"all"}, r.Overall.Cells()...)}
	for _, s := range r.Sections() {
		rows = append(rows, []string{strings.ToUpper(s.Dimension)})
		for _, row := range s.Rows {
			rows = append(rows, append([]string{"  " + row.Name}, row.Cells()...))
		}
	}
	return list(e.stdout, "table", nil, head, rows)
}

func runSurvey(e *env, args []string) error {
	return subcommand(e, "survey", args, []verb{
		{"settings", "show an org's satisfaction survey settings", surveySettingsShow},
		{"set", "turn surveys on or off and set their delay, sample, link life, cool-off and follow-up", surveySettingsSet},
		{"rebuild-days", "count an org's kept survey day counts again, as after its time zone changed", surveyRebuildDays},
	})
}

func surveySettingsShow(e *env, args []string) error {
	c := e.command("survey settings --org SLUG [--format json]").withOrg("the org").withFormat("text", "json")
	return c.run(args, func() error {
		set, err := c.svc.Desk.SurveySettingsOf(e.ctx, c.op, c.org.ID)
		return answer(c, set, err, func(set desksvc.SurveySettings) error {
			_, err := fmt.Fprintf(e.stdout, "%s: %s\n", c.org.Name, desksvc.DescribeSurveySettings(set))
			return err
		})
	})
}

func surveySettingsSet(e *env, args []string) error {
	c := e.command("survey set --org SLUG [--on|--off] [--delay MINUTES] [--sample PERCENT] [--link-days N] [--cooloff-days N] [--followup-score N]").
		withOrg("the org")
	on := c.fs.Bool("on", false, "send surveys")
	off := c.fs.Bool("off", false, "send no more surveys")
	var edit desksvc.SurveyEdit
	c.fs.StringVar(&edit.DelayMinutes, "delay", "", "minutes after resolution that the survey goes")
	c.fs.StringVar(&edit.SamplePercent, "sample", "", "percentage of resolved tickets surveyed")
	c.fs.StringVar(&edit.LinkDays, "link-days", "", "days the link stays open")
	c.fs.StringVar(&edit.CoolOffDays, "cooloff-days", "", "a caller is surveyed at most once in this many days")
	c.fs.StringVar(&edit.FollowUpScore, "followup-score", "", "raise a follow-up task for a score at or below this (0: never)")
	if err := c.parse(args); err != nil {
		return err
	}
	if *on && *off {
		return usagef("give --on or --off, not both")
	}
	if *on || *off {
		edit.Enabled = on
	}
	return c.do(func() error {
		set, err := c.svc.Desk.SaveSurveySettings(e.ctx, c.op, c.org.ID, edit)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s: %s\n", c.org.Name, desksvc.DescribeSurveySettings(set))
		return err
	})
}

// surveyRebuildDays counts the day counts the satisfaction report reads
// again from the surveys, in the org's time zone as it now is.
func surveyRebuildDays(e *env, args []string) error {
	c := e.command("survey rebuild-days --org SLUG").withOrg("the org")
	return c.run(args, func() error {
		days, err := c.svc.Desk.RebuildSurveyDays(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s: survey counts rewritten for %d days (time zone %s)\n", c.org.Name, days, c.org.TimeZone)
		return err
	})
}

package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/phishingsvc"
)

func runPhishing(e *env, args []string) error {
	return subcommand(e, "phishing", args, []verb{
		{"import", "import a campaign's results from Gophish's results CSV", phishingImport},
		{"list", "an org's phishing campaigns with their funnels", phishingList},
		{"show", "a campaign's funnel overall, by kind of person and by team", phishingShow},
		{"person", "a person's phishing results over time", phishingPerson},
		{"teams", "each team's click rate campaign by campaign", phishingTeams},
		{"councils", "each council's latest campaign side by side", phishingCouncils},
	})
}

func funnelCells(f phishingsvc.Funnel) []string {
	n := strconv.Itoa
	return []string{n(f.Sent), n(f.Opened) + " (" + pct(f.OpenedRate) + ")", n(f.Clicked) + " (" + pct(f.ClickedRate) + ")",
		n(f.Submitted) + " (" + pct(f.SubmittedRate) + ")", n(f.Reported) + " (" + pct(f.ReportedRate) + ")"}
}

var funnelHead = []string{"SENT", "OPENED", "CLICKED", "SUBMITTED", "REPORTED"}

// phishingImport imports a campaign's results (Gophish's "Export CSV" >
// "Results"), enrolling those who clicked or submitted when asked.
func phishingImport(e *env, args []string) error {
	c := e.command("phishing import --org SLUG --campaign NAME [--enrol COURSE] [--launched YYYY-MM-DD] [--due-days N] [--replace] [--format json] FILE").
		withOrg("the council whose people were phished").withArgs(1).withRequired("campaign").withFormat("table", "json")
	name := c.fs.String("campaign", "", "the campaign's name, unique in the org")
	enrol := c.fs.String("enrol", "", "the code of the course to enrol those who clicked or submitted in")
	launched := c.fs.String("launched", "", "the launch day (default: the earliest send_date in the file)")
	due := c.fs.Int("due-days", phishingsvc.DefaultDueDays, "days from the launch to complete the course")
	replace := c.fs.Bool("replace", false, "replace the results of a campaign already imported under this name")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.Phishing.ImportFile(e.ctx, c.op, phishingsvc.Import{Org: c.org, Campaign: *name, Launched: *launched,
			Enrol: *enrol, DueDays: *due, Replace: *replace, File: filepath.Base(c.pos[0])}, f)
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		verb := "imported"
		if res.Replaced {
			verb = "replaced the results of"
		}
		fmt.Fprintf(e.stdout, "%s campaign %q (id %d, launched %s) for %s: %d results, %d not sent, %d addresses matched nobody\n",
			verb, res.Campaign.Name, res.Campaign.ID, res.Campaign.LaunchedOn, c.org.Slug, res.Results, res.NotSent, res.Unmatched)
		if *enrol != "" {
			fmt.Fprintf(e.stdout, "enrolled %d people who clicked or submitted in %s\n", res.Enrolled, *enrol)
		}
		return list(e.stdout, "table", nil, funnelHead, [][]string{funnelCells(res.Funnel)})
	})
}

func phishingList(e *env, args []string) error {
	c := e.command("phishing list --org SLUG [--format json]").withOrg("the org whose campaigns to list").withFormat("table", "json")
	return c.run(args, func() error {
		rows, err := c.svc.Phishing.Campaigns(e.ctx, c.op, c.org.ID)
		return listing(c, rows, err, append([]string{"ID", "LAUNCHED", "CAMPAIGN"}, funnelHead...), func(r phishingsvc.CampaignRow) []string {
			return append([]string{strconv.FormatInt(r.ID, 10), r.LaunchedOn, r.Name}, funnelCells(r.Funnel)...)
		})
	})
}

func phishingShow(e *env, args []string) error {
	c := e.command("phishing show --org SLUG [--format json] CAMPAIGN-ID").withOrg("the org the campaign belongs to").withFormat("table", "json").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.pos[0], 10, 64)
	if err != nil {
		return usagef("campaign id %q is not a number; `ward phishing list` gives the ids", c.pos[0])
	}
	return c.looksFor("phishing campaign", c.pos[0]).do(func() error {
		v, err := c.svc.Phishing.Campaign(e.ctx, c.op, id)
		if err == nil && v.Campaign.OrgID != c.org.ID {
			err = accountsvc.ErrNotFound
		}
		return answer(c, v, err, func(v phishingsvc.CampaignView) error {
			fmt.Fprintf(e.stdout, "%s: campaign %q, launched %s\n", c.org.Slug, v.Campaign.Name, v.Campaign.LaunchedOn)
			if v.EnrolCourse != "" {
				fmt.Fprintf(e.stdout, "%d enrolled in %s\n", v.Enrolled, v.EnrolCourse)
			}
			rows := [][]string{append([]string{"everyone", ""}, funnelCells(v.Overall)...)}
			for _, part := range []struct {
				by string
				fs []phishingsvc.Funnel
			}{{"kind", v.ByKind}, {"team", v.ByTeam}} {
				for _, f := range part.fs {
					rows = append(rows, append([]string{part.by, groupName(f.Group)}, funnelCells(f)...))
				}
			}
			return list(e.stdout, "table", nil, append([]string{"BY", "GROUP"}, funnelHead...), rows)
		})
	})
}

func groupName(g string) string {
	if g == "" {
		return "(none)"
	}
	return g
}

func phishingPerson(e *env, args []string) error {
	c := e.command("phishing person --org SLUG [--format json] PERSON-ID|EMAIL").withOrg("the org the person belongs to").withFormat("table", "json").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	return c.looksFor("person", c.pos[0]).do(func() error {
		id, err := strconv.ParseInt(c.pos[0], 10, 64)
		if err != nil {
			if !strings.Contains(c.pos[0], "@") {
				return usagef("give the person's id or e-mail address, not %q", c.pos[0])
			}
			p, err := c.svc.Phishing.PersonByEmail(e.ctx, c.op, c.org.ID, c.pos[0])
			if err != nil {
				return err
			}
			id = p.ID
		}
		h, err := c.svc.Phishing.Person(e.ctx, c.op, c.org.ID, id)
		return answer(c, h, err, func(h phishingsvc.PersonHistory) error {
			fmt.Fprintf(e.stdout, "%s <%s>, %s: %d phishing campaigns\n", h.Person.Name, h.Person.Email, h.Person.Kind, len(h.Results))
			rows := make([][]string, len(h.Results))
			for i, r := range h.Results {
				rows[i] = []string{r.LaunchedOn, r.Campaign, r.Status, yesNo(r.Reported)}
			}
			return list(e.stdout, "table", nil, []string{"LAUNCHED", "CAMPAIGN", "FURTHEST STEP", "REPORTED"}, rows)
		})
	})
}

func phishingTeams(e *env, args []string) error {
	c := e.command("phishing teams --org SLUG [--format json]").withOrg("the org whose teams to show").withFormat("table", "json")
	return c.run(args, func() error {
		trend, err := c.svc.Phishing.Teams(e.ctx, c.op, c.org.ID)
		if err != nil {
			return err
		}
		if c.format == "json" {
			return listing(c, trend, nil, nil, func(phishingsvc.TeamTrend) []string { return nil })
		}
		return teamTable(e.stdout, trend)
	})
}

// teamTable shows each team's click rate, oldest campaign first.
func teamTable(w io.Writer, trend []phishingsvc.TeamTrend) error {
	var rows [][]string
	for _, t := range trend {
		var pts []string
		for _, p := range t.Points {
			pts = append(pts, fmt.Sprintf("%s %s (%d of %d)", p.LaunchedOn, pct(p.Funnel.ClickedRate), p.Funnel.Clicked, p.Funnel.Sent))
		}
		rows = append(rows, []string{groupName(t.Team), strings.Join(pts, " -> ")})
	}
	return list(w, "table", nil, []string{"TEAM", "CLICK RATE BY CAMPAIGN, OLDEST FIRST"}, rows)
}

func phishingCouncils(e *env, args []string) error {
	c := e.command("phishing councils [--format json]").withFormat("table", "json")
	return c.run(args, func() error {
		rows, err := c.svc.Phishing.Councils(e.ctx, c.op)
		return listing(c, rows, err, append([]string{"ORG", "LATEST CAMPAIGN", "LAUNCHED"}, funnelHead...), func(r phishingsvc.CouncilRow) []string {
			if r.Campaign == nil {
				return []string{r.Org.Slug, "(none yet)", "", "", "", "", "", ""}
			}
			return append([]string{r.Org.Slug, r.Campaign.Name, r.Campaign.LaunchedOn}, funnelCells(r.Campaign.Funnel)...)
		})
	})
}

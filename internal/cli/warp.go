package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// actingFor is the operator acting as a WARP user of the org: they see and
// share what the org may, no more — never RED, which is for named people.
func actingFor(org accountsvc.Org) tenancy.Principal {
	p := operator()
	return tenancy.Principal{Actor: p.Actor, OrgID: org.ID, Role: tenancy.RoleAnalyst, Scope: p.Scope.Narrow(org.ID)}
}

func runWarp(e *env, args []string) error {
	return subcommand(e, "warp", args, []verb{
		{"community", "create communities and add or remove their members", warpCommunity},
		{"publish", "publish an advisory, with its indicators", warpPublish},
		{"advisories", "list the advisories an org may see", warpAdvisories},
		{"show", "one advisory, its updates and indicators", warpShow},
		{"indicators", "list the indicators an org may see", warpIndicators},
		{"import", "load a feed (a STIX 2.1 bundle or a plain list) into a community", warpImport},
		{"export", "write what an org may see as a STIX 2.1 bundle", warpExport},
		{"match", "match logs against the indicators and record sightings", warpMatch},
		{"sightings", "list the sightings an org may see", warpSightings},
		{"generate", "write test indicators and logs that hit them", warpGenerate},
	})
}

func warpCommunity(e *env, args []string) error {
	return subcommand(e, "warp community", args, []verb{
		{"create", "create a community", func(e *env, args []string) error {
			c := e.command("warp community create [--description TEXT] SLUG NAME").withArgs(2)
			desc := c.fs.String("description", "", "what the community is for")
			return c.run(args, func() error {
				made, err := c.svc.Warp.CreateCommunity(e.ctx, c.op, c.pos[0], c.pos[1], *desc)
				if err == nil {
					fmt.Fprintf(e.stdout, "community %s (%s) created\n", made.Slug, made.Name)
				}
				return err
			})
		}},
		{"add", "add an org to a community", func(e *env, args []string) error { return warpMember(e, args, false) }},
		{"remove", "take an org out of a community", func(e *env, args []string) error { return warpMember(e, args, true) }},
		{"list", "list the communities and their members", func(e *env, args []string) error {
			c := e.command("warp community list [--format table|json]").withFormat("table", "json")
			return c.run(args, func() error {
				cs, err := c.svc.Warp.Communities(e.ctx, c.op)
				if err != nil {
					return err
				}
				var rows [][]string
				for _, cv := range cs {
					var names []string
					for _, m := range cv.Members {
						n := m.OrgSlug
						if !m.CanPublish {
							n += " (reads)"
						}
						names = append(names, n)
					}
					rows = append(rows, []string{cv.Slug, cv.Name, strings.Join(names, ", ")})
				}
				return list(e.stdout, c.format, cs, []string{"SLUG", "NAME", "MEMBERS"}, rows)
			})
		}},
	})
}

func warpMember(e *env, args []string, remove bool) error {
	verbName := map[bool]string{false: "add", true: "remove"}[remove]
	usage := "warp community " + verbName + " COMMUNITY ORG"
	if !remove {
		usage = "warp community add [--read-only] COMMUNITY ORG"
	}
	c := e.command(usage).withArgs(2)
	readOnly := false
	if !remove {
		c.fs.BoolVar(&readOnly, "read-only", false, "the org reads what is shared but may not publish")
	}
	return c.run(args, func() error {
		if err := c.svc.Warp.SetMember(e.ctx, c.op, c.pos[0], c.pos[1], !readOnly, remove); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s: %s %s\n", c.pos[0], map[bool]string{false: "added", true: "removed"}[remove], c.pos[1])
		return nil
	})
}

// shareFlags are how an item is shared, on every command that shares.
func shareFlags(c *cmd) *warpsvc.ShareSpec {
	spec := &warpsvc.ShareSpec{}
	fs := c.fs
	fs.StringVar(&spec.Community, "community", "", "the community (may be left out when the org is in one)")
	c.withChoice(&spec.TLP, "tlp", "", "TLP 2.0 marking (RED is for named people, from the web)", sharedMarkings)
	fs.Func("to", "AMBER or AMBER+STRICT: only these member orgs (comma-separated slugs)", func(v string) error {
		spec.Orgs = append(spec.Orgs, v)
		return nil
	})
	fs.BoolVar(&spec.Anonymous, "anonymous", false, "show the author as \"a member\" to other orgs")
	return spec
}

// readIndicatorFile reads a list of indicators for an advisory.
func readIndicatorFile(path string) ([]warpsvc.NewIndicator, error) {
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []warpsvc.NewIndicator
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, warpsvc.NewIndicator{Value: line})
		}
	}
	return out, nil
}

func warpPublish(e *env, args []string) error {
	const usage = "warp publish --org SLUG --tlp MARKING --title TEXT [--community SLUG] [--to ORGS] [--anonymous] " +
		"[--severity low|medium|high|critical] [--summary TEXT] [--body-file FILE.md] [--indicators FILE] [--allow-warnings]"
	var severity string
	c := e.command(usage).withOrg("the org publishing").withChoice(&severity, "severity", "medium", "how severe", advisorySeverities)
	fs := c.fs
	spec := shareFlags(c)
	title := fs.String("title", "", "the advisory's title")
	summary := fs.String("summary", "", "one paragraph for lists and e-mails")
	bodyFile := fs.String("body-file", "", "the body, in Markdown")
	indicators := fs.String("indicators", "", "a file of indicators, one a line")
	allow := fs.Bool("allow-warnings", false, "publish indicators the warning lists flag")
	return c.run(args, func() error {
		n := warpsvc.NewAdvisory{ShareSpec: *spec, Title: *title, Summary: *summary, Severity: severity, AllowWarnings: *allow}
		if *bodyFile != "" {
			body, err := os.ReadFile(*bodyFile)
			if err != nil {
				return err
			}
			n.Body = string(body)
		}
		ins, err := readIndicatorFile(*indicators)
		if err != nil {
			return err
		}
		n.Indicators = ins
		if n.Community == "" {
			n.Community = onlyCommunity(c)
		}
		a, err := c.svc.Warp.Publish(e.ctx, actingFor(c.org), n)
		if err != nil {
			return explainWarnings(err)
		}
		fmt.Fprintf(e.stdout, "advisory %d published in %s as %s with %d indicators\n", a.ID, a.CommunitySlug, a.TLP, a.Indicators)
		return nil
	})
}

// onlyCommunity is the org's community when it belongs to exactly one.
func onlyCommunity(c *cmd) string {
	if cs, err := c.svc.Warp.Communities(c.e.ctx, actingFor(c.org)); err == nil && len(cs) == 1 {
		return cs[0].Slug
	}
	return ""
}

func explainWarnings(err error) error {
	var we *warpsvc.WarningsError
	if errors.As(err, &we) {
		var b strings.Builder
		b.WriteString("nothing was published: these indicators look like false positives:\n")
		for _, f := range we.Flagged {
			fmt.Fprintf(&b, "  %s %s: %s\n", f.Indicator.Type, f.Indicator.Value, f.Warnings[0].Reason)
		}
		b.WriteString("remove them, or give --allow-warnings (or --drop-flagged for a feed)")
		return errors.New(b.String())
	}
	return err
}

func warpAdvisories(e *env, args []string) error {
	const usage = "warp advisories --org SLUG [--community SLUG] [--tlp MARKING] [--q WORDS] [--format table|json]"
	c := e.command(usage).withOrg("the org whose view to take").withFormat("table", "json")
	var q warpsvc.AdvisoryQuery
	c.fs.StringVar(&q.Community, "community", "", "only this community")
	c.withChoice(&q.TLP, "tlp", "", "only this marking", markings)
	c.fs.StringVar(&q.Query, "q", "", "words in the title, summary or body")
	return c.run(args, func() error {
		as, err := c.svc.Warp.Advisories(e.ctx, actingFor(c.org), q)
		return listing(c, as, err, []string{"ID", "PUBLISHED", "TLP", "SEVERITY", "AUTHOR", "TITLE", "INDICATORS"}, func(a warpsvc.AdvisoryView) []string {
			return []string{strconv.FormatInt(a.ID, 10), a.PublishedAt.Format("2006-01-02"), a.TLP.String(), a.Severity, a.Author, a.Title,
				strconv.Itoa(a.Indicators)}
		})
	})
}

func warpShow(e *env, args []string) error {
	c := e.command("warp show --org SLUG [--format text|json] ADVISORY-ID").withOrg("the org whose view to take").withFormat("text", "json").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.pos[0], 10, 64)
	if err != nil {
		return usagef("advisory id %q is not a number", c.pos[0])
	}
	return c.looksFor("advisory", c.pos[0]).do(func() error {
		d, err := c.svc.Warp.Advisory(e.ctx, actingFor(c.org), id)
		if err != nil {
			return err
		}
		if c.format == "json" {
			return list(e.stdout, "json", d, nil, nil)
		}
		fmt.Fprintf(e.stdout, "%s  %s  %s\n%s\n%s\n\n", d.TLP, strings.ToUpper(d.Severity), d.Title, d.Rule, "by "+d.Author+", "+d.PublishedAt.Format("2 Jan 2006 15:04 MST"))
		if d.Summary != "" {
			fmt.Fprintf(e.stdout, "%s\n\n", d.Summary)
		}
		fmt.Fprintln(e.stdout, d.Body)
		for _, u := range d.FollowUps {
			fmt.Fprintf(e.stdout, "\nupdate %s:\n%s\n", u.CreatedAt.Format("2 Jan 2006 15:04"), u.Body)
		}
		for _, in := range d.IndicatorsOf {
			fmt.Fprintf(e.stdout, "indicator %s %s\n", in.Type, warp.Defang(in.Value))
		}
		return nil
	})
}

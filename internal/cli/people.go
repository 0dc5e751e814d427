package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/people"
	"github.com/ward-shared-service/ward/internal/service/peoplesvc"
)

func runPeople(e *env, args []string) error {
	return subcommand(e, "people", args, []verb{
		{"import", "load an org's people from an HR export (CSV)", peopleImport},
		{"list", "list an org's people, by kind, team and state", peopleList},
		{"show", "show one person, their manager and direct reports", peopleShow},
		{"add", "add a person", peopleAdd},
		{"edit", "change a person", peopleEdit},
		{"summary", "current people, recent leavers and contracts ending, per kind", peopleSummary},
		peopleAccountsVerb,
	})
}

// peopleImport loads an HR export in one transaction.
func peopleImport(e *env, args []string) error {
	c := e.command("people import --org SLUG [--partial] [--format json] FILE").withOrg("the org the people belong to").
		withFormat("table", "json").withArgs(1)
	partial := c.fs.Bool("partial", false, "the file is an extract, not everyone: end nobody it leaves out")
	return c.run(args, func() error {
		f, err := os.Open(c.pos[0])
		if err != nil {
			return err
		}
		defer f.Close()
		res, err := c.svc.People.Import(e.ctx, c.op, c.org.ID, filepath.Base(c.pos[0]), f, *partial)
		if err != nil {
			return fmt.Errorf("nothing was imported:\n%w", err)
		}
		return answer(c, res, nil, func(r peoplesvc.ImportResult) error {
			_, err := fmt.Fprintf(e.stdout, "%s: %d rows: %d added, %d updated, %d unchanged, %d ended\n",
				r.File, r.Rows, r.Added, r.Updated, r.Unchanged, r.Ended)
			return err
		})
	})
}

// peopleList streams an org's people a page at a time, so a large org is
// never read whole.
func peopleList(e *env, args []string) error {
	var kind, state string
	c := e.command("people list --org SLUG [--kind K] [--team T] [--state current|left|all] [--format json]").
		withOrg("the org").withFormat("table", "json").
		withChoice(&kind, "kind", "", "only this kind of person", oneOf(people.Kinds...)).
		withChoice(&state, "state", "current", "who to list", oneOf(peoplesvc.States...))
	team := c.fs.String("team", "", "only this team")
	return c.run(args, func() error {
		f := peoplesvc.Filter{Kind: kind, Team: *team, State: state, PerPage: 500}
		var all []peoplesvc.Person
		for {
			page, err := c.svc.People.List(e.ctx, c.op, c.org.ID, f)
			if err != nil {
				return err
			}
			all = append(all, page.People...)
			if page.Next == nil {
				break
			}
			f.After = page.Next
		}
		return listing(c, all, nil, []string{"ID", "HR ID", "NAME", "KIND", "TEAM", "EMAIL", "START", "END", "LEFT"},
			func(p peoplesvc.Person) []string {
				return []string{strconv.FormatInt(p.ID, 10), p.HRID, p.Name, p.Kind, p.Team, p.Email, p.StartOn, p.EndOn, p.LeftOn}
			})
	})
}

func peopleShow(e *env, args []string) error {
	c := e.command("people show --org SLUG [--format json] ID|EMAIL|HRID").withOrg("the org").withFormat("table", "json").withArgs(1)
	return c.run(args, func() error {
		c.looksFor("person", c.pos[0])
		found, err := c.svc.People.FindPerson(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return err
		}
		prof, err := c.svc.People.Profile(e.ctx, c.op, c.org.ID, found.ID)
		return answer(c, prof, err, func(p peoplesvc.Profile) error {
			w := e.stdout
			fmt.Fprintf(w, "%s (person %d)\n", p.Name, p.ID)
			row := func(k, v string) {
				if v != "" {
					fmt.Fprintf(w, "  %-14s %s\n", k+":", v)
				}
			}
			row("kind", p.Kind)
			row("hr id", p.HRID)
			row("team", p.Team)
			row("e-mail", p.Email)
			row("phone", p.Phone)
			row("upn", p.UPN)
			row("started", p.StartOn)
			row("contract ends", p.EndOn)
			row("left", p.LeftOn)
			if p.Manager != nil {
				row("manager", fmt.Sprintf("%s (person %d)", p.Manager.Name, p.Manager.ID))
			}
			state := "current"
			if !p.Current {
				state = "not current"
			}
			row("state", state)
			row("desk tickets", strconv.Itoa(p.Tickets))
			for _, r := range p.DirectReports {
				row("reports", fmt.Sprintf("%s (person %d)", r.Name, r.ID))
			}
			return nil
		})
	})
}

// personFlags are the flags add and edit share; edit changes only those
// given.
type personFlags struct {
	name, email, phone, kind, team, manager, start, end, left, hrID, upn *string
}

func addPersonFlags(fs *flag.FlagSet) personFlags {
	return personFlags{
		name:    fs.String("name", "", "full name"),
		email:   fs.String("email", "", "e-mail address"),
		phone:   fs.String("phone", "", "phone number, matched against callers' numbers"),
		kind:    fs.String("kind", "", "staff, councillor, contractor or consultant"),
		team:    fs.String("team", "", "team"),
		manager: fs.String("manager", "", "line manager, by id, e-mail address or HR id (\"none\" for none)"),
		start:   fs.String("start", "", "start date, yyyy-mm-dd"),
		end:     fs.String("end", "", "contract end date, yyyy-mm-dd"),
		left:    fs.String("left", "", "the day the person left, yyyy-mm-dd"),
		hrID:    fs.String("hr-id", "", "the HR system's id"),
		upn:     fs.String("upn", "", "directory sign-in name, when not the e-mail address"),
	}
}

// apply puts the flags given on a person.
func (pf personFlags) apply(c *cmd, p *peoplesvc.Person) error {
	given := map[string]bool{}
	c.fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	for name, pair := range map[string]struct {
		into *string
		v    *string
	}{"name": {&p.Name, pf.name}, "email": {&p.Email, pf.email}, "phone": {&p.Phone, pf.phone}, "kind": {&p.Kind, pf.kind},
		"team": {&p.Team, pf.team}, "start": {&p.StartOn, pf.start}, "end": {&p.EndOn, pf.end}, "left": {&p.LeftOn, pf.left},
		"hr-id": {&p.HRID, pf.hrID}, "upn": {&p.UPN, pf.upn}} {
		if given[name] {
			*pair.into = *pair.v
		}
	}
	if given["manager"] {
		p.ManagerID = 0
		if m := strings.TrimSpace(*pf.manager); m != "" && m != "none" {
			found, err := c.svc.People.FindPerson(c.e.ctx, c.op, p.OrgID, m)
			if err != nil {
				return named(err, lookup{what: "manager", key: m, flag: "--manager", where: "in " + c.org.Slug})
			}
			p.ManagerID = found.ID
		}
	}
	return nil
}

func peopleAdd(e *env, args []string) error {
	c := e.command("people add --org SLUG --name NAME [--email A] [--kind K] [--team T] [--manager WHO] [--start D] [--end D] [--hr-id ID] …").
		withOrg("the org the person belongs to").withRequired("name")
	pf := addPersonFlags(c.fs)
	return c.run(args, func() error {
		p := peoplesvc.Person{OrgID: c.org.ID}
		if err := pf.apply(c, &p); err != nil {
			return err
		}
		added, err := c.svc.People.Add(e.ctx, c.op, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s to %s (person %d)\n", added.Name, c.org.Slug, added.ID)
		return nil
	})
}

func peopleEdit(e *env, args []string) error {
	c := e.command("people edit --org SLUG [--name NAME] [--email A] [--kind K] [--team T] [--manager WHO] [--left D] … ID|EMAIL|HRID").
		withOrg("the org").withArgs(1)
	pf := addPersonFlags(c.fs)
	return c.run(args, func() error {
		c.looksFor("person", c.pos[0])
		p, err := c.svc.People.FindPerson(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return err
		}
		if err := pf.apply(c, &p); err != nil {
			return err
		}
		saved, err := c.svc.People.Edit(e.ctx, c.op, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "saved %s (person %d)\n", saved.Name, saved.ID)
		return nil
	})
}

// peopleSummary counts each org's people by kind.
func peopleSummary(e *env, args []string) error {
	c := e.command("people summary (--org SLUG | --all) [--format json]").withOrgOrAll("the org").withFormat("table", "json")
	return c.run(args, func() error {
		var all []peoplesvc.Summary
		for _, org := range c.chosenOrgs() {
			s, err := c.svc.People.Summary(e.ctx, c.op, org.ID)
			if err != nil {
				return err
			}
			all = append(all, s)
		}
		var rows [][]string
		for _, s := range all {
			for _, k := range s.Kinds {
				rows = append(rows, []string{s.OrgSlug, k.Kind, strconv.Itoa(k.Current), strconv.Itoa(k.Leavers), strconv.Itoa(k.Ending)})
			}
		}
		return list(e.stdout, c.format, all, []string{"ORG", "KIND", "CURRENT", "LEFT (30 DAYS)", "CONTRACTS ENDING (30 DAYS)"}, rows)
	})
}

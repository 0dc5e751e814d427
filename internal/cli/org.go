package cli

import (
	"fmt"

	"github.com/ward-shared-service/ward/internal/service/accountsvc"
)

func runOrg(e *env, args []string) error {
	return subcommand(e, "org", args, []verb{
		{"add", "add an organisation", orgAdd},
		{"list", "list the organisations", orgList},
		{"update", "change an organisation's reference prefix", orgUpdate},
	})
}

func orgAdd(e *env, args []string) error {
	var kind string
	c := e.command("org add SLUG --name NAME --kind KIND [--ref-prefix ABC]").withArgs(1).withRequired("name", "kind").
		withChoice(&kind, "kind", "", "what kind of organisation", orgKinds)
	name := c.fs.String("name", "", "the organisation's full name")
	prefix := c.fs.String("ref-prefix", "", "2 to 6 capitals every ticket reference of the org starts with (default: from the slug)")
	return c.run(args, func() error {
		org, err := c.svc.Accounts.CreateOrg(e.ctx, c.op, c.pos[0], *name, kind, *prefix)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added %s (%s, %s, references %s-…)\n", org.Slug, org.Name, org.Kind, org.RefPrefix)
		return nil
	})
}

func orgList(e *env, args []string) error {
	c := e.command("org list [--format json]").withFormat("table", "json")
	return c.run(args, func() error {
		orgs, err := c.svc.Accounts.Orgs(e.ctx, c.op)
		return listing(c, orgs, err, []string{"SLUG", "NAME", "KIND", "TIME ZONE", "REF PREFIX"}, func(o accountsvc.Org) []string {
			return []string{o.Slug, o.Name, string(o.Kind), o.TimeZone, o.RefPrefix}
		})
	})
}

// orgUpdate changes an org's reference prefix; its tickets' references
// change with it, and the old ones keep working as redirects.
func orgUpdate(e *env, args []string) error {
	c := e.command("org update SLUG --ref-prefix ABC").withArgs(1).withRequired("ref-prefix")
	prefix := c.fs.String("ref-prefix", "", "the 2 to 6 capitals every ticket reference of the org starts with from now on")
	return c.run(args, func() error {
		org, err := c.orgNamed("SLUG", c.pos[0])
		if err != nil {
			return err
		}
		ch, err := c.svc.Accounts.ChangeRefPrefix(e.ctx, c.op, org.ID, *prefix)
		if err != nil {
			return err
		}
		if ch.Old == ch.Org.RefPrefix {
			fmt.Fprintf(e.stdout, "%s's references already start %s-…\n", org.Slug, ch.Org.RefPrefix)
			return nil
		}
		fmt.Fprintf(e.stdout, "%s: references now start %s-… (were %s-…); %d tickets renamed, old references still lead to them\n",
			org.Slug, ch.Org.RefPrefix, ch.Old, ch.Renamed)
		return nil
	})
}

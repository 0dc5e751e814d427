package cli

import (
	"fmt"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

func runOrg(e *env, args []string) error {
	return subcommand(e, "org", args, []verb{{"add", orgAdd}, {"list", orgList}})
}

func orgAdd(e *env, args []string) error {
	const usage = "org add SLUG --name NAME --kind council|shared-service|partner"
	fs := e.newFlags("org add", usage)
	name := fs.String("name", "", "the organisation's full name")
	kind := fs.String("kind", "", "council, shared-service or partner")
	pos, err := parseCommand(fs, args, usage, 1, "name", "kind")
	if err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	org, err := accountsFor(s).CreateOrg(e.ctx, operator(), pos[0], *name, *kind)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added %s (%s, %s)\n", org.Slug, org.Name, org.Kind)
	return nil
}

func orgList(e *env, args []string) error {
	fs := e.newFlags("org list", "org list [--format json]")
	format := formatFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	s, err := e.open()
	if err != nil {
		return err
	}
	defer s.Close()
	orgs, err := s.Orgs(e.ctx, tenancy.ForSystem(tenancy.JobOperator))
	if err != nil {
		return err
	}
	if orgs == nil {
		orgs = []store.Org{}
	}
	rows := make([][]string, len(orgs))
	for i, o := range orgs {
		rows[i] = []string{o.Slug, o.Name, string(o.Kind), o.TimeZone}
	}
	return list(e.stdout, *format, orgs, []string{"SLUG", "NAME", "KIND", "TIME ZONE"}, rows)
}

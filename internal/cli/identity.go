package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/gen/identitygen"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/service/identitysvc"
)

func runIdentity(e *env, args []string) error {
	return subcommand(e, "identity", args, []verb{
		{"paths", "list the accounts with a path into Tier Zero", identityPaths},
		{"score", "the identity score and its categories", identityScore},
		{"show", "one directory object: its path, groups and rights", identityShow},
		{"changes", "paths gained and lost since the last imports", identityChanges},
		{"tier-zero", "list, add or remove objects added to Tier Zero", identityTierZero},
		{"analyse", "analyse the held directories again", identityAnalyse},
		{"generate", "write a synthetic SharpHound collection, for tests", identityGenerate},
	})
}

// importDirectory loads a SharpHound collection or an Entra export.
func importDirectory(e *env, args []string, source identity.Source) error {
	verbName, what := "sharphound", "FOLDER|FILE.zip|FILE.json"
	if source == identity.EntraID {
		verbName, what = "entra", "FILE.json[.gz] (docs/entra-json.md)"
	}
	usage := "import " + verbName + " --org SLUG [--format json] " + what
	c := e.command(usage).withOrg("the org the directory belongs to").withFormat("table", "json").withArgs(1)
	return c.run(args, func() error {
		started := time.Now()
		var res identitysvc.ImportResult
		var err error
		if source == identity.EntraID {
			res, err = c.svc.Identity.ImportEntra(e.ctx, c.op, c.org.ID, c.pos[0])
		} else {
			res, err = c.svc.Identity.ImportSharpHound(e.ctx, c.op, c.org.ID, c.pos[0])
		}
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", err)
		}
		if c.format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		fmt.Fprintf(e.stdout, "%s: %s %s, %d objects and %d relations (%.1fs)\n",
			res.File, map[identity.Source]string{identity.ActiveDirectory: "domain", identity.EntraID: "tenant"}[res.Source],
			res.Directory, res.Nodes, res.Edges, time.Since(started).Seconds())
		printRun(e, res.Analysis)
		return nil
	})
}

func printRun(e *env, r identitysvc.Run) {
	c := r.Findings
	fmt.Fprintf(e.stdout, "%d of %d enabled accounts outside Tier Zero (%d objects) have a path into it; identity score %d/100\n",
		r.Reaching, r.Accounts, r.TierZero, r.Score.Score)
	fmt.Fprintf(e.stdout, "findings: %d opened, %d reopened, %d resolved, %d still failing\n", c.Opened, c.Reopened, c.Resolved, c.Kept+c.Expired)
}

func identityPaths(e *env, args []string) error {
	c := e.command("identity paths --org SLUG [--match TEXT] [--limit N] [--format table|json]").withOrg("the org").withFormat("table", "json")
	match := c.fs.String("match", "", "only principals whose name or id contains this")
	limit := c.fs.Int("limit", 0, "list at most this many principals (0: all)")
	return c.run(args, func() error {
		paths, err := c.svc.Identity.PathsOf(e.ctx, c.op, c.org.ID, *match, *limit)
		if err != nil {
			return err
		}
		return printPaths(e, c.format, paths)
	})
}

func printPaths(e *env, format string, paths identitysvc.Paths) error {
	if paths.Principals == nil {
		paths.Principals = []identity.Reach{}
	}
	if format == "json" {
		return list(e.stdout, "json", paths, nil, nil)
	}
	rows := make([][]string, len(paths.Principals))
	for i, r := range paths.Principals {
		rows[i] = []string{r.Name, r.Kind, strconv.Itoa(r.Hops), identity.PathText(r.Path)}
	}
	fmt.Fprintf(e.stdout, "%d of %d enabled accounts outside Tier Zero have a path into it\n", paths.Reaching, paths.Accounts)
	if err := list(e.stdout, format, nil, []string{"PRINCIPAL", "KIND", "STEPS", "SHORTEST PATH"}, rows); err != nil {
		return err
	}
	if len(paths.ChokePoints) > 0 {
		fmt.Fprintln(e.stdout, "\nchoke points (remove the relation to cut these accounts off):")
		rows = nil
		for _, c := range paths.ChokePoints {
			rows = append(rows, []string{c.From, c.Rights, c.To, strconv.Itoa(c.Accounts)})
		}
		return list(e.stdout, "table", nil, []string{"FROM", "RIGHTS", "TO", "ACCOUNTS"}, rows)
	}
	return nil
}

func identityScore(e *env, args []string) error {
	c := e.command("identity score --org SLUG [--days N] [--format table|json]").withOrg("the org").withFormat("table", "json")
	days := c.fs.Int("days", 30, "days of history")
	return c.run(args, func() error {
		sum, err := c.svc.Identity.SummaryOf(e.ctx, c.op, c.org.ID, *days)
		if err != nil {
			return err
		}
		return printScore(e, c.format, c.org, sum)
	})
}

func printScore(e *env, format string, org accountsvc.Org, sum identitysvc.Summary) error {
	if format == "json" {
		return list(e.stdout, "json", sum, nil, nil)
	}
	if sum.Day == "" {
		fmt.Fprintf(e.stdout, "%s has no directory imported yet (ward import sharphound|entra --org %s …)\n", org.Name, org.Slug)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s: identity score %d/100 on %s (higher is better)\n", sum.Org, sum.Score, sum.Day)
	fmt.Fprintf(e.stdout, "%d of %d enabled accounts outside Tier Zero have a path into it; Tier Zero holds %d objects\n\n",
		sum.Reaching, sum.Accounts, sum.TierZero)
	rows := make([][]string, len(sum.Categories))
	for i, c := range sum.Categories {
		rows[i] = []string{c.Title, fmt.Sprintf("%d/%d", c.Points, c.Cap), strconv.Itoa(c.Findings)}
	}
	return list(e.stdout, "table", nil, []string{"CATEGORY", "RISK POINTS", "FINDINGS"}, rows)
}

func identityShow(e *env, args []string) error {
	c := e.command("identity show --org SLUG [--format table|json] ID").withOrg("the org").withFormat("table", "json").withArgs(1)
	if err := c.parse(args); err != nil {
		return err
	}
	return c.looksFor("directory object", c.pos[0]).do(func() error {
		pr, err := c.svc.Identity.PrincipalOf(e.ctx, c.op, c.org.ID, c.pos[0])
		if err != nil {
			return err
		}
		return printPrincipal(e, c.format, pr)
	})
}

func printPrincipal(e *env, format string, pr identitysvc.Principal) error {
	if format == "json" {
		return list(e.stdout, "json", pr, nil, nil)
	}
	fmt.Fprintf(e.stdout, "%s (%s, %s) in %s, enabled: %v\n", pr.Name, pr.Kind, pr.ID, pr.Directory, pr.Enabled)
	switch {
	case pr.TierZero != "":
		fmt.Fprintf(e.stdout, "Tier Zero: %s\n", pr.TierZero)
	case pr.Path != nil:
		fmt.Fprintf(e.stdout, "path to Tier Zero: %s\n", identity.PathText(pr.Path))
	default:
		fmt.Fprintln(e.stdout, "no path to Tier Zero")
	}
	if len(pr.MemberOf) > 0 {
		fmt.Fprintf(e.stdout, "member of: %s\n", strings.Join(pr.MemberOf, ", "))
	}
	for _, r := range pr.Rights {
		fmt.Fprintf(e.stdout, "%s on %s\n", r.Kind, r.Target)
	}
	return nil
}

func identityChanges(e *env, args []string) error {
	c := e.command("identity changes --org SLUG [--format table|json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		ch, err := c.svc.Identity.ChangeOf(e.ctx, c.op, c.org.ID)
		return answer(c, ch, err, func(ch identitysvc.Change) error { printChange(e, ch); return nil })
	})
}

func printChange(e *env, ch identitysvc.Change) {
	fmt.Fprintf(e.stdout, "accounts reaching Tier Zero: %d before the last imports, %d now\n", ch.Previous, ch.Current)
	for _, g := range ch.Gained {
		fmt.Fprintf(e.stdout, "+ %s: %s\n", g.Name, identity.PathText(g.Path))
	}
	for _, l := range ch.Lost {
		fmt.Fprintf(e.stdout, "- %s\n", l)
	}
}

func identityAnalyse(e *env, args []string) error {
	c := e.command("identity analyse --org SLUG [--format json]").withOrg("the org").withFormat("table", "json")
	return c.run(args, func() error {
		run, err := c.svc.Identity.Reanalyse(e.ctx, c.op, c.org.ID)
		return answer(c, run, err, func(run identitysvc.Run) error { printRun(e, run); return nil })
	})
}

func identityTierZero(e *env, args []string) error {
	c := e.command("identity tier-zero --org SLUG [list | add ID [--note TEXT] | remove ID]").withOrg("the org").withFormat("table", "json").withArgs(-1)
	note := c.fs.String("note", "", "why the object is Tier Zero")
	if err := c.parse(args); err != nil {
		return err
	}
	pos := c.pos
	if !(len(pos) == 1 && pos[0] == "list") && !(len(pos) == 2 && (pos[0] == "add" || pos[0] == "remove")) {
		return c.usageError()
	}
	if len(pos) == 2 {
		c.looksFor("directory object", pos[1])
	}
	return c.do(func() error {
		svc := c.svc.Identity
		switch pos[0] {
		case "list":
			sum, err := svc.SummaryOf(e.ctx, c.op, c.org.ID, 1)
			if err != nil {
				return err
			}
			if sum.Additions == nil {
				sum.Additions = []identitysvc.TierZeroAddition{}
			}
			rows := make([][]string, len(sum.Additions))
			for i, a := range sum.Additions {
				rows[i] = []string{a.ObjectID, a.Note, a.AddedBy, a.AddedAt.Format(time.DateOnly)}
			}
			return list(e.stdout, c.format, sum.Additions, []string{"OBJECT", "NOTE", "ADDED BY", "ON"}, rows)
		case "add":
			run, err := svc.AddTierZero(e.ctx, c.op, c.org.ID, pos[1], *note)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s is Tier Zero in %s\n", strings.ToUpper(pos[1]), c.org.Slug)
			printRun(e, run)
			return nil
		}
		run, err := svc.RemoveTierZero(e.ctx, c.op, c.org.ID, pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is no longer an added Tier Zero object in %s\n", strings.ToUpper(pos[1]), c.org.Slug)
		printRun(e, run)
		return nil
	})
}

func personLeave(e *env, args []string) error {
	c := e.command("person leave --org SLUG [--on YYYY-MM-DD | --undo] EMAIL").withOrg("the org the person worked for").withArgs(1)
	on := c.fs.String("on", "", "the day they left (default today)")
	undo := c.fs.Bool("undo", false, "they have not left after all")
	if err := c.parse(args); err != nil {
		return err
	}
	email := c.pos[0]
	c.looksFor("person", email)
	day := *on
	if *undo {
		day = ""
	} else if day == "" {
		day = time.Now().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, day); err != nil {
		return usagef("--on: %q is not a date (YYYY-MM-DD)", day)
	}
	return c.do(func() error {
		if err := c.svc.Desk.SetPersonLeft(e.ctx, c.op, c.org.ID, email, day); err != nil {
			return err
		}
		if day == "" {
			fmt.Fprintf(e.stdout, "%s has not left %s\n", email, c.org.Slug)
		} else {
			fmt.Fprintf(e.stdout, "%s left %s on %s; their enabled accounts are findings from the next identity analysis\n", email, c.org.Slug, day)
		}
		return nil
	})
}

func identityGenerate(e *env, args []string) error {
	const usage = "identity generate [--domain NAME] [--users N] [--groups N] [--computers N] [--edges N] [--seed N] [--zip] DIR|FILE.zip"
	fs := e.newFlags("identity generate", usage)
	domain := fs.String("domain", "ASHCOMBE.LOCAL", "the domain's DNS name")
	users := fs.Int("users", 100000, "user accounts")
	groups := fs.Int("groups", 20000, "groups")
	computers := fs.Int("computers", 30000, "computers")
	edges := fs.Int("edges", 2000000, "relations, as the importer will count them")
	seed := fs.Int64("seed", 1, "the same seed gives the same directory")
	zipped := fs.Bool("zip", false, "write one collection .zip instead of a folder of .json files")
	pos, err := parseCommand(fs, args, usage, 1)
	if err != nil {
		return err
	}
	spec := identitygen.Spec{Domain: strings.ToUpper(*domain), Users: *users, Groups: *groups, Computers: *computers,
		Edges: *edges, Seed: *seed, Now: time.Now().UTC(), MetaLast: true}
	started := time.Now()
	var stats identitygen.Stats
	if *zipped {
		f, err := os.Create(pos[0])
		if err != nil {
			return err
		}
		if stats, err = identitygen.SharpHoundZip(f, spec); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	} else {
		if err := os.MkdirAll(pos[0], 0o755); err != nil {
			return err
		}
		if stats, err = identitygen.SharpHound(pos[0], spec); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "wrote a synthetic SharpHound collection of %s to %s in %.1fs: %+v\n", spec.Domain, pos[0], time.Since(started).Seconds(), stats)
	return nil
}

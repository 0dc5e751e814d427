package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/directories"
	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
)

func newDirectories(s *store.Store) *directories.Service { return directories.New(s, newEstate(s)) }

func runIdentity(e *env, args []string) error {
	return subcommand(e, "identity", args, []verb{
		{"paths", identityPaths}, {"score", identityScore}, {"show", identityShow}, {"changes", identityChanges},
		{"tier-zero", identityTierZero}, {"analyse", identityAnalyse}, {"generate", identityGenerate},
	})
}

// importDirectory loads a SharpHound collection or an Entra export.
func importDirectory(e *env, args []string, source identity.Source) error {
	verbName, what := "sharphound", "FOLDER|FILE.zip|FILE.json"
	if source == identity.EntraID {
		verbName, what = "entra", "FILE.json[.gz] (docs/entra-json.md)"
	}
	usage := "import " + verbName + " --org SLUG [--format json] " + what
	fs := e.newFlags("import "+verbName, usage)
	fs.String("org", "", "the org the directory belongs to")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 1, func(s *store.Store, org store.Org, pos []string) error {
		started := time.Now()
		svc := newDirectories(s)
		var res directories.ImportResult
		var err error
		if source == identity.EntraID {
			res, err = svc.ImportEntra(e.ctx, operator(), org.ID, pos[0])
		} else {
			res, err = svc.ImportSharpHound(e.ctx, operator(), org.ID, pos[0])
		}
		if err != nil {
			return fmt.Errorf("nothing was imported: %w", err)
		}
		if *format == "json" {
			return list(e.stdout, "json", res, nil, nil)
		}
		fmt.Fprintf(e.stdout, "%s: %s %s, %d objects and %d relations (%.1fs)\n",
			res.File, map[identity.Source]string{identity.ActiveDirectory: "domain", identity.EntraID: "tenant"}[res.Source],
			res.Directory, res.Nodes, res.Edges, time.Since(started).Seconds())
		printRun(e, res.Analysis)
		return nil
	})
}

func printRun(e *env, r directories.Run) {
	c := r.Findings
	fmt.Fprintf(e.stdout, "%d of %d enabled accounts outside Tier Zero (%d objects) have a path into it; identity score %d/100\n",
		r.Reaching, r.Accounts, r.TierZero, r.Score.Score)
	fmt.Fprintf(e.stdout, "findings: %d opened, %d reopened, %d resolved, %d still failing\n", c.Opened, c.Reopened, c.Resolved, c.Kept+c.Expired)
}

func identityPaths(e *env, args []string) error {
	const usage = "identity paths --org SLUG [--match TEXT] [--limit N] [--format table|json]"
	fs := e.newFlags("identity paths", usage)
	fs.String("org", "", "the org")
	match := fs.String("match", "", "only principals whose name or id contains this")
	limit := fs.Int("limit", 0, "list at most this many principals (0: all)")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		paths, err := newDirectories(s).PathsOf(e.ctx, operator(), org.ID, *match, *limit)
		if err != nil {
			return err
		}
		return printPaths(e, *format, paths)
	})
}

func printPaths(e *env, format string, paths directories.Paths) error {
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
	const usage = "identity score --org SLUG [--days N] [--format table|json]"
	fs := e.newFlags("identity score", usage)
	fs.String("org", "", "the org")
	days := fs.Int("days", 30, "days of history")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		sum, err := newDirectories(s).SummaryOf(e.ctx, operator(), org.ID, *days)
		if err != nil {
			return err
		}
		return printScore(e, *format, org, sum)
	})
}

func printScore(e *env, format string, org store.Org, sum directories.Summary) error {
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
	const usage = "identity show --org SLUG [--format table|json] ID"
	fs := e.newFlags("identity show", usage)
	fs.String("org", "", "the org")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 1, func(s *store.Store, org store.Org, pos []string) error {
		pr, err := newDirectories(s).PrincipalOf(e.ctx, operator(), org.ID, pos[0])
		if err != nil {
			return err
		}
		return printPrincipal(e, *format, pr)
	})
}

func printPrincipal(e *env, format string, pr directories.Principal) error {
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
	const usage = "identity changes --org SLUG [--format table|json]"
	fs := e.newFlags("identity changes", usage)
	fs.String("org", "", "the org")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		ch, err := newDirectories(s).ChangeOf(e.ctx, operator(), org.ID)
		if err != nil {
			return err
		}
		if *format == "json" {
			return list(e.stdout, "json", ch, nil, nil)
		}
		printChange(e, ch)
		return nil
	})
}

func printChange(e *env, ch directories.Change) {
	fmt.Fprintf(e.stdout, "accounts reaching Tier Zero: %d before the last imports, %d now\n", ch.Previous, ch.Current)
	for _, g := range ch.Gained {
		fmt.Fprintf(e.stdout, "+ %s: %s\n", g.Name, identity.PathText(g.Path))
	}
	for _, l := range ch.Lost {
		fmt.Fprintf(e.stdout, "- %s\n", l)
	}
}

func identityAnalyse(e *env, args []string) error {
	const usage = "identity analyse --org SLUG [--format json]"
	fs := e.newFlags("identity analyse", usage)
	fs.String("org", "", "the org")
	format := formatFlag(fs)
	return e.inOrg(fs, args, usage, 0, func(s *store.Store, org store.Org, _ []string) error {
		run, err := newDirectories(s).Reanalyse(e.ctx, operator(), org.ID)
		if err != nil {
			return err
		}
		if *format == "json" {
			return list(e.stdout, "json", run, nil, nil)
		}
		printRun(e, run)
		return nil
	})
}

func identityTierZero(e *env, args []string) error {
	const usage = "identity tier-zero --org SLUG [list | add ID [--note TEXT] | remove ID]"
	fs := e.newFlags("identity tier-zero", usage)
	orgSlug := fs.String("org", "", "the org")
	note := fs.String("note", "", "why the object is Tier Zero")
	format := formatFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *orgSlug == "" || len(pos) == 0 {
		return usagef("usage: ward %s", usage)
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	svc := newDirectories(s)
	switch {
	case pos[0] == "list" && len(pos) == 1:
		sum, err := svc.SummaryOf(e.ctx, operator(), org.ID, 1)
		if err != nil {
			return err
		}
		if sum.Additions == nil {
			sum.Additions = []store.TierZeroAddition{}
		}
		rows := make([][]string, len(sum.Additions))
		for i, a := range sum.Additions {
			rows[i] = []string{a.ObjectID, a.Note, a.AddedBy, a.AddedAt.Format(time.DateOnly)}
		}
		return list(e.stdout, *format, sum.Additions, []string{"OBJECT", "NOTE", "ADDED BY", "ON"}, rows)
	case pos[0] == "add" && len(pos) == 2:
		run, err := svc.AddTierZero(e.ctx, operator(), org.ID, pos[1], *note)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is Tier Zero in %s\n", strings.ToUpper(pos[1]), org.Slug)
		printRun(e, run)
		return nil
	case pos[0] == "remove" && len(pos) == 2:
		run, err := svc.RemoveTierZero(e.ctx, operator(), org.ID, pos[1])
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is no longer an added Tier Zero object in %s\n", strings.ToUpper(pos[1]), org.Slug)
		printRun(e, run)
		return nil
	}
	return usagef("usage: ward %s", usage)
}

func personLeave(e *env, args []string) error {
	const usage = "person leave --org SLUG [--on YYYY-MM-DD | --undo] EMAIL"
	fs := e.newFlags("person leave", usage)
	orgSlug := fs.String("org", "", "the org the person worked for")
	on := fs.String("on", "", "the day they left (default today)")
	undo := fs.Bool("undo", false, "they have not left after all")
	pos, err := parseCommand(fs, args, usage, 1, "org")
	if err != nil {
		return err
	}
	day := *on
	if *undo {
		day = ""
	} else if day == "" {
		day = time.Now().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, day); err != nil {
		return usagef("--on: %q is not a date (YYYY-MM-DD)", day)
	}
	s, org, err := e.orgFor(*orgSlug)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.SetPersonLeft(e.ctx, operator().Scope, org.ID, pos[0], day); err != nil {
		if err == store.ErrNotFound {
			return fmt.Errorf("no person with e-mail %s in %s", pos[0], org.Slug)
		}
		return err
	}
	if day == "" {
		fmt.Fprintf(e.stdout, "%s has not left %s\n", pos[0], org.Slug)
	} else {
		fmt.Fprintf(e.stdout, "%s left %s on %s; their enabled accounts are findings from the next identity analysis\n", pos[0], org.Slug, day)
	}
	return nil
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
	spec := identity.GenSpec{Domain: strings.ToUpper(*domain), Users: *users, Groups: *groups, Computers: *computers,
		Edges: *edges, Seed: *seed, Now: time.Now().UTC(), MetaLast: true}
	started := time.Now()
	var stats identity.GenStats
	if *zipped {
		f, err := os.Create(pos[0])
		if err != nil {
			return err
		}
		if stats, err = identity.GenerateSharpHoundZip(f, spec); err != nil {
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
		if stats, err = identity.GenerateSharpHound(pos[0], spec); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "wrote a synthetic SharpHound collection of %s to %s in %.1fs: %+v\n", spec.Domain, pos[0], time.Since(started).Seconds(), stats)
	return nil
}

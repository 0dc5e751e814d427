package cli

import (
	"flag"
	"strings"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/service/accountsvc"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// cmd is one command being run, and the one place for what every command
// does around its own work: read the flags, refuse a wrong call with its
// usage line (exit 2) before anything is opened, open the store and build the
// services once, find the --org org (exit 1, naming the slug, when there is
// none), hold the --format choice, and close the store when the work is done.
//
// A command makes one with e.command, adds its own flags to c.fs, and calls
// c.run(args, body); a command with checks of its own calls c.parse, checks,
// then c.do(body). The body reaches data only through c.svc.
type cmd struct {
	e     *env
	fs    *flag.FlagSet
	usage string

	nargs    int          // positional arguments wanted, or -1 when the command counts them
	required []string     // flags that must be given
	orgFlag  *string      // --org, when the command takes one
	allFlag  *bool        // --all, when the command takes it instead of --org
	formatF  *string      // --format, when the command takes one
	choices  []enumerated // flags that take one of a fixed set of values
	sought   *lookup      // what the command looks up, for a not-found

	// What the body works with, set by parse and do.
	pos    []string
	format string
	org    accountsvc.Org   // the --org org; the zero Org when none was given
	orgs   []accountsvc.Org // with --all, every council in view
	svc    *app.Services
	op     tenancy.Principal // the operator at the terminal
}

// command starts a command from its usage line, such as
// "posture show --org SLUG [--days N]"; its name is the leading words.
func (e *env) command(usage string) *cmd {
	return &cmd{e: e, fs: e.newFlags(commandName(usage), usage), usage: usage}
}

// commandName is the leading lower-case words of a usage line.
func commandName(usage string) string {
	var words []string
	for _, w := range strings.Fields(usage) {
		if strings.TrimLeft(w, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" || strings.HasPrefix(w, "-") {
			break
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// withOrg adds --org SLUG, which the command must be given.
func (c *cmd) withOrg(help string) *cmd {
	c.orgFlag = c.fs.String("org", "", help)
	c.required = append(c.required, "org")
	return c
}

// withOrgOrAll adds --org SLUG and --all, one of which the command must be
// given; with --all, c.orgs is every council in view, in name order.
func (c *cmd) withOrgOrAll(help string) *cmd {
	c.orgFlag = c.fs.String("org", "", help)
	c.allFlag = c.fs.Bool("all", false, "every council, side by side, instead of one org")
	return c
}

// withOptionalOrg adds --org SLUG, which may be left out.
func (c *cmd) withOptionalOrg(help string) *cmd {
	c.orgFlag = c.fs.String("org", "", help)
	return c
}

// withFormat adds --format with these choices; the first is the default.
func (c *cmd) withFormat(choices ...string) *cmd {
	c.formatF = new(string)
	return c.withChoice(c.formatF, "format", choices[0], "output format", oneOf(choices...))
}

// withArgs sets how many positional arguments the command takes (0 unless
// said); -1 leaves the count to the command, which checks it after parse.
func (c *cmd) withArgs(n int) *cmd {
	c.nargs = n
	return c
}

// withRequired names further flags that must be given.
func (c *cmd) withRequired(flags ...string) *cmd {
	c.required = append(c.required, flags...)
	return c
}

// run parses the arguments and, when they are right, runs the body.
func (c *cmd) run(args []string, body func() error) error {
	if err := c.parse(args); err != nil {
		return err
	}
	return c.do(body)
}

// parse reads and checks the flags and arguments; it opens nothing.
func (c *cmd) parse(args []string) error {
	pos, err := parseCommand(c.fs, args, c.usage, c.nargs, c.required...)
	if err != nil {
		return err
	}
	if err := c.checkChoices(); err != nil {
		return err
	}
	c.pos = pos
	if c.allFlag != nil && (*c.allFlag == (*c.orgFlag != "")) {
		return usagef("give --org SLUG or --all, one of them")
	}
	if c.formatF != nil {
		c.format = *c.formatF
	}
	return nil
}

// usageError is the command's usage line, for a wrong call (exit 2).
func (c *cmd) usageError() error { return usagef("usage: ward %s", c.usage) }

// do opens the store and the services, finds the --org org, runs the body
// and closes the store, whatever the body returns.
func (c *cmd) do(body func() error) error {
	h, err := c.e.compose()
	if err != nil {
		return err
	}
	defer h.Close()
	c.svc, c.op = h.Services, operator()
	if c.orgFlag != nil && *c.orgFlag != "" {
		if c.org, err = c.orgNamed("--org", *c.orgFlag); err != nil {
			return err
		}
	}
	if c.allFlag != nil && *c.allFlag {
		all, err := c.svc.Accounts.Orgs(c.e.ctx, c.op)
		if err != nil {
			return err
		}
		for _, o := range all {
			if o.Kind == tenancy.KindCouncil {
				c.orgs = append(c.orgs, o)
			}
		}
	}
	return c.soughtError(body())
}

// orgNamed finds the org a flag names by slug.
func (c *cmd) orgNamed(flagName, slug string) (accountsvc.Org, error) {
	org, err := c.svc.Accounts.OrgBySlug(c.e.ctx, c.op, slug)
	return org, named(err, lookup{what: "organisation", key: slug, flag: flagName, hint: "ward org list"})
}

// compose opens and migrates the database named by --database,
// WARD_DATABASE or the default, and builds the services over it once: the
// composition step every command shares.
func (e *env) compose() (*app.Handle, error) { return e.composeWith(app.Options{}) }

// composeWith is compose with the services tuned, as ward serve tunes
// sign-in from its flags.
func (e *env) composeWith(opt app.Options) (*app.Handle, error) {
	return app.Open(e.ctx, e.location(), opt)
}

// either lists choices as "a, b or c".
func either(choices []string) string {
	if len(choices) == 1 {
		return choices[0]
	}
	return strings.Join(choices[:len(choices)-1], ", ") + " or " + choices[len(choices)-1]
}

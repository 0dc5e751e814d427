// Package cli is the ward command: it reads flags and the environment, opens
// the store, and calls the same services the web and API use.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/user"
	"strings"

	"github.com/ward-shared-service/ward/internal/app"
	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Version is set at build time with -ldflags "-X …/cli.Version=v1.2.3".
var Version = "dev"

// usageError is a mistake in how ward was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// env is what every command runs with.
type env struct {
	ctx      context.Context
	stdout   io.Writer
	stderr   io.Writer
	stdin    io.Reader
	database string
	getenv   func(string) string
	help     string // what -h asked for, printed on standard output
}

type command struct {
	name, summary string
	run           func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web application and JSON API", runServe},
		{"migrate", "bring the database schema up to date", runMigrate},
		{"backup", "write a checked copy of a SQLite database to a file", runBackup},
		{"org", "add and list organisations", runOrg},
		{"user", "add, list and change users, and the orgs they see", runUser},
		{"token", "create, list and revoke API tokens", runToken},
		{"ticket", "list and show service desk tickets, and their files", runTicket},
		{"import", "import tickets, devices, mailboxes and directories", runImport},
		{"posture", "the security baseline: evaluate, show and tune it", runPosture},
		{"identity", "directories, attack paths to Tier Zero and the identity score", runIdentity},
		{"warp", "the WARP: advisories, indicators, feeds and log matching", runWarp},
		{"findings", "list an org's findings (json and csv too)", runFindings},
		{"finding", "accept a finding's risk, revoke that, or raise a ticket for it", runFinding},
		{"sla", "SLA policies and re-measuring tickets", runSLA},
		{"calendar", "working calendars and bank holidays", runCalendar},
		{"report", "reports on a period, such as the SLA report", runReport},
		{"person", "people who call the desk", runPerson},
		{"people", "an org's people from HR: import, list, show, add, edit, summary", runPeople},
		{"mail-template", "the e-mails callers get about their tickets", runMailTemplate},
		{"phone", "the phone system's webhook", runPhone},
		{"survey", "satisfaction surveys sent when tickets are resolved", runSurvey},
		{"training", "security awareness training: courses, completions, who is overdue", runTraining},
		{"walkup", "walk-up queues: a site's tablet and screen links", runWalkup},
		{"policy", "policy documents: publish versions, who has accepted, reminders", runPolicy},
		{"caf", "the Cyber Assessment Framework: import framework versions and show them", runCAF},
		{"major", "major incidents: raise, update, resolve with children, review", runMajor},
		{"phishing", "phishing exercises: import Gophish results, funnels, people and teams over time", runPhishing},
		{"maintenance", "planned maintenance shown on the status page", runMaintenance},
		{"search", "find tickets, people, devices, accounts, advisories and indicators", runSearch},
		{"demo", "fill an empty database with demo data", runDemo},
		{"audit", "check the audit log", runAudit},
		{"version", "print ward's version", runVersion},
	}
}

// Main runs ward with the given arguments and returns the exit status:
// 0 success, 1 failure, 2 usage.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{ctx: ctx, stdout: stdout, stderr: stderr, stdin: stdin, getenv: getenv}
	global := flag.NewFlagSet("ward", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&e.database, "database", "", "")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout)
			return 0
		}
		return exitStatus(stderr, usagef("%v", err))
	}
	rest := global.Args()
	if len(rest) == 0 {
		printUsage(stderr)
		return 2
	}
	if isHelp(rest[0]) {
		if len(rest) == 1 {
			printUsage(stdout)
			return 0
		}
		rest = helpFor(rest)
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			if err := configureImports(getenv); err != nil {
				return exitStatus(stderr, usagef("%v", err))
			}
			err := c.run(e, rest[1:])
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, e.help)
			}
			return exitStatus(stderr, err)
		}
	}
	return exitStatus(stderr, usagef("unknown command %q (run 'ward help' for the list)", rest[0]))
}

// exitStatus is the one place the command line turns an error into what a
// person or a script sees: one line on stderr, and exit status 2 for a
// mistake in how ward was called, 1 for anything else. A service's fault
// shows its safe message (with the field, for bad input) inside whatever
// context the command added; its internal cause is left out, as every
// adapter leaves it out.
func exitStatus(stderr io.Writer, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return 0
	}
	msg, ok := notFound(err)
	if !ok {
		msg = shown(err)
	}
	fmt.Fprintf(stderr, "ward: %s\n", oneLine(msg))
	var ue *usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

// shown is err's text with a fault's cause taken out. A fault's field is
// named before its message, except "file": the readers' messages already
// begin with the file's name and the place in it.
func shown(err error) string {
	msg := err.Error()
	for _, f := range fault.All(err) { // a fault.Fields names every field, in one line
		safe := f.Message
		if f.Field != "" && f.Field != "file" {
			safe = f.Field + ": " + safe
		}
		msg = strings.Replace(msg, f.Error(), safe, 1)
	}
	return msg
}

func oneLine(msg string) string { return strings.ReplaceAll(msg, "\n", "; ") }

// newFlags makes a command's flag set with the shared --database flag.
func (e *env) newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("ward "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // a wrong flag is one line from exitStatus; -h is printed by Main
	fs.StringVar(&e.database, "database", e.database, "PostgreSQL URL or SQLite file (env WARD_DATABASE; default ward.db)")
	fs.Usage = func() { e.help = flagsHelp(usage, fs) }
	return fs
}

// parse reads flags wherever they appear among the arguments, so both
// `ward org add acme --name X` and `ward org add --name X acme` work.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v (run '%s -h' for its options)", err, fs.Name())
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// location is the database named by --database, WARD_DATABASE or the default.
func (e *env) location() string {
	if e.database != "" {
		return e.database
	}
	if env := e.getenv("WARD_DATABASE"); env != "" {
		return env
	}
	return "ward.db"
}

// operator is the person at the terminal, for the audit log.
func operator() tenancy.Principal {
	name := "unknown"
	if u, err := user.Current(); err == nil {
		name = u.Username
	}
	return tenancy.Operator(audit.CLIActor(name))
}

func runVersion(e *env, args []string) error {
	if _, err := parseCommand(e.newFlags("version", "version"), args, "version", 0); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "ward %s\n", Version)
	return nil
}

func runMigrate(e *env, args []string) error {
	fs := e.newFlags("migrate", "migrate [--database DB]")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	applied, v, err := app.Migrate(e.ctx, e.location())
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(e.stdout, "schema is up to date (version %d)\n", v)
		return nil
	}
	fmt.Fprintf(e.stdout, "applied %s; schema is at version %d\n", strings.Join(applied, ", "), v)
	return nil
}

// parseCommand reads a command's flags and arguments and checks them: the
// number of positional arguments (any when nargs is -1), and that each
// required flag was given.
func parseCommand(fs *flag.FlagSet, args []string, usage string, nargs int, required ...string) ([]string, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return nil, err
	}
	if nargs >= 0 && len(pos) != nargs {
		return nil, usagef("usage: ward %s", usage)
	}
	for _, name := range required {
		if f := fs.Lookup(name); f == nil || f.Value.String() == "" {
			return nil, usagef("usage: ward %s (--%s is required)", usage, name)
		}
	}
	return pos, nil
}

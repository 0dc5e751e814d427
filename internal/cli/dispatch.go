package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"
)

// verb is one subcommand of a command group such as `ward user`, with the
// one line its group's help shows for it.
type verb struct {
	name, summary string
	run           func(e *env, args []string) error
}

// isHelp is whether an argument asks for help where a subcommand's name
// would go: -h, --help or the word help.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "help":
		return true
	}
	return false
}

// subcommand runs the verb args name, or says which verbs the group has:
// asked for help, it lists them with their summaries on standard output
// (exit 0); given none or one it does not know, it names them (exit 2).
// Every command group goes through here, so each has help without writing
// any.
func subcommand(e *env, group string, args []string, verbs []verb) error {
	names := make([]string, len(verbs))
	for i, v := range verbs {
		names[i] = v.name
		if len(args) > 0 && args[0] == v.name {
			return v.run(e, args[1:])
		}
	}
	switch {
	case len(args) == 0:
		return usagef("usage: ward %s %s … (run 'ward %s -h' for what each does)", group, strings.Join(names, "|"), group)
	case isHelp(args[0]):
		e.help = groupHelp(group, verbs)
		return flag.ErrHelp
	}
	return usagef("unknown %s command %q (want %s)", group, args[0], strings.Join(names, ", "))
}

// groupHelp is a group's usage: its subcommands, one line each.
func groupHelp(group string, verbs []verb) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: ward %s COMMAND [options]\n\nCommands:\n", group)
	width := 0
	for _, v := range verbs {
		width = max(width, len(v.name))
	}
	for _, v := range verbs {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, v.name, v.summary)
	}
	fmt.Fprintf(&b, "\nRun 'ward %s COMMAND -h' for a command's options.\n", group)
	return b.String()
}

// flagsHelp is a command's usage line and its flags, as -h shows them.
func flagsHelp(usage string, fs *flag.FlagSet) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "Usage: ward %s\n", usage)
	has := false
	fs.VisitAll(func(*flag.Flag) { has = true })
	if has {
		b.WriteString("\nOptions:\n")
		out := fs.Output()
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(out)
	}
	return b.String()
}

// helpFor turns `ward help COMMAND [SUBCOMMAND…]` into `ward COMMAND
// [SUBCOMMAND…] -h`.
func helpFor(rest []string) []string {
	return append(append([]string{}, rest[1:]...), "-h")
}

// printUsage is ward's own help: every command with its summary.
func printUsage(w io.Writer) {
	fmt.Fprint(w, `ward — operations hub for a shared council IT service

Usage: ward [--database DB] COMMAND [options]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
--database (or WARD_DATABASE) is a PostgreSQL URL (postgres://…) or a SQLite
file path; the default is ward.db in the current directory.
Run 'ward COMMAND -h' (or 'ward help COMMAND') for a command's subcommands
or options; -h works on every command and subcommand.
`)
}

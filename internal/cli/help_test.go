package cli_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// listedCommands reads the commands a help text lists under "Commands:",
// each with its one-line summary.
func listedCommands(t *testing.T, where, help string) map[string]string {
	t.Helper()
	_, list, ok := strings.Cut(help, "\nCommands:\n")
	if !ok {
		return nil
	}
	listed := map[string]string{}
	for _, line := range strings.Split(list, "\n") {
		if !strings.HasPrefix(line, "  ") {
			break
		}
		name, summary, _ := strings.Cut(strings.TrimSpace(line), " ")
		if strings.TrimSpace(summary) == "" {
			t.Errorf("%s lists %q with no summary", where, name)
		}
		listed[name] = summary
	}
	if len(listed) == 0 {
		t.Errorf("%s has a Commands: heading and no commands under it", where)
	}
	return listed
}

// TestEveryCommandAnswersHelp walks every command and subcommand ward's
// help lists and asks each for -h: each prints its usage on standard output
// and exits 0, without opening a database. A group lists its subcommands
// with a line each, and the walk goes into them; so a new command that does
// not answer -h fails here, whichever group it joins.
func TestEveryCommandAnswersHelp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	top := ward(db, "", "-h")
	if top.code != 0 || top.stderr != "" {
		t.Fatalf("ward -h: exit %d, stderr %q", top.code, top.stderr)
	}
	walked := 0
	var walk func(words []string, help string)
	walk = func(words []string, help string) {
		for name := range listedCommands(t, "ward "+strings.Join(words, " ")+" -h", help) {
			cmd := append(append([]string{}, words...), name)
			path := strings.Join(cmd, " ")
			r := ward(db, "", append(cmd, "-h")...)
			walked++
			if r.code != 0 || r.stderr != "" || !strings.HasPrefix(r.stdout, "Usage: ward "+path) {
				t.Errorf("ward %s -h: exit %d, stdout %.80q, stderr %q; want 0 and a usage line", path, r.code, r.stdout, r.stderr)
				continue
			}
			for _, ask := range [][]string{append(cmd, "--help"), append([]string{"help"}, cmd...)} {
				if again := ward(db, "", ask...); again.code != 0 || again.stdout != r.stdout {
					t.Errorf("ward %s: exit %d, %.80q; want what -h prints", strings.Join(ask, " "), again.code, again.stdout)
				}
			}
			if strings.Contains(r.stdout, "\nCommands:\n") {
				if again := ward(db, "", append(cmd, "help")...); again.code != 0 || again.stdout != r.stdout {
					t.Errorf("ward %s help: exit %d, %.80q; want what -h prints", path, again.code, again.stdout)
				}
				walk(cmd, r.stdout)
			} else if !strings.Contains(r.stdout, "\nOptions:\n") {
				t.Errorf("ward %s -h lists neither subcommands nor options:\n%s", path, r.stdout)
			}
		}
	}
	walk(nil, top.stdout)
	if walked < 60 {
		t.Errorf("walked %d commands; ward has more than 60, so the walk missed some", walked)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("asking for help made the database file: %v", err)
	}
}

// TestAGroupWithoutASubcommandSaysWhatItHas: a group given nothing, or a
// subcommand it does not have, is a usage mistake (exit 2) naming its
// subcommands; and ward alone shows its help on standard error, exit 2.
func TestAGroupWithoutASubcommandSaysWhatItHas(t *testing.T) {
	db := filepath.Join(t.TempDir(), "never.db")
	if r := ward(db, "", "report"); r.code != 2 || !strings.Contains(r.stderr, "ward report sla") || !strings.Contains(r.stderr, "ward report -h") {
		t.Errorf("ward report: exit %d, %q", r.code, r.stderr)
	}
	if r := ward(db, "", "ticket", "lst"); r.code != 2 || !strings.Contains(r.stderr, `unknown ticket command "lst" (want list, show, `) {
		t.Errorf("ward ticket lst: exit %d, %q", r.code, r.stderr)
	}
	if r := ward(db, "", "ticket", "list", "--bogus"); r.code != 2 || !strings.Contains(r.stderr, "-bogus") || !strings.Contains(r.stderr, "ward ticket list -h") {
		t.Errorf("ward ticket list --bogus: exit %d, %q", r.code, r.stderr)
	}
	if r := ward(db, "", "help", "nonesuch"); r.code != 2 || !strings.Contains(r.stderr, `unknown command "nonesuch"`) {
		t.Errorf("ward help nonesuch: exit %d, %q", r.code, r.stderr)
	}
	if r := ward(db, ""); r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "Usage: ward") {
		t.Errorf("ward alone: exit %d, stdout %q, stderr %.60q", r.code, r.stdout, r.stderr)
	}
}

package cli_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/finding"
	"github.com/ward-shared-service/ward/internal/gen/warpgen"
	"github.com/ward-shared-service/ward/internal/posture"
	"github.com/ward-shared-service/ward/internal/service/warpsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

func names[T any](all []T) []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = fmt.Sprintf("%v", v)
	}
	return out
}

func stringsOf[T ~string](all []T) []string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = string(v)
	}
	return out
}

// TestAnUnknownChoiceIsRefusedWithTheChoices gives every enumerated flag a
// value ward does not know: each is refused with exit 2 and one line that
// names the flag, the value and every value the domain allows, before any
// database is opened — never an empty list and exit 0.
func TestAnUnknownChoiceIsRefusedWithTheChoices(t *testing.T) {
	var controls []string
	for _, c := range posture.Catalogue() {
		controls = append(controls, c.ID)
	}
	var shared []string // what may be shared from the command line: all but RED
	for _, m := range warp.Markings {
		if m != warp.Red {
			shared = append(shared, string(m))
		}
	}
	org := []string{"--org", "ashcombe"}
	tests := []struct {
		cmd     []string
		flag    string
		allowed []string
	}{
		{[]string{"findings"}, "state", stringsOf(finding.States)},
		{[]string{"findings"}, "control", controls},
		{[]string{"findings"}, "severity", stringsOf(posture.Severities)},
		{[]string{"findings"}, "kind", stringsOf(finding.SubjectKinds)},
		{[]string{"findings"}, "format", []string{"table", "json", "csv"}},
		{[]string{"ticket", "list"}, "state", append(stringsOf(desk.States), "open")},
		{[]string{"ticket", "list"}, "priority", names(desk.Priorities)},
		{[]string{"ticket", "list"}, "channel", stringsOf(desk.Channels)},
		{[]string{"ticket", "list"}, "type", stringsOf(desk.Types)},
		{[]string{"sla", "policy", "set"}, "type", stringsOf(desk.Types)},
		{[]string{"report", "sla", "--from", "2026-01-01", "--to", "2026-01-31"}, "format", []string{"table", "json", "csv", "html"}},
		{[]string{"warp", "advisories"}, "tlp", stringsOf(warp.Markings)},
		{[]string{"warp", "indicators"}, "tlp", stringsOf(warp.Markings)},
		{[]string{"warp", "indicators"}, "type", stringsOf(warp.Types)},
		{[]string{"warp", "export"}, "tlp", stringsOf(warp.Markings)},
		{[]string{"warp", "publish", "--title", "T"}, "tlp", shared},
		{[]string{"warp", "publish", "--title", "T", "--tlp", "GREEN"}, "severity", warpsvc.Severities},
		{[]string{"warp", "import", "feed.txt"}, "tlp", shared},
		{[]string{"warp", "match", "proxy.log"}, "share", warpsvc.Shares},
		{[]string{"user", "add", "x@ashcombe.example", "--name", "X"}, "role", stringsOf(tenancy.Roles)},
		{[]string{"token", "create", "--name", "nightly"}, "role", stringsOf(tenancy.Roles)},
	}
	db := filepath.Join(t.TempDir(), "never.db")
	check := func(args []string, flag string, allowed []string) {
		t.Helper()
		r := ward(db, "", args...)
		if r.code != 2 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "--"+flag+" must be ") || !strings.Contains(r.stderr, `not "no-such-value"`) {
			t.Errorf("ward %s: exit %d, stderr %q; want 2 and one line naming --%s", strings.Join(args, " "), r.code, r.stderr, flag)
			return
		}
		for _, v := range allowed {
			if !strings.Contains(r.stderr, " "+v+",") && !strings.Contains(r.stderr, " "+v+" or") && !strings.Contains(r.stderr, " "+v+", not") {
				t.Errorf("ward %s: %q does not offer %s", strings.Join(args, " "), r.stderr, v)
			}
		}
	}
	for _, tc := range tests {
		check(append(append(append([]string{}, tc.cmd...), org...), "--"+tc.flag, "no-such-value"), tc.flag, tc.allowed)
	}
	// A list is checked value by value.
	check([]string{"sla", "policy", "set", "--org", "ashcombe", "--type", "incident", "--pause", "awaiting-user,no-such-value"}, "pause", stringsOf(desk.States))
	// Those that take no --org.
	check([]string{"org", "add", "y", "--name", "Y", "--kind", "no-such-value"}, "kind", stringsOf(tenancy.OrgKinds))
	check([]string{"warp", "generate", "--style", "no-such-value", "ind.txt", "log.txt"}, "style", stringsOf(warpgen.LogStyles))
	check([]string{"org", "list", "--format", "no-such-value"}, "format", []string{"table", "json"})
	if r := ward(db, "", "posture", "set", "--org", "ashcombe", "no-such-value", "days=3"); r.code != 2 ||
		!strings.Contains(r.stderr, `CONTROL must be `+strings.Join(controls[:len(controls)-1], ", ")+" or "+controls[len(controls)-1]+`, not "no-such-value"`) {
		t.Errorf("posture set of no control: exit %d, %q; want 2 and the controls", r.code, r.stderr)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused choice opened the database: %v", err)
	}
}

// TestAChoiceIsReadAsTheDomainReadsIt: the values a person types in another
// case or spelling, which the domain takes, pass the check.
func TestAChoiceIsReadAsTheDomainReadsIt(t *testing.T) {
	eachDB(t, func(t *testing.T, _ *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "Council"); r.code != 0 {
			t.Fatalf("org add --kind Council: exit %d, %q", r.code, r.stderr)
		}
		for _, args := range [][]string{
			{"ticket", "list", "--priority", "p2", "--state", "In Progress", "--channel", "Phone", "--type", "INCIDENT"},
			{"ticket", "list", "--state", "open"},
			{"findings", "--severity", "HIGH", "--kind", "Device", "--state", "Open"},
			{"warp", "advisories", "--tlp", "amber"},
			{"warp", "indicators", "--tlp", "TLP:GREEN", "--type", "ip"},
		} {
			if r := ward(db, "", append(args, "--org", "ashcombe")...); r.code != 0 {
				t.Errorf("ward %s: exit %d, %q", strings.Join(args, " "), r.code, r.stderr)
			}
		}
	})
}

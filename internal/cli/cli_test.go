package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/cli"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

type result struct {
	code           int
	stdout, stderr string
}

func ward(db string, stdin string, args ...string) result {
	var out, errb bytes.Buffer
	all := append([]string{"--database", db}, args...)
	code := cli.Main(context.Background(), all, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return result{code, out.String(), errb.String()}
}

func eachDB(t *testing.T, fn func(t *testing.T, s *store.Store, db string)) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			s, loc := e.Open(t)
			fn(t, s, loc)
		})
	}
}

func TestDemoThenAuditVerifyCatchesAnEdit(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		r := ward(db, "", "demo")
		if r.code != 0 || !strings.Contains(r.stdout, "admin@abc-shared.example") {
			t.Fatalf("demo: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "audit", "verify")
		if r.code != 0 || !strings.Contains(r.stdout, "audit log intact") {
			t.Fatalf("verify fresh demo: %d %s %s", r.code, r.stdout, r.stderr)
		}
		// Someone with database access removes the guard and edits an entry.
		drop := []string{`DROP TRIGGER audit_log_no_update`, `DROP TRIGGER audit_log_no_delete`}
		if s.Dialect() == store.Postgres {
			drop = []string{`DROP TRIGGER audit_log_no_change ON audit_log`}
		}
		for _, q := range drop {
			if _, err := s.DB().Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DB().Exec(`UPDATE audit_log SET actor = 'cli:someone-else' WHERE seq = 1`); err != nil {
			t.Fatal(err)
		}
		r = ward(db, "", "audit", "verify")
		if r.code != 1 || !strings.Contains(r.stdout, "BROKEN") || !strings.Contains(r.stdout, "entry 1") {
			t.Fatalf("verify after edit: %d %q %q", r.code, r.stdout, r.stderr)
		}
	})
}

func TestOrgUserAndTokenCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "London Borough of Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatalf("org add: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "org", "add", "--name", "Shared ICT", "--kind", "shared-service", "shared"); r.code != 0 {
			t.Fatalf("org add with flags first: %d %s", r.code, r.stderr)
		}
		r := ward(db, "", "org", "add", "ashcombe", "--name", "Again", "--kind", "council")
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "already exists") {
			t.Fatalf("duplicate org: %d %q", r.code, r.stderr)
		}
		if r := ward(db, "", "org", "add", "x"); r.code != 2 {
			t.Fatalf("org add without --name: exit %d, want 2", r.code)
		}
		if r := ward(db, "", "org", "add", "y", "--name", "Y", "--kind", "club"); r.code != 2 || !strings.Contains(r.stderr, "--kind must be council, shared-service or partner") {
			t.Fatalf("bad kind: %d %q", r.code, r.stderr)
		}
		r = ward(db, "", "org", "list", "--format", "json")
		var orgs []struct{ Slug, Kind string }
		if err := json.Unmarshal([]byte(r.stdout), &orgs); err != nil || len(orgs) != 2 {
			t.Fatalf("org list json: %v %s", err, r.stdout)
		}
		r = ward(db, "", "user", "add", "Sunita@Ashcombe.example", "--org", "ashcombe", "--name", "Sunita Patel", "--role", "officer")
		pw := regexp.MustCompile(`password: (\S+)`).FindStringSubmatch(r.stdout)
		if r.code != 0 || pw == nil {
			t.Fatalf("user add: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "user", "add", "a@x.example", "--org", "ashcombe", "--name", "A", "--role", "admin"); r.code != 1 || !strings.Contains(r.stderr, "cannot belong") {
			t.Fatalf("admin in a council: %d %q", r.code, r.stderr)
		}
		if r := ward(db, "correct horse battery staple\n", "user", "add", "agent@shared.example", "--org", "shared", "--name", "Agent", "--role", "agent", "--grant", "ashcombe", "--password-stdin"); r.code != 0 || strings.Contains(r.stdout, "password:") {
			t.Fatalf("user add --password-stdin: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "user", "list", "--org", "ashcombe", "--format", "json")
		if !strings.Contains(r.stdout, "sunita@ashcombe.example") || strings.Contains(r.stdout, "agent@shared.example") || strings.Contains(r.stdout, "argon2") {
			t.Fatalf("user list --org ashcombe: %s", r.stdout)
		}
		if r := ward(db, "", "user", "disable", "sunita@ashcombe.example"); r.code != 0 {
			t.Fatalf("disable: %s", r.stderr)
		}
		if u, _ := s.UserForSignIn(context.Background(), "sunita@ashcombe.example"); !u.Disabled {
			t.Fatal("user not disabled")
		}
		r = ward(db, "", "token", "create", "--org", "ashcombe", "--role", "officer", "--name", "nightly sync", "--expires", "30d")
		tok := regexp.MustCompile(`ward_\S+`).FindString(r.stdout)
		if r.code != 0 || tok == "" {
			t.Fatalf("token create: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "token", "list", "--format", "json")
		if strings.Contains(r.stdout, tok) || !strings.Contains(r.stdout, "nightly sync") {
			t.Fatalf("token list shows the secret or misses the token: %s", r.stdout)
		}
		if r := ward(db, "", "token", "revoke", "1"); r.code != 0 || !strings.Contains(r.stdout, "revoked") {
			t.Fatalf("revoke: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "frobnicate"); r.code != 2 {
			t.Fatalf("unknown command: exit %d", r.code)
		}
		if r := ward(db, "", "user", "frob"); r.code != 2 || !strings.Contains(r.stderr, "reset-2fa") {
			t.Fatalf("unknown user subcommand: exit %d %q", r.code, r.stderr)
		}
		if r := ward(db, "", "audit", "verify"); r.code != 0 {
			t.Fatalf("audit after CLI changes: %s", r.stdout)
		}
	})
}

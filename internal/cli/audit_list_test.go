package cli_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os/user"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/cli"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// TestServeDemoSaysWhatItIsFilling runs ward serve --demo on a new
// database: stderr names each part of the demo as it is made and closes
// with the time taken, before the sign-ins and the address are printed.
func TestServeDemoSaysWhatItIsFilling(t *testing.T) {
	_, db := storetest.OpenSQLite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &lines{more: make(chan struct{}, 1)}
	errs := &lines{more: make(chan struct{}, 1)}
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, []string{"--database", db, "serve", "--demo", "--listen", "127.0.0.1:0"}, strings.NewReader(""), out, errs, func(string) string { return "" })
	}()
	out.waitFor(t, regexp.MustCompile(`listening on http://`))
	progress := errs.waitFor(t, regexp.MustCompile(`(?s)Filling the demo database:\n(.*?)  done in [0-9.]+ s\n`))[1]
	want := "  sign-ins…\n  organisations and people…\n  tickets…\n  calls and walk-up visits…\n  devices and findings…\n  identity…\n  WARP…\n  policies, training and phishing…\n"
	if progress != want {
		t.Errorf("progress lines:\n%s\nwant:\n%s", progress, want)
	}
	out.waitFor(t, regexp.MustCompile(`admin@abc-shared\.example`))
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve ended with %d", code)
	}
}

// TestAuditListFiltersAndExports lists the demo's audit log by person, day
// and text, exports it as CSV, and finds the listing and the export in the
// log themselves; bad filters are refused with exit 2 naming the flag.
func TestAuditListFiltersAndExports(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "demo"); r.code != 0 {
			t.Fatalf("demo: %d %s", r.code, r.stderr)
		}
		if r := ward(db, "", "user", "disable", "it.officer@ashcombe.example"); r.code != 0 {
			t.Fatalf("disable: %d %s %s", r.code, r.stdout, r.stderr)
		}
		today := time.Now().In(london(t)).Format(time.DateOnly)
		r := ward(db, "", "audit", "list", "--actor", "cli:"+osUser(t), "--action", "user.disable", "--from", today, "--to", today, "--format", "json")
		var entries []struct{ Action, Target, Actor string }
		if err := json.Unmarshal([]byte(r.stdout), &entries); r.code != 0 || err != nil {
			t.Fatalf("list: %d %v %s %s", r.code, err, r.stdout, r.stderr)
		}
		if len(entries) != 1 || entries[0].Target != "user:it.officer@ashcombe.example" {
			t.Fatalf("filtered list: %+v", entries)
		}
		r = ward(db, "", "audit", "list", "--from", "2001-01-01", "--to", "2001-01-02", "--format", "json")
		if r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
			t.Errorf("a day long ago: %d %q", r.code, r.stdout)
		}
		r = ward(db, "", "audit", "list", "--text", "it.officer@ashcombe", "--action", "user.disable", "--format", "csv")
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if r.code != 0 || err != nil || len(rows) != 2 || rows[0][0] != "seq" || rows[1][5] != "user.disable" {
			t.Fatalf("csv: %d %v %q %s", r.code, err, r.stdout, r.stderr)
		}
		r = ward(db, "", "audit", "list", "--action", "export", "--format", "json")
		if !strings.Contains(r.stdout, `"target": "audit log as CSV"`) || !strings.Contains(r.stdout, "it.officer%40ashcombe") {
			t.Errorf("the export is not audited with its filter: %s", r.stdout)
		}
		r = ward(db, "", "audit", "list", "--action", "view", "--format", "json")
		if !strings.Contains(r.stdout, `"target": "audit log"`) {
			t.Errorf("listing the log is not audited: %s", r.stdout)
		}
		for _, bad := range [][]string{{"--action", "user.disabled"}, {"--from", "7 Dec"}, {"--limit", "0"}} {
			r = ward(db, "", append([]string{"audit", "list"}, bad...)...)
			if r.code != 2 || !strings.Contains(r.stderr, strings.TrimPrefix(bad[0], "--")) {
				t.Errorf("audit list %v: %d %s", bad, r.code, r.stderr)
			}
		}
	})
}

func london(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// osUser is the name the command line audits its operator by.
func osUser(t *testing.T) string {
	u, err := user.Current()
	if err != nil {
		t.Skip("no current user to audit the command line by")
	}
	return u.Username
}

package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// writeBomb writes head followed by n copies of fill, gzipped as a stream.
func writeBomb(t *testing.T, name, head string, fill byte, n int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, boundedtest.GzipBomb(head, fill, n), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

// A gzip bomb given to ward import devices, tickets, servicenow or mailboxes is
// refused by the limit it hits, in a short message, and writes nothing.
func TestImportRefusesGzipBombs(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx, system := context.Background(), tenancy.ForSystem(tenancy.JobTest)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		entries, err := s.AuditEntries(ctx, system, store.AuditQuery{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		deviceHead := strings.SplitAfter(twoLaptops(), "\n")[0]
		ticketHead := strings.SplitAfter(oldDesk, "\n")[0]
		for _, c := range []struct {
			what, file, limit string
		}{
			{"devices", writeBomb(t, "devices.csv.gz", deviceHead, '\n', 64<<20), "compression ratio limit is 100"},
			{"devices", writeBomb(t, "devices.csv.gz", "serial,"+strings.Repeat("S", 200), 'S', 64<<20), "line length limit is 1 MiB"},
			{"servicenow", writeBomb(t, "desk.csv.gz", ticketHead, '\n', 64<<20), "compression ratio limit is 100"},
			{"tickets", writeBomb(t, "tickets.csv.gz", "reference,"+strings.Repeat("T", 200), 'T', 64<<20), "line length limit is 1 MiB"},
			{"mailboxes", writeBomb(t, "mailboxes.csv.gz", `"PrimarySmtpAddress","DisplayName","RecipientTypeDetails","ForwardingSmtpAddress","DeliverToMailboxAndForward"`+"\n", '\n', 64<<20),
				"compression ratio limit is 100"},
		} {
			r := ward(db, "", "import", c.what, "--org", "ashcombe", c.file)
			if r.code == 0 || !strings.Contains(r.stderr, c.limit) || len(r.stderr) > 600 {
				t.Errorf("import %s of a bomb: exit %d, %d bytes: %.400s; want refused naming %q", c.what, r.code, len(r.stderr), r.stderr, c.limit)
			}
		}
		if tickets, err := s.Tickets(ctx, system, store.TicketFilter{}); err != nil || len(tickets) != 0 {
			t.Errorf("bombs left %d tickets (%v)", len(tickets), err)
		}
		org, err := s.OrgBySlug(ctx, system, "ashcombe")
		if err != nil {
			t.Fatal(err)
		}
		if devices, err := s.OrgDevices(ctx, system, org.ID); err != nil || len(devices) != 0 {
			t.Errorf("bombs left %d devices (%v)", len(devices), err)
		}
		if after, _ := s.AuditEntries(ctx, system, store.AuditQuery{Limit: 1000}); len(after) != len(entries) {
			t.Errorf("bombs wrote %d audit entries", len(after)-len(entries))
		}
	})
}

// identityWrites counts what an identity import writes: the org's
// snapshots, current and previous, and the audit log.
func identityWrites(t *testing.T, s *store.Store, slug string) (snapshots, audit int) {
	t.Helper()
	ctx, system := context.Background(), tenancy.ForSystem(tenancy.JobTest)
	org, err := s.OrgBySlug(ctx, system, slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, state := range []string{"current", "previous"} {
		list, err := s.IdentitySnapshots(ctx, system, org.ID, state, false)
		if err != nil {
			t.Fatal(err)
		}
		snapshots += len(list)
	}
	entries, err := s.AuditEntries(ctx, system, store.AuditQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	return snapshots, len(entries)
}

// A zip bomb, a zip of many entries or JSON nested 100,000 deep given to
// ward import sharphound or entra is refused by the limit it passes, in a
// short message with exit status 1, and writes nothing.
func TestIdentityImportRefusesBombs(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		dir := t.TempDir()
		write := func(name string, data []byte) string {
			path := filepath.Join(dir, name)
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}
		snaps, audit := identityWrites(t, s, "ashcombe")
		for _, c := range []struct{ verb, file, limit string }{
			{"sharphound", write("bomb.zip", boundedtest.ZipBomb("users.json", `{"data":[`, ' ', 64<<20)), "compression ratio limit is 100"},
			{"sharphound", write("many.zip", boundedtest.ZipOfMany(17)), "zip entry count limit is 16 entries"},
			{"sharphound", write("users.json", []byte(boundedtest.Nested(`{"data":[],"meta":{"type":"users"},"x":`, 100_000, "}"))), "nesting depth limit is 64 levels"},
			{"entra", write("entra.json", []byte(boundedtest.Nested(`{"users":[{"id":"u1","x":`, 100_000, "}]}"))), "nesting depth limit is 64 levels"},
			{"entra", write("entra.json.gz", boundedtest.GzipRepeat(`{"users":[{"id":"u1","x":[`, "0,", 64<<20)), "compression ratio limit is 100"},
		} {
			r := ward(db, "", "import", c.verb, "--org", "ashcombe", c.file)
			if r.code != 1 || !strings.Contains(r.stderr, "nothing was imported") || !strings.Contains(r.stderr, c.limit) || len(r.stderr) > 600 {
				t.Errorf("import %s %s: exit %d, %d bytes: %.400s; want exit 1 naming %q", c.verb, filepath.Base(c.file), r.code, len(r.stderr), r.stderr, c.limit)
			}
		}
		if s2, n := identityWrites(t, s, "ashcombe"); s2 != snaps || n != audit {
			t.Errorf("refused bombs left %d snapshots (was %d) and %d audit entries (was %d)", s2, snaps, n, audit)
		}
	})
}

package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/reader/bounded/boundedtest"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// identityBomb is a hostile directory export and the limit that refuses it.
type identityBomb struct {
	name, source, file, limit string
	body                      []byte
}

// identityBombs are the exports every door of the identity import refuses:
// a zip whose entry expands a thousandfold, a zip of more entries than a
// collection has, JSON nested 100,000 deep (SharpHound and Entra) and a
// gzipped Entra export of 64 MiB of zeros in an array.
func identityBombs() []identityBomb {
	return []identityBomb{
		{"zip bomb", "ad", "collection.zip", "compression ratio limit is 100",
			boundedtest.ZipBomb("users.json", `{"data":[`, ' ', 64<<20)},
		{"zip of many entries", "ad", "collection.zip", "zip entry count limit is 16 entries", boundedtest.ZipOfMany(17)},
		{"deep SharpHound", "ad", "users.json", "nesting depth limit is 64 levels",
			[]byte(boundedtest.Nested(`{"data":[],"meta":{"type":"users"},"x":`, 100_000, "}"))},
		{"deep Entra", "entra", "entra.json", "nesting depth limit is 64 levels",
			[]byte(boundedtest.Nested(`{"users":[{"id":"u1","x":`, 100_000, "}]}"))},
		{"Entra gzip bomb", "entra", "entra.json.gz", "compression ratio limit is 100",
			boundedtest.GzipRepeat(`{"users":[{"id":"u1","x":[`, "0,", 64<<20)},
	}
}

// identityWrites counts what an import writes: the org's snapshots, current
// and previous, and the audit log.
func (a *app) identityWrites(t *testing.T, slug string) (snapshots, audit int) {
	t.Helper()
	ctx, system := context.Background(), tenancy.ForSystem(tenancy.JobTest)
	for _, state := range []string{"current", "previous"} {
		list, err := a.store.IdentitySnapshots(ctx, system, a.orgID(t, slug), state, false)
		if err != nil {
			t.Fatal(err)
		}
		snapshots += len(list)
	}
	entries, err := a.store.AuditEntries(ctx, system, store.AuditQuery{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	return snapshots, len(entries)
}

// Each bomb posted to the identity import API is answered 422 naming the
// limit it passed, briefly, and nothing is written.
func TestIdentityImportAPIRefusesBombs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		c := a.browser()
		_, admin := a.token(t, "abc-shared", "admin", time.Hour)
		snaps, audit := a.identityWrites(t, "ashcombe")
		for _, b := range identityBombs() {
			url := a.http.URL + "/api/v1/orgs/ashcombe/identity/import?source=" + b.source + "&filename=" + b.file
			res := send(t, c, "POST", url, bytes.NewReader(b.body), "application/octet-stream", bearer(admin))
			var prob struct{ Detail string }
			if err := json.Unmarshal([]byte(res.body), &prob); err != nil || res.status != 422 {
				t.Errorf("%s (%d bytes): %d %.300s", b.name, len(b.body), res.status, res.body)
				continue
			}
			if !strings.Contains(prob.Detail, b.limit) || !strings.Contains(prob.Detail, b.file) || len(res.body) > 1000 {
				t.Errorf("%s: %d-byte answer %.400q; want it short, naming %s and %q", b.name, len(res.body), prob.Detail, b.file, b.limit)
			}
		}
		if s, n := a.identityWrites(t, "ashcombe"); s != snaps || n != audit {
			t.Errorf("refused bombs left %d snapshots (was %d) and %d audit entries (was %d)", s, snaps, n, audit)
		}
	})
}

// The upload page shows the refusal by the file field and writes nothing.
func TestIdentityImportPageRefusesBombs(t *testing.T) {
	eachApp(t, func(t *testing.T, a *app) {
		analyst := a.signedIn(t, "analyst@abc-shared.example")
		snaps, audit := a.identityWrites(t, "ashcombe")
		for _, b := range identityBombs() {
			res := identityUpload(t, analyst, a.http.URL+"/identity/ashcombe/import", b.source, b.file, b.body)
			msg := between(res.body, `id="file-error"`, "</p>")
			if res.status != 422 || !strings.Contains(msg, "nothing was imported") || !strings.Contains(msg, b.limit) || strings.Contains(msg, "ward-directory-") {
				t.Errorf("%s: %d, message %.400q; want it naming %q", b.name, res.status, msg, b.limit)
			}
		}
		if s, n := a.identityWrites(t, "ashcombe"); s != snaps || n != audit {
			t.Errorf("refused bombs left %d snapshots (was %d) and %d audit entries (was %d)", s, snaps, n, audit)
		}
	})
}

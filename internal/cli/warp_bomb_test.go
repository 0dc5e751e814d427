package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// A bomb given to ward warp import or ward warp match is refused with exit
// 1, in a short message naming the limit it passed, and writes nothing: a
// gzipped bundle whose indicator expands to 300 MiB (the compression
// ratio), the same value plain at 300 KB (STIX's string length), 100,000
// "[" (the nesting depth) and a gzipped log of blank lines (the ratio).
func TestWarpImportRefusesBombs(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		ctx, system := context.Background(), tenancy.ForSystem(tenancy.JobTest)
		if r := ward(db, "", "org", "add", "ashcombe", "--name", "Ashcombe", "--kind", "council"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		for _, args := range [][]string{{"community", "create", "south-west", "South West WARP"}, {"community", "add", "south-west", "ashcombe"}} {
			if r := ward(db, "", append([]string{"warp"}, args...)...); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}
		entries, err := s.AuditEntries(ctx, system, store.AuditQuery{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		head := `{"type":"bundle","id":"bundle--5d0092c5-5f74-4287-9642-33f4c354e56d","objects":[` +
			`{"type":"indicator","spec_version":"2.1","id":"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",` +
			`"created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z",` +
			`"pattern":"[domain-name:value = '`
		plain := func(name, content string) string {
			file := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			return file
		}
		for _, c := range []struct {
			what, file, limit string
		}{
			{"import", writeBomb(t, "bundle.json.gz", head, 'a', 300<<20), "the compression ratio limit is 100"},
			{"import", plain("bundle.json", head+strings.Repeat("a", 300<<10)+`']"}]}`), "the string length limit is 256 KiB"},
			{"import", plain("deep.json", strings.Repeat("[", 100_000)), "the nesting depth limit is 32 levels"},
			{"match", writeBomb(t, "proxy.log.gz", "www.evil.example\n", '\n', 64<<20), "the compression ratio limit is 100"},
		} {
			args := []string{"warp", c.what, "--org", "ashcombe", c.file}
			if c.what == "import" {
				args = append(args[:4], "--tlp", "GREEN", c.file)
			}
			r := ward(db, "", args...)
			if r.code != 1 || !strings.Contains(r.stderr, c.limit) || len(r.stderr) > 600 {
				t.Errorf("warp %s %s: exit %d, %d bytes: %.400s; want exit 1 naming %q", c.what, filepath.Base(c.file), r.code, len(r.stderr), r.stderr, c.limit)
			}
		}
		if r := ward(db, "", "warp", "indicators", "--org", "ashcombe", "--format", "json"); r.code != 0 || strings.TrimSpace(r.stdout) != "[]" {
			t.Errorf("refused bombs left indicators: %d %.300s", r.code, r.stdout)
		}
		if after, _ := s.AuditEntries(ctx, system, store.AuditQuery{Limit: 1000}); len(after) != len(entries) {
			t.Errorf("bombs wrote %d audit entries", len(after)-len(entries))
		}
	})
}

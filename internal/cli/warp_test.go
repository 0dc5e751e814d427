package cli_test

import (
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// TestWarpCommands runs a member's day from the command line: a community,
// a feed loaded under AMBER, an advisory, and a day's gzipped proxy log
// matched, with the JSON shape.
func TestWarpCommands(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		for _, o := range [][]string{{"ashcombe", "council"}, {"brentmere", "council"}, {"carers", "partner"}} {
			if r := ward(db, "", "org", "add", o[0], "--name", strings.ToUpper(o[0][:1])+o[0][1:], "--kind", o[1]); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}
		if r := ward(db, "", "warp", "community", "create", "south-west", "South West WARP"); r.code != 0 {
			t.Fatal(r.stderr)
		}
		for _, o := range []string{"ashcombe", "brentmere"} {
			if r := ward(db, "", "warp", "community", "add", "south-west", o); r.code != 0 {
				t.Fatal(r.stderr)
			}
		}
		dir := t.TempDir()
		feed := filepath.Join(dir, "feed.txt")
		os.WriteFile(feed, []byte("# c2 feed\nevil.example\n198.51.100.0/24\n44d88612fea8a8f36de82e1278abb02f\n"), 0o600)
		r := ward(db, "", "warp", "import", "--org", "ashcombe", "--tlp", "AMBER", feed)
		if r.code != 0 || !strings.Contains(r.stdout, "3 indicators") || !strings.Contains(r.stdout, "AMBER: 3") {
			t.Fatalf("import: %d %s %s", r.code, r.stdout, r.stderr)
		}
		if r := ward(db, "", "warp", "import", "--org", "ashcombe", feed); r.code != 2 {
			t.Errorf("import without --tlp: exit %d, want 2 (usage)", r.code)
		}
		bad := filepath.Join(dir, "bad.txt")
		os.WriteFile(bad, []byte("evil2.example\nnonsense here\n"), 0o600)
		if r := ward(db, "", "warp", "import", "--org", "ashcombe", "--tlp", "GREEN", bad); r.code != 1 || !strings.Contains(r.stderr, "bad.txt: line 2") {
			t.Errorf("a bad feed: exit %d, %s", r.code, r.stderr)
		}
		body := filepath.Join(dir, "body.md")
		os.WriteFile(body, []byte("Block **now**."), 0o600)
		ins := filepath.Join(dir, "ins.txt")
		os.WriteFile(ins, []byte("phish.example\n"), 0o600)
		r = ward(db, "", "warp", "publish", "--org", "ashcombe", "--tlp", "AMBER+STRICT", "--to", "ashcombe", "--title", "Ashcombe only", "--body-file", body, "--indicators", ins)
		if r.code != 0 {
			t.Fatalf("publish: %s", r.stderr)
		}
		if r := ward(db, "", "warp", "publish", "--org", "ashcombe", "--tlp", "GREEN", "--title", "Resolver", "--indicators", writeFile(t, dir, "dns.txt", "8.8.8.8\n")); r.code != 1 || !strings.Contains(r.stderr, "public DNS resolver") {
			t.Errorf("publishing a resolver: %d %s", r.code, r.stderr)
		}

		logFile := filepath.Join(dir, "proxy.log.gz")
		f, _ := os.Create(logFile)
		z := gzip.NewWriter(f)
		z.Write([]byte("1700000000.000 5 10.0.0.1 TCP_MISS/200 100 GET http://www.evil.example/a - DIRECT/203.0.113.5 text/html\n" +
			"1700000001.000 5 10.0.0.1 TCP_MISS/200 100 GET http://phish.example/ - DIRECT/198.51.100.23 text/html\n"))
		z.Close()
		f.Close()
		r = ward(db, "", "warp", "match", "--org", "brentmere", "--format", "json", logFile)
		var rep struct {
			Lines int `json:"lines"`
			Hits  []struct {
				Line      int    `json:"line"`
				Indicator string `json:"indicator"`
				Type      string `json:"type"`
			} `json:"hits"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 0 {
			t.Fatalf("match: %v %s %s", err, r.stdout, r.stderr)
		}
		got := map[string]int{}
		for _, h := range rep.Hits {
			got[h.Type+" "+h.Indicator] = h.Line
		}
		// Brentmere sees the AMBER feed but not Ashcombe's AMBER+STRICT phish.example.
		if rep.Lines != 2 || len(rep.Hits) != 2 || got["domain evil.example"] != 1 || got["cidr 198.51.100.0/24"] != 2 {
			t.Fatalf("match report %+v", rep)
		}
		r = ward(db, "", "warp", "sightings", "--org", "ashcombe")
		if r.code != 0 || !strings.Contains(r.stdout, "a member") || strings.Contains(r.stdout, "Brentmere") {
			t.Errorf("Ashcombe's view of Brentmere's anonymous sightings:\n%s%s", r.stdout, r.stderr)
		}
		r = ward(db, "", "warp", "advisories", "--org", "brentmere")
		if strings.Contains(r.stdout, "Ashcombe only") {
			t.Errorf("Brentmere lists an AMBER+STRICT advisory for Ashcombe:\n%s", r.stdout)
		}
		r = ward(db, "", "warp", "export", "--org", "brentmere", "--tlp", "AMBER")
		if r.code != 0 || !strings.Contains(r.stdout, `"type":"bundle"`) || !strings.Contains(r.stdout, "evil.example") || strings.Contains(r.stdout, "phish.example") {
			t.Errorf("export: %d %s", r.code, r.stderr)
		}
	})
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

package cli_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/store"
)

// `ward search` is audited as the page and the API are: the operator, the
// query, the kinds searched and how many were found.
func TestSearchAtTheCommandLineIsAudited(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store, db string) {
		if r := ward(db, "", "demo"); r.code != 0 {
			t.Fatalf("demo: %d %s", r.code, r.stderr)
		}
		r := ward(db, "", "search", "--org", "ashcombe", "--format", "json", "ASHCOMBE-no-such-device")
		if r.code != 0 {
			t.Fatalf("search: %d %s %s", r.code, r.stdout, r.stderr)
		}
		r = ward(db, "", "audit", "list", "--action", "search", "--format", "json")
		var entries []struct {
			Action, Actor string
			Detail        map[string]string
		}
		if err := json.Unmarshal([]byte(r.stdout), &entries); r.code != 0 || err != nil {
			t.Fatalf("audit list: %d %v %s %s", r.code, err, r.stdout, r.stderr)
		}
		if len(entries) != 1 || entries[0].Detail["query"] != "ASHCOMBE-no-such-device" || entries[0].Detail["found"] != "0" ||
			!strings.Contains(entries[0].Detail["kinds"], "tickets") || !strings.HasPrefix(entries[0].Actor, "cli:") {
			t.Errorf("the search is audited as %+v", entries)
		}
	})
}

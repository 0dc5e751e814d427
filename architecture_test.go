package ward_test

// The architecture test holds the arrows of DESIGN.md: pure domain packages
// import no SQL, HTTP, store or service; the store imports no service or
// adapter; adapters reach the store only through services. It reads the
// import lines of every non-test Go file, so it needs no build and no tool
// beyond the standard library, and a new package must be given a layer
// before it can land.

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/ward-shared-service/ward/"

type layer string

const (
	pure    layer = "pure domain"    // plain Go over plain values
	reader  layer = "reader"         // one outside format each, pure too
	gen     layer = "generator"      // synthetic data for the CLI, demo and benchmarks
	store   layer = "store"          // the only place for SQL
	service layer = "service"        // carries out requests: rights, transaction, audit
	root    layer = "composition"    // builds the services once
	job     layer = "system job"     // the demo's seeding
	adapter layer = "adapter"        // web, API, TAXII, CLI: parse, call a service, render
	command layer = "command"        // cmd/ward
	tests   layer = "test support"   // helpers imported only by tests
	none    layer = "not classified" // a package nobody has placed yet
)

// layerOf places a package (its path inside the module) in a layer.
func layerOf(pkg string) layer {
	first := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if pkg == p || strings.HasPrefix(pkg, p+"/") {
				return true
			}
		}
		return false
	}
	switch {
	case strings.HasPrefix(pkg, "internal/") && strings.HasSuffix(pkg, "test"):
		return tests // storetest, mailtest, stixtest, webtest: imported by tests only
	case first("internal/reader"):
		return reader
	case first("internal/gen"):
		return gen
	case first("internal/store"):
		return store
	case first("internal/service"):
		return service
	case pkg == "internal/app":
		return root
	case pkg == "internal/demo":
		return job
	case first("internal/web", "internal/api", "internal/taxii", "internal/cli", "internal/httpin", "internal/server"):
		return adapter
	case first("cmd"):
		return command
	case first("internal/desk", "internal/calendar", "internal/posture", "internal/identity", "internal/warp",
		"internal/stix", "internal/finding", "internal/tenancy", "internal/audit", "internal/auth", "internal/caf",
		"internal/textdate", "internal/report", "internal/fault", "internal/csvout",
		"internal/keyset", "internal/major", "internal/people", "internal/policy", "internal/awareness"):
		return pure
	}
	return none
}

// rule is one arrow the code must not draw.
type rule struct {
	name   string
	breaks func(from string, fromLayer layer, to string, toLayer layer) bool
}

var rules = []rule{
	{"a pure package imports database/sql, net/http, the store, a service or an adapter", func(_ string, fl layer, to string, tl layer) bool {
		if fl != pure && fl != reader && fl != gen {
			return false
		}
		return to == "database/sql" || to == "net/http" || strings.HasPrefix(to, "net/http/") ||
			tl == store || tl == service || tl == root || tl == adapter || tl == job
	}},
	{"a pure package imports a generator", func(_ string, fl layer, _ string, tl layer) bool {
		return (fl == pure || fl == reader) && tl == gen
	}},
	{"the store imports a service or an adapter", func(_ string, fl layer, _ string, tl layer) bool {
		return fl == store && (tl == service || tl == root || tl == adapter || tl == job)
	}},
	{"a service imports an adapter", func(_ string, fl layer, _ string, tl layer) bool {
		return fl == service && (tl == adapter || tl == root || tl == job)
	}},
	{"an adapter imports the store", func(_ string, fl layer, _ string, tl layer) bool {
		return fl == adapter && tl == store
	}},
	{"production code imports a test helper", func(_ string, fl layer, _ string, tl layer) bool {
		return fl != tests && tl == tests
	}},
	{"a package has no layer", func(_ string, fl layer, _ string, tl layer) bool {
		return fl == none || tl == none
	}},
}

// violations lists every import in graph (package -> imports, both as paths
// inside the module, or standard library paths) that breaks a rule.
func violations(graph map[string][]string) []string {
	var out []string
	for from, imports := range graph {
		fl := layerOf(from)
		for _, to := range imports {
			tl := layer("standard or outside")
			if strings.HasPrefix(to, "internal/") || strings.HasPrefix(to, "cmd/") {
				tl = layerOf(to)
			}
			for _, r := range rules {
				if r.breaks(from, fl, to, tl) {
					out = append(out, fmt.Sprintf("%s (%s) imports %s (%s): %s", from, fl, to, tl, r.name))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// readGraph reads the import lines of every non-test Go file under the
// module's internal and cmd folders.
func readGraph(t *testing.T) map[string][]string {
	t.Helper()
	graph := map[string][]string{}
	seen := map[string]map[string]bool{}
	fset := token.NewFileSet()
	for _, top := range []string{"internal", "cmd"} {
		err := filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
			if err != nil {
				return err
			}
			pkg := filepath.ToSlash(filepath.Dir(path))
			if seen[pkg] == nil {
				seen[pkg] = map[string]bool{}
				graph[pkg] = nil
			}
			for _, imp := range f.Imports {
				to, _ := strconv.Unquote(imp.Path.Value)
				to = strings.TrimPrefix(to, module)
				if !seen[pkg][to] {
					seen[pkg][to] = true
					graph[pkg] = append(graph[pkg], to)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return graph
}

func TestArchitecture(t *testing.T) {
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatalf("run from the module root: %v", err)
	}
	graph := readGraph(t)
	if len(graph) < 20 {
		t.Fatalf("read only %d packages; the walk is broken", len(graph))
	}
	for _, v := range violations(graph) {
		t.Error(v)
	}
}

// TestArchitectureRulesCatchBreaks shows that each rule fails when broken:
// each case adds one bad arrow to a sound graph.
func TestArchitectureRulesCatchBreaks(t *testing.T) {
	sound := map[string][]string{
		"internal/desk":             {"time"},
		"internal/store":            {"database/sql", "internal/desk"},
		"internal/service/desksvc":  {"internal/store", "internal/desk"},
		"internal/web":              {"net/http", "internal/service/desksvc"},
		"internal/reader/ticketcsv": {"internal/desk"},
		"internal/gen/identitygen":  {"internal/identity"},
		"internal/app":              {"internal/store", "internal/service/desksvc"},
		"cmd/ward":                  {"internal/cli"},
		"internal/cli":              {"internal/app", "internal/web"},
		"internal/store/storetest":  {"internal/store"},
	}
	if v := violations(sound); len(v) > 0 {
		t.Fatalf("the sound graph breaks rules: %v", v)
	}
	cases := []struct{ from, to, rule string }{
		{"internal/desk", "database/sql", "a pure package imports"},
		{"internal/desk", "net/http", "a pure package imports"},
		{"internal/desk", "internal/store", "a pure package imports"},
		{"internal/desk", "internal/service/desksvc", "a pure package imports"},
		{"internal/reader/ticketcsv", "internal/store", "a pure package imports"},
		{"internal/desk", "internal/gen/identitygen", "a pure package imports a generator"},
		{"internal/store", "internal/service/desksvc", "the store imports a service"},
		{"internal/store", "internal/web", "the store imports a service or an adapter"},
		{"internal/service/desksvc", "internal/web", "a service imports an adapter"},
		{"internal/web", "internal/store", "an adapter imports the store"},
		{"internal/cli", "internal/store", "an adapter imports the store"},
		{"internal/web", "internal/store/storetest", "production code imports a test helper"},
		{"internal/newthing", "internal/desk", "a package has no layer"},
	}
	for _, c := range cases {
		g := map[string][]string{}
		for k, v := range sound {
			g[k] = append([]string(nil), v...)
		}
		g[c.from] = append(g[c.from], c.to)
		v := violations(g)
		found := false
		for _, line := range v {
			if strings.Contains(line, c.from+" (") && strings.Contains(line, "imports "+c.to+" (") && strings.Contains(line, c.rule) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s importing %s was not caught as %q; got %v", c.from, c.to, c.rule, v)
		}
	}
}

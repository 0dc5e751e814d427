package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// systemLevel names the exported methods that touch tenant tables without a
// caller's scope, and why each may. Everything else that reads or writes a
// tenant table must take a tenancy.Scope, a tenancy.Principal (which carries
// one) or a warp.Viewer. Adding a name here is a decision to record, not a way
// to quiet the test. Sessions, orgs, the mail outbox and the schema's own
// tables hold no org's data (no org_id column), so the session sweep, the
// outbox sender and migrations need no entry.
var systemLevel = map[string]string{
	// Before anyone is signed in there is no caller to scope by: these find
	// who the caller is.
	"Store.APITokenForAuth":   "pre-authentication: the API token behind a bearer token's hash",
	"Store.UserForSignIn":     "pre-authentication: the user signing in by email",
	"Store.UserForSession":    "pre-authentication: the user a valid session belongs to",
	"Store.UserByOIDCSubject": "pre-authentication: the user a council's identity provider vouched for",
	"Store.SetOIDCSubject":    "pre-authentication: links the user the identity provider vouched for, on their first single sign-on",
	"Store.ScopeFor":          "builds the caller's scope from their role, org and grants",
	"Store.ViewerForOrg":      "builds an org's WARP viewer from its memberships (TAXII and the CLI resolve the org first)",
	"Store.GrantedOrgs":       "part of building the caller's scope",
	"Store.TouchAPIToken":     "pre-authentication: records when a token that just authenticated was used",
	"Store.UseTOTPStep":       "sign-in flow: spends a second-factor step so it cannot be replayed",
	"Store.SetTOTP":           "the signed-in user's own enrolment (user id from their session)",
	"Store.SetPasswordHash":   "the signed-in user's own password, or the operator at the command line",

	// The audit log is one hash chain over every org: appending and
	// verifying need the whole chain. Reading it (AuditEntries) is scoped.
	"Store.Audit":           "audit log append: one chain across orgs",
	"Store.VerifyAudit":     "audit log verify: walks the whole chain",
	"Store.VerifyAuditTail": "audit log verify: the chain's last entries and its head",

	// The operator's backup copies every org's data by design, and checks
	// the copy's whole audit chain; only `ward backup` calls it.
	"Store.Backup": "system job: a consistent copy of the whole database, checked",

	// The WARP's directory and bookkeeping, which members of a community
	// share by design and which carry no shared item's content.
	"Store.CommunityMembers":  "WARP directory: which orgs belong to a community, which its members see of one another",
	"Store.FillAudiences":     "completes share records already read through a viewer with their named audiences",
	"Store.HeldSTIXIDs":       "answers which of the STIX ids the caller brings are already held (STIX ids are unique across the WARP), so an object is imported once",
	"Store.IndicatorsVersion": "a change counter over all indicators that keys the matcher cache; no indicator's content",

	// Reference prefixes are unique across ward, like slugs: whether one is
	// held, now or as a retired prefix, says nothing of whose it is.
	"Store.RefPrefixHeld": "ward-wide uniqueness of reference prefixes, current and retired; answers only yes or no",
	"Store.CreateOrg":     "a new org has no data yet; it asks RefPrefixHeld whether its default prefix is free",
}

// A method's SQL touches a table when a table name follows one of these.
var tableUse = regexp.MustCompile(`(?i)\b(?:from|join|into|update|table)\s+([a-z_][a-z0-9_]*)`)

// TestTenantMethodsTakeAScope is the tenancy gate's guard: no exported store
// method reads or writes a tenant table on a bare org id.
func TestTenantMethodsTakeAScope(t *testing.T) {
	tenant := tenantTables(t, "migrations")
	if !slices.Contains(tenant, "devices") || !slices.Contains(tenant, "warp_indicators") {
		t.Fatalf("tenant tables %v: the migrations were not read as expected", tenant)
	}
	stale := maps.Clone(systemLevel)
	for _, leak := range unscopedMethods(t, ".", tenant) {
		if _, ok := systemLevel[leak.method]; ok {
			continue
		}
		t.Errorf("%s touches tenant table(s) %s but takes no tenancy.Scope or warp.Viewer; take the caller's scope (or, for a system job, add it to systemLevel with the reason)",
			leak.method, strings.Join(leak.tables, ", "))
	}
	for name := range systemLevel {
		if !methodExists(t, ".", name) {
			t.Errorf("systemLevel names %s, which the store no longer has", name)
		}
	}
	// An entry for a method that no longer needs one would hide a future
	// change to it.
	for _, l := range unscopedMethods(t, ".", tenant) {
		delete(stale, l.method)
	}
	for name := range stale {
		t.Errorf("systemLevel names %s, which touches no tenant table without a scope: remove the entry", name)
	}
}

// TestScopeGateCatchesALeak shows the guard can fail: the fixture has a
// method that lists an org's devices by a bare org id.
func TestScopeGateCatchesALeak(t *testing.T) {
	leaks := unscopedMethods(t, filepath.Join("testdata", "leaky"), tenantTables(t, "migrations"))
	var names []string
	for _, l := range leaks {
		names = append(names, l.method)
	}
	want := []string{"Store.LeakyDevices", "Store.LeakyViaHelper"}
	if !slices.Equal(names, want) {
		t.Fatalf("reported %v, want %v (ScopedDevices and Version must pass)", names, want)
	}
}

type leak struct {
	method string
	tables []string
}

// tenantTables lists the tables that hold one org's data (an org_id column)
// and the WARP's shared tables (whose rows reach orgs through a share).
func tenantTables(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations in %s: %v", dir, err)
	}
	create := regexp.MustCompile(`(?is)CREATE TABLE\s+([a-z_][a-z0-9_]*)\s*\((.*?)\n\);`)
	orgColumn := regexp.MustCompile(`(?m)^\s*(org_id|share_id)\b`)
	var tables []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range create.FindAllStringSubmatch(string(b), -1) {
			name, body := m[1], m[2]
			if orgColumn.MatchString(body) || strings.HasPrefix(name, "warp_") && name != "warp_communities" {
				tables = append(tables, name)
			}
		}
	}
	slices.Sort(tables)
	return slices.Compact(tables)
}

// funcKey names a declaration: "Type.Method" or "func".
func funcKey(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return d.Name.Name
	}
	typ := d.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + d.Name.Name
	}
	return d.Name.Name
}

func parseDir(t *testing.T, dir string) []*ast.File {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func methodExists(t *testing.T, dir, name string) bool {
	for _, f := range parseDir(t, dir) {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && funcKey(fd) == name {
				return true
			}
		}
	}
	return false
}

// unscopedMethods finds the exported methods on exported types whose SQL —
// the string literals in their body and in the package's functions and
// methods they call, transitively, and the package-level strings they name —
// touches a tenant table, and that take no scope, principal or viewer.
func unscopedMethods(t *testing.T, dir string, tenant []string) []leak {
	t.Helper()
	files := parseDir(t, dir)
	decls := map[string]*ast.FuncDecl{}
	byName := map[string][]string{} // a call s.x(...) may be any type's x
	consts := map[string][]string{} // package-level string values by name
	for _, f := range files {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				k := funcKey(d)
				decls[k] = d
				byName[d.Name.Name] = append(byName[d.Name.Name], k)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					vs, ok := spec.(*ast.ValueSpec)
					if !ok {
						continue
					}
					for i, n := range vs.Names {
						if i < len(vs.Values) {
							consts[n.Name] = literals(vs.Values[i])
						}
					}
				}
			}
		}
	}
	sqlOf := map[string][]string{}
	var collect func(key string, seen map[string]bool) []string
	collect = func(key string, seen map[string]bool) []string {
		if seen[key] {
			return nil
		}
		seen[key] = true
		d := decls[key]
		if d == nil || d.Body == nil {
			return nil
		}
		out := literals(d.Body)
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.Ident:
				out = append(out, consts[n.Name]...)
			case *ast.CallExpr:
				switch fn := n.Fun.(type) {
				case *ast.Ident:
					out = append(out, collect(fn.Name, seen)...)
				case *ast.SelectorExpr:
					for _, k := range byName[fn.Sel.Name] {
						if strings.Contains(k, ".") {
							out = append(out, collect(k, seen)...)
						}
					}
				}
			}
			return true
		})
		return out
	}
	var leaks []leak
	keys := make([]string, 0, len(decls))
	for k := range decls {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		d := decls[k]
		recv, _, isMethod := strings.Cut(k, ".")
		if !isMethod || !ast.IsExported(recv) || !d.Name.IsExported() {
			continue
		}
		sqlOf[k] = collect(k, map[string]bool{})
		var touched []string
		for _, lit := range sqlOf[k] {
			for _, m := range tableUse.FindAllStringSubmatch(lit, -1) {
				if slices.Contains(tenant, strings.ToLower(m[1])) && !slices.Contains(touched, m[1]) {
					touched = append(touched, m[1])
				}
			}
		}
		if len(touched) == 0 || takesScope(d) {
			continue
		}
		slices.Sort(touched)
		leaks = append(leaks, leak{method: k, tables: touched})
	}
	return leaks
}

// literals returns every string literal under n, unquoted.
func literals(n ast.Node) []string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				out = append(out, s)
			}
		}
		return true
	})
	return out
}

// takesScope reports whether a parameter is the caller's scope, principal or
// WARP viewer.
func takesScope(d *ast.FuncDecl) bool {
	for _, p := range d.Type.Params.List {
		if sel, ok := p.Type.(*ast.SelectorExpr); ok {
			if pkg, ok := sel.X.(*ast.Ident); ok {
				switch pkg.Name + "." + sel.Sel.Name {
				case "tenancy.Scope", "tenancy.Principal", "warp.Viewer":
					return true
				}
			}
		}
	}
	return false
}

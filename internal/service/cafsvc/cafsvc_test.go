package cafsvc_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/cafsvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// sharedCAF is where the framework files sit beside a checkout; the
// repository holds no copy of their text.
const sharedCAF = "../../../../shared/data/caf"

func frameworkFile(t testing.TB, version string) string {
	t.Helper()
	path := filepath.Join(sharedCAF, "webcaf-cyber-assessment-framework-v"+version+".yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skip("imports the WebCAF framework files in ../shared/data/caf, which a clone does not have")
	}
	return path
}

func importFile(t testing.TB, svc *cafsvc.Service, p tenancy.Principal, path string) (store.CAFFramework, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return svc.Import(context.Background(), p, cafsvc.Import{File: path, Data: f})
}

func TestImportBothVersions(t *testing.T) {
	v32, v40 := frameworkFile(t, "3.2"), frameworkFile(t, "4.0")
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := cafsvc.New(st)
		admin := tenancy.Operator("cli:test")

		analyst := tenancy.Principal{Actor: "user:ann@ashcombe.example", Role: tenancy.RoleAnalyst, Scope: tenancy.ScopeOf(1)}
		if _, err := importFile(t, svc, analyst, v40); !fault.Is(err, fault.KindForbidden) {
			t.Errorf("an analyst imported a framework: %v", err)
		}
		for _, path := range []string{v32, v40} {
			if _, err := importFile(t, svc, admin, path); err != nil {
				t.Fatal(err)
			}
		}
		_, err := importFile(t, svc, admin, v40)
		if !fault.Is(err, fault.KindConflict) || !strings.Contains(err.Error(), "CAF 4.0 is already imported") {
			t.Errorf("a second import of 4.0: %v", err)
		}

		all, err := svc.Frameworks(ctx, analyst)
		if err != nil || len(all) != 2 {
			t.Fatalf("%d frameworks, %v", len(all), err)
		}
		want := map[string][2]int{"3.2": {39, 449}, "4.0": {41, 555}}
		for _, f := range all {
			o, s := f.Framework.Counts()
			if w := want[f.Version]; o != w[0] || s != w[1] || f.Outcomes != w[0] || f.Statements != w[1] {
				t.Errorf("CAF %s: %d outcomes and %d statements, want %v", f.Version, o, s, w)
			}
			if len(f.SourceSHA256) != 64 || f.ImportedBy != "cli:test" {
				t.Errorf("CAF %s: source %q by %q", f.Version, f.SourceSHA256, f.ImportedBy)
			}
		}
		if sum := cafsvc.Summarise(all[0]); strings.Join(sum.Profiles, ",") != "Baseline,Enhanced" {
			t.Errorf("3.2 profiles %v", sum.Profiles)
		}
		if _, err := svc.Framework(ctx, analyst, "9.9"); !fault.Is(err, fault.KindNotFound) {
			t.Errorf("an unknown version: %v", err)
		}

		entries, err := st.AuditEntries(ctx, tenancy.ForSystem(tenancy.JobTest), store.AuditQuery{})
		if err != nil {
			t.Fatal(err)
		}
		var imports []string
		for _, e := range entries {
			if e.Action == audit.CAFImport {
				imports = append(imports, e.Target+" "+e.Detail["statements"])
			}
		}
		if strings.Join(imports, ",") != "CAF 3.2 449,CAF 4.0 555" && strings.Join(imports, ",") != "CAF 4.0 555,CAF 3.2 449" {
			t.Errorf("audited imports %v", imports)
		}
	})
}

func TestImportNeedsAVersion(t *testing.T) {
	st, _ := storetest.OpenSQLite(t)
	_, err := cafsvc.New(st).Import(context.Background(), tenancy.Operator("cli:test"),
		cafsvc.Import{File: "caf.yaml", Data: strings.NewReader("objectives: {}")})
	if !fault.Is(err, fault.KindInvalid) || !strings.Contains(err.Error(), "give the version") {
		t.Errorf("got %v", err)
	}
	_, err = cafsvc.New(st).Import(context.Background(), tenancy.Operator("cli:test"),
		cafsvc.Import{File: "caf.yaml", Version: "1.0", Data: strings.NewReader("objectives: [")})
	if !fault.Is(err, fault.KindInvalid) || !strings.Contains(err.Error(), "caf.yaml: is not YAML") {
		t.Errorf("got %v", err)
	}
}

// BenchmarkImportCAF40 imports the CAF 4.0 file on each engine: read,
// check, store and audit, in one transaction. Each run imports it under a
// new version number, since a version is imported once.
func BenchmarkImportCAF40(b *testing.B) {
	path := frameworkFile(b, "4.0")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			st, _ := e.Open(b)
			svc, i := cafsvc.New(st), 0
			for b.Loop() {
				i++
				if _, err := svc.Import(context.Background(), tenancy.Operator("cli:bench"),
					cafsvc.Import{File: path, Data: bytes.NewReader(data), Version: "4.0." + strconv.Itoa(i)}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

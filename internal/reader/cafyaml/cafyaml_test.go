package cafyaml_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/caf"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
	"github.com/ward-shared-service/ward/internal/reader/cafyaml"
)

// sharedCAF is where the framework files sit beside a checkout of the
// repository; the repository holds no copy of their text.
const sharedCAF = "../../../../shared/data/caf"

func open(t *testing.T, version string) *os.File {
	t.Helper()
	path := filepath.Join(sharedCAF, "webcaf-cyber-assessment-framework-v"+version+".yaml")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skip("reads the WebCAF framework files in ../shared/data/caf, which a clone does not have")
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadsBothWebCAFFiles(t *testing.T) {
	for _, tc := range []struct {
		version              string
		outcomes, statements int
		profiles             []string
		steps                bool
		a1aAchieved          int
	}{
		{"3.2", 39, 449, []string{"Baseline", "Enhanced"}, false, 4},
		{"4.0", 41, 555, nil, true, 6},
	} {
		t.Run(tc.version, func(t *testing.T) {
			f := open(t, tc.version)
			fw, err := cafyaml.Read(f, f.Name(), cafyaml.VersionFromName(f.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if fw.Version != tc.version {
				t.Errorf("version %q, want %q", fw.Version, tc.version)
			}
			o, s := fw.Counts()
			if o != tc.outcomes || s != tc.statements {
				t.Errorf("%d outcomes and %d statements, want %d and %d", o, s, tc.outcomes, tc.statements)
			}
			if len(fw.Objectives) != 4 || fw.Objectives[0].Code != "A" || fw.Objectives[3].Code != "D" {
				t.Errorf("objectives %+v, want A to D", len(fw.Objectives))
			}
			var names []string
			for _, p := range fw.Profiles {
				names = append(names, p.Name)
				if len(p.Targets) != tc.outcomes {
					t.Errorf("profile %s sets %d targets, want one per outcome", p.Name, len(p.Targets))
				}
			}
			if strings.Join(names, ",") != strings.Join(tc.profiles, ",") {
				t.Errorf("profiles %v, want %v", names, tc.profiles)
			}
			a1a, ok := fw.Outcome("A1.a")
			if !ok || a1a.Title != "Board Direction" {
				t.Fatalf("A1.a is %+v", a1a)
			}
			cols := map[caf.Column]int{}
			for _, g := range a1a.IGPs {
				cols[g.Column]++
			}
			if cols[caf.ColNotAchieved] != 4 || cols[caf.ColAchieved] != tc.a1aAchieved || cols[caf.ColPartiallyAchieved] != 0 {
				t.Errorf("A1.a columns %v, want 4 not achieved and %d achieved", cols, tc.a1aAchieved)
			}
			if tc.steps {
				if len(a1a.Rules.Steps) != 3 || a1a.Rules.Steps[2] != (caf.Step{Order: 3, Column: caf.ColNotAchieved, Match: "any"}) {
					t.Errorf("4.0 rules %+v", a1a.Rules)
				}
			} else if len(a1a.Rules.Table) != 27 {
				t.Errorf("3.2 rule table has %d rows, want 27", len(a1a.Rules.Table))
			}
		})
	}
}

func TestVersionFromName(t *testing.T) {
	for name, want := range map[string]string{
		"/x/webcaf-cyber-assessment-framework-v3.2.yaml": "3.2",
		"caf-v4.0.yml": "4.0", "caf.yaml": "", "v4.yaml": "",
	} {
		if got := cafyaml.VersionFromName(name); got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

const small = `assessment-rules: &r
  1: [achieved, all]
  2: [partially-achieved, all]
  3: [not-achieved, any]
objectives:
  A:
    code: A
    title: Managing security risk
    description: Risk.
    principles:
      A1:
        code: A1
        title: Governance
        description: Govern.
        outcomes:
          A1.a:
            code: A1.a
            title: Board Direction
            description: Led at board level.
            indicators:
              partially-achieved: { }
              not-achieved:
                A1.a.1:
                  description: Not discussed.
              achieved:
                A1.a.2:
                  description: Owned at board level.
                  ncsc-index: A1.a.A.1
            assessment-rules: *r
            min_profile_requirement:
              baseline: Achieved
`

func TestSmallFile(t *testing.T) {
	fw, err := cafyaml.Read(strings.NewReader(small), "small.yaml", "9.9")
	if err != nil {
		t.Fatal(err)
	}
	if o, s := fw.Counts(); o != 1 || s != 2 || len(fw.Profiles) != 1 || fw.Profiles[0].Targets["A1.a"] != caf.Achieved {
		t.Errorf("read %+v", fw)
	}
}

// Each mistake is refused with the file, the line and the place named.
func TestMistakesNameThePlace(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"bad status", strings.Replace(small, "baseline: Achieved", "baseline: Done", 1),
			"bad.yaml: line 31 (objectives.A.principles.A1.outcomes.A1.a.min_profile_requirement.baseline): \"Done\" is not a status"},
		{"bad column", strings.Replace(small, "not-achieved:\n", "nearly:\n", 1),
			"objectives.A.principles.A1.outcomes.A1.a.indicators.nearly): \"nearly\" is not an IGP column"},
		{"missing title", strings.Replace(small, "            title: Board Direction\n", "", 1),
			"\"title\" is missing"},
		{"bad rule", strings.Replace(small, "[not-achieved, any]", "[not-achieved, most]", 1),
			"\"most\" should be all or any"},
		{"not yaml", "objectives: [", "bad.yaml: is not YAML"},
		{"empty", "", "bad.yaml: the file is empty"},
		{"no objectives", "foo: 1\n", "there are no objectives"},
		{"twice", strings.Replace(small, "A1.a.2:\n                  description: Owned at board level.\n", "A1.a.1:\n                  description: Owned.\n                A1.a.1:\n                  description: Twice.\n", 1), "key \"A1.a.1\" appears twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cafyaml.Read(strings.NewReader(tc.yaml), "bad.yaml", "1.0")
			var pe *reader.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a ParseError containing %q", err, tc.want)
			}
		})
	}
}

// A billion laughs: nine levels of nine aliases each would be 9^9 nodes.
func TestAliasBombIsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("objectives:\n  A:\n    code: A\n    title: *a9\n")
	_, err := cafyaml.Read(strings.NewReader(b.String()), "bomb.yaml", "1.0")
	if err == nil {
		t.Fatal("an alias bomb was read")
	}
	// A title that is a list is refused before the walk grows; a bomb in
	// the rule table, where the walker descends, meets the node limit.
	bomb := strings.Replace(small, "assessment-rules: *r", "assessment-rules:\n              1: *a9", 1)
	bomb = b.String()[:strings.Index(b.String(), "objectives:")] + bomb[strings.Index(bomb, "objectives:"):]
	_, err = cafyaml.Read(strings.NewReader(bomb), "bomb.yaml", "1.0")
	var le *bounded.LimitError
	if !errors.As(err, &le) && (err == nil || !strings.Contains(err.Error(), "numbered rule")) {
		t.Fatalf("got %v, want a refusal", err)
	}
}

func TestFileSizeIsCapped(t *testing.T) {
	big := small + "# " + strings.Repeat("x", cafyaml.MaxBytes) + "\n"
	_, err := cafyaml.Read(strings.NewReader(big), "big.yaml", "1.0")
	var le *bounded.LimitError
	if !errors.As(err, &le) {
		t.Fatalf("got %v, want a size limit", err)
	}
}

package cafyaml_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/reader/cafyaml"
)

// FuzzCAFYAML holds that no input panics the reader or runs past its
// limits, and that whatever it accepts is a framework that checks.
func FuzzCAFYAML(f *testing.F) {
	f.Add(small)
	f.Add(strings.Replace(small, "*r", "{all_none_none: {outcome_status: Achieved, outcome_status_message: ok}}", 1))
	f.Add("a: &a [*a]\nobjectives: *a\n")
	f.Add("objectives: {A: {code: A, title: t, description: d, principles: {}}}\n")
	f.Add("- [")
	f.Fuzz(func(t *testing.T, in string) {
		fw, err := cafyaml.Read(strings.NewReader(in), "fuzz.yaml", "1.0")
		if err != nil {
			return
		}
		if err := fw.Check(); err != nil {
			t.Fatalf("accepted a framework that does not check: %v", err)
		}
	})
}

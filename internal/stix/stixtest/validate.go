// Package stixtest checks STIX bundles against the OASIS STIX 2.1 JSON
// schemas, for the tests of any package that writes STIX (the exporter, the
// TAXII server). The schemas are not part of the repository: they are read
// from ../shared/data/stix/schemas beside the checkout, or from the
// directory $WARD_STIX_SCHEMAS names, and a test skips when they are absent.
package stixtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaBase is the URL prefix of every OASIS schema's $id; their $refs
// are relative to it, so it is all a loader needs to map to the disk.
const schemaBase = "raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/"

// SchemaDir finds the OASIS schemas: $WARD_STIX_SCHEMAS, or
// ../shared/data/stix/schemas beside the module root.
func SchemaDir() (string, error) {
	if dir := os.Getenv("WARD_STIX_SCHEMAS"); dir != "" {
		return dir, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = up
	}
	schemas := filepath.Join(dir, "..", "shared", "data", "stix", "schemas")
	if _, err := os.Stat(filepath.Join(schemas, "common", "bundle.json")); err != nil {
		return "", err
	}
	return schemas, nil
}

// Validator holds the compiled schemas: the bundle's and each type's.
type Validator struct {
	bundle *jsonschema.Schema
	types  map[string]*jsonschema.Schema
}

// Load compiles the schemas in dir. It never goes to the network: every
// schema URL is mapped to its file under dir, and any other URL is refused.
func Load(dir string) (*Validator, error) {
	c := jsonschema.NewCompiler()
	c.UseLoader(diskLoader(dir))
	v := &Validator{types: map[string]*jsonschema.Schema{}}
	var err error
	if v.bundle, err = c.Compile("http://" + schemaBase + "common/bundle.json"); err != nil {
		return nil, err
	}
	for _, group := range []string{"sdos", "sros", "observables", "common"} {
		files, err := filepath.Glob(filepath.Join(dir, group, "*.json"))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			typ := strings.TrimSuffix(filepath.Base(f), ".json")
			if group == "common" && !objectSchemas[typ] {
				continue
			}
			if v.types[typ], err = c.Compile("http://" + schemaBase + group + "/" + typ + ".json"); err != nil {
				return nil, err
			}
		}
	}
	return v, nil
}

// objectSchemas are the schemas in common/ that describe whole objects
// rather than parts of them.
var objectSchemas = map[string]bool{"marking-definition": true, "language-content": true, "extension-definition": true}

type diskLoader string

func (dir diskLoader) Load(url string) (any, error) {
	rest, ok := strings.CutPrefix(url, "http://"+schemaBase)
	if !ok {
		rest, ok = strings.CutPrefix(url, "https://"+schemaBase)
	}
	if !ok || strings.Contains(rest, "..") {
		return nil, fmt.Errorf("schema %s is not one of the OASIS STIX 2.1 schemas, and validation stays offline", url)
	}
	f, err := os.Open(filepath.Join(string(dir), filepath.FromSlash(rest)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return jsonschema.UnmarshalJSON(f)
}

// Check validates a bundle against bundle.json and each of its objects
// against its own type's schema, and returns every failure found. Objects
// of types without a schema (custom objects) are checked by bundle.json
// alone.
func (v *Validator) Check(bundle []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(bundle))
	if err != nil {
		return fmt.Errorf("not JSON: %v", err)
	}
	var problems []string
	var b struct {
		Objects []json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(bundle, &b); err != nil {
		return fmt.Errorf("not a bundle: %v", err)
	}
	for i, raw := range b.Objects {
		var head struct{ Type, ID string }
		_ = json.Unmarshal(raw, &head)
		sch, ok := v.types[head.Type]
		if !ok {
			continue
		}
		obj, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		if err := sch.Validate(obj); err != nil {
			problems = append(problems, fmt.Sprintf("objects[%d] %s: %v", i, head.ID, err))
		}
	}
	// An object that fails its own schema fails bundle.json's long oneOf
	// too; its own schema says why more plainly, so that comes first.
	if err := v.bundle.Validate(doc); err != nil {
		if len(problems) > 0 {
			problems = append(problems, "bundle.json: fails too, because of the objects above")
		} else {
			problems = append(problems, fmt.Sprintf("bundle.json: %v", err))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

var (
	loadOnce sync.Once
	loaded   *Validator
	loadErr  error
	dirErr   error
)

// Shared returns the validator for the schemas SchemaDir finds, compiled
// once per test binary, skipping the test when the schemas are absent.
func Shared(tb testing.TB) *Validator {
	tb.Helper()
	loadOnce.Do(func() {
		var dir string
		if dir, dirErr = SchemaDir(); dirErr == nil {
			loaded, loadErr = Load(dir)
		}
	})
	if dirErr != nil {
		tb.Skipf("the OASIS STIX schemas are not here (%v): they live in ../shared/data/stix/schemas beside the checkout, or set WARD_STIX_SCHEMAS", dirErr)
	}
	if loadErr != nil {
		tb.Fatalf("the OASIS STIX schemas do not compile: %v", loadErr)
	}
	return loaded
}

// Validate fails the test unless the bundle validates against the OASIS
// STIX 2.1 schemas (see Validator.Check), and skips it when the schemas are
// absent.
func Validate(tb testing.TB, bundle []byte) {
	tb.Helper()
	if err := Shared(tb).Check(bundle); err != nil {
		tb.Fatalf("the bundle does not validate against the OASIS STIX 2.1 schemas:\n%v\n\nbundle:\n%s", err, clip(bundle))
	}
}

func clip(b []byte) []byte {
	if len(b) > 4000 {
		return append(b[:4000:4000], "…"...)
	}
	return b
}

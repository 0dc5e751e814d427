package stixtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateAcceptsAnOASISExample(t *testing.T) {
	v := Shared(t)
	dir, _ := SchemaDir()
	b, err := os.ReadFile(filepath.Join(dir, "..", "indicators-for-C2-with-COA.json"))
	if err != nil {
		t.Skipf("the OASIS example bundle is not here: %v", err)
	}
	if err := v.Check(b); err != nil {
		t.Errorf("an OASIS example bundle does not validate: %v", err)
	}
}

// TestValidateRefuses checks the schemas are really applied: each bundle
// breaks one rule, and Check must say so.
func TestValidateRefuses(t *testing.T) {
	v := Shared(t)
	const ind = `{"type":"indicator","spec_version":"2.1","id":"indicator--a932fcc6-e032-476c-826f-cb970a5a1ade",` +
		`"created":"2017-01-27T13:49:53.997Z","modified":"2017-01-27T13:49:53.997Z","pattern_type":"stix",` +
		`"pattern":"[ipv4-addr:value = '10.0.0.1']","valid_from":"2017-01-27T13:49:53Z"`
	for name, bundle := range map[string]string{
		"no id":                `{"type":"bundle","objects":[` + ind + `}]}`,
		"no objects in a list": `{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[]}`,
		"indicator without valid_from": `{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[` +
			strings.Replace(ind, `,"valid_from":"2017-01-27T13:49:53Z"`, "", 1) + `}]}`,
		"created without milliseconds": `{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[` +
			strings.Replace(ind, `13:49:53.997Z","modified`, `13:49:53Z","modified`, 1) + `}]}`,
		"confidence over 100": `{"type":"bundle","id":"bundle--44af6c39-c09b-49c5-9de2-394224b04982","objects":[` +
			ind + `,"confidence":101}]}`,
	} {
		if err := v.Check([]byte(bundle)); err == nil {
			t.Errorf("%s: a broken bundle validated", name)
		}
	}
}

func TestLoadStaysOffline(t *testing.T) {
	if _, err := diskLoader(t.TempDir()).Load("https://example.org/schema.json"); err == nil {
		t.Error("the loader fetched a schema from outside the OASIS set")
	}
}

package caf_test

import (
	"strings"
	"testing"

	"github.com/ward-shared-service/ward/internal/caf"
)

func framework() caf.Framework {
	return caf.Framework{Version: "4.0", Objectives: []caf.Objective{{Code: "A", Principles: []caf.Principle{{Code: "A1",
		Outcomes: []caf.Outcome{{Code: "A1.a", IGPs: []caf.IGP{
			{ID: "A1.a.1", Column: caf.ColNotAchieved}, {ID: "A1.a.2", Column: caf.ColAchieved},
			{ID: "A1.a.2", Column: caf.ColPartiallyAchieved}}}}}}}},
		Profiles: []caf.Profile{{Name: "Baseline", Targets: map[string]caf.Status{"A1.a": caf.Achieved}}}}
}

func TestCheck(t *testing.T) {
	if err := framework().Check(); err != nil {
		t.Fatalf("a good framework: %v", err)
	}
	for want, break_ := range map[string]func(*caf.Framework){
		"no version":           func(f *caf.Framework) { f.Version = "" },
		"appears twice in the": func(f *caf.Framework) { f.Objectives[0].Principles[0].Outcomes[0].IGPs[2].Column = caf.ColAchieved },
		"does not have":        func(f *caf.Framework) { f.Profiles[0].Targets["Z9.z"] = caf.Achieved },
		"no outcomes":          func(f *caf.Framework) { f.Objectives = nil },
	} {
		f := framework()
		break_(&f)
		if err := f.Check(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
	if o, s := framework().Counts(); o != 1 || s != 3 {
		t.Errorf("counts %d %d", o, s)
	}
}

func TestParse(t *testing.T) {
	if s, err := caf.ParseStatus("Partially achieved"); err != nil || s != caf.PartiallyAchieved {
		t.Error(s, err)
	}
	if _, err := caf.ParseStatus("achieved"); err == nil {
		t.Error("a status is spelt as WebCAF spells it")
	}
	if _, err := caf.ParseColumn("Achieved"); err == nil {
		t.Error("a column is keyed as the file keys it")
	}
}

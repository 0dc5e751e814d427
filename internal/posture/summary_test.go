package posture

import (
	"math"
	"reflect"
	"testing"
)

func res(control string, sev Severity, o Outcome) Result {
	return Result{Control: control, Severity: sev, Outcome: o}
}

func TestSummarise(t *testing.T) {
	subjects := []SubjectResults{
		{"a", []Result{res("firewall", Medium, Pass), res("disk-encryption", High, Fail)}},
		{"b", []Result{res("firewall", Medium, Fail), res("disk-encryption", High, NotApplicable)}},
		{"c", []Result{res("firewall", Medium, Pass), res("disk-encryption", High, Undetermined)}},
		{"d", []Result{res("firewall", Medium, Pass), res("custom-check", Low, Undetermined)}},
	}
	got := Summarise(subjects)
	if len(got) != 3 || got[0].Control != "firewall" || got[1].Control != "disk-encryption" || got[2].Control != "custom-check" {
		t.Fatalf("order: %+v", got)
	}
	fw := got[0]
	if fw.Pass != 3 || fw.Fail != 1 || fw.Unknown != 0 || math.Abs(fw.Compliance-75) > 1e-9 {
		t.Errorf("firewall %+v, want 3 pass, 1 fail, 75%%", fw)
	}
	de := got[1]
	if de.Pass != 0 || de.Fail != 1 || de.Unknown != 1 || de.NotApplicable != 1 || de.Compliance != 0 || de.Assessed() != 1 {
		t.Errorf("disk-encryption %+v", de)
	}
	// Unknowns are not failures: a control nobody could judge has no compliance figure.
	if cc := got[2]; cc.Assessed() != 0 || cc.Compliance != 0 || cc.Unknown != 1 {
		t.Errorf("custom-check %+v", cc)
	}
}

func TestWorstSubjects(t *testing.T) {
	subjects := []SubjectResults{
		{"two-highs", []Result{res("a", High, Fail), res("b", High, Fail)}},                                 // 10
		{"one-critical", []Result{res("c", Critical, Fail), res("d", Low, Undetermined)}},                   // 10, but a critical
		{"mediums", []Result{res("e", Medium, Fail), res("f", Medium, Fail), res("g", Medium, Fail)}},       // 6
		{"clean", []Result{res("a", High, Pass), res("c", Critical, Undetermined)}},                         // 0: never ranked
		{"critical-and-low", []Result{res("c", Critical, Fail), res("h", Low, Fail), res("a", High, Pass)}}, // 11
		{"low", []Result{res("h", Low, Fail)}},                                                              // 1
	}
	got := WorstSubjects(subjects, 4)
	var names []string
	for _, s := range got {
		names = append(names, s.Subject)
	}
	want := []string{"critical-and-low", "one-critical", "two-highs", "mediums"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("ranking %v, want %v", names, want)
	}
	if got[0].Score != 11 || got[0].Critical != 1 || got[0].Low != 1 || !reflect.DeepEqual(got[0].Failing, []string{"c", "h"}) {
		t.Errorf("top %+v", got[0])
	}
	if all := WorstSubjects(subjects, 100); len(all) != 5 {
		t.Errorf("%d ranked, want the 5 with failures", len(all))
	}
	if none := WorstSubjects(subjects, 0); len(none) != 0 {
		t.Errorf("n=0 ranked %v", none)
	}
}

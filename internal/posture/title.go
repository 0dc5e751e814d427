package posture

import "github.com/ward-shared-service/ward/internal/finding"

// FindingTitle says what is wrong, and where: "Storage is not encrypted:
// BRM-MB-100127". Titles are worked out whenever a finding is read rather
// than stored, so rewording a control's failure changes every finding,
// old and new, at once. A control ward no longer knows keeps its id.
func FindingTitle(control string, subject finding.Subject) string {
	what := FailureOf(control)
	name := subject.Name
	if name == "" {
		name = subject.Key
	}
	if name == "" {
		return what
	}
	return what + ": " + name
}

// Titled fills in each finding's title; the services call it on every
// finding they hand out, so the web, the API, exports and the CLI agree.
func Titled(list []finding.Finding) []finding.Finding {
	for i := range list {
		list[i].Title = FindingTitle(list[i].Control, list[i].Subject)
	}
	return list
}

// FailureOf is what is wrong when this control fails, for lists that show
// the subject in a column of its own.
func FailureOf(control string) string {
	if c, ok := ControlByID(control); ok {
		return c.Failure
	}
	return control
}

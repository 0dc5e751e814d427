package posture

import "fmt"

// Severity ranks a control's failure; a finding takes its control's severity.
type Severity string

const (
	Critical Severity = "critical"
	High     Severity = "high"
	Medium   Severity = "medium"
	Low      Severity = "low"
)

// Severities lists severities from worst to least.
var Severities = []Severity{Critical, High, Medium, Low}

// Rank is 0 for critical to 3 for low, for sorting worst first.
func (s Severity) Rank() int {
	for i, v := range Severities {
		if v == s {
			return i
		}
	}
	return len(Severities)
}

// ParseSeverity accepts a severity by name ("important" is Microsoft's "high").
func ParseSeverity(s string) (Severity, error) {
	switch normalise(s) {
	case "critical":
		return Critical, nil
	case "high", "important":
		return High, nil
	case "medium", "moderate":
		return Medium, nil
	case "low":
		return Low, nil
	}
	return "", fmt.Errorf("%q is not a severity (critical, high, medium or low)", s)
}

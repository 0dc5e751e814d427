package posture

import "fmt"

// Fact is a yes/no observation that a source may not have reported. An
// unreported fact is Unknown, never No: a tool that does not collect firewall
// state must not make every device fail the firewall control.
type Fact int8

const (
	Unknown Fact = iota
	Yes
	No
)

// FactOf turns a boolean the source did report into a Fact.
func FactOf(b bool) Fact {
	if b {
		return Yes
	}
	return No
}

// Known reports whether the source said anything.
func (f Fact) Known() bool { return f == Yes || f == No }

func (f Fact) String() string {
	switch f {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// ParseFact accepts the spellings exports use for booleans; the empty string is Unknown.
func ParseFact(s string) (Fact, error) {
	switch normalise(s) {
	case "", "unknown", "n/a", "na", "?", "-", "null", "none":
		return Unknown, nil
	case "yes", "y", "true", "t", "1", "on", "enabled", "compliant", "encrypted", "active":
		return Yes, nil
	case "no", "n", "false", "f", "0", "off", "disabled", "noncompliant", "not encrypted", "notencrypted", "inactive":
		return No, nil
	}
	return Unknown, fmt.Errorf("%q is not yes, no or empty", s)
}

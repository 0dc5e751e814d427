package warp

import (
	"fmt"
	"strings"
)

// Marking is a Traffic Light Protocol 2.0 marking: who a shared item may
// reach. The zero Marking is invalid, so an item without one is never shown.
type Marking string

const (
	Clear       Marking = "CLEAR"
	Green       Marking = "GREEN"
	Amber       Marking = "AMBER"
	AmberStrict Marking = "AMBER+STRICT"
	Red         Marking = "RED"
)

// Markings lists every marking from the least restrictive to the most.
var Markings = []Marking{Clear, Green, Amber, AmberStrict, Red}

// ParseMarking accepts a marking as people write it: "TLP:AMBER+STRICT",
// "amber+strict", "amber-strict", "green". TLP 1.0's WHITE is CLEAR.
func ParseMarking(s string) (Marking, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "TLP:")
	t = strings.TrimPrefix(t, "TLP-")
	t = strings.ReplaceAll(t, " ", "")
	switch t {
	case "CLEAR", "WHITE":
		return Clear, nil
	case "GREEN":
		return Green, nil
	case "AMBER":
		return Amber, nil
	case "AMBER+STRICT", "AMBER-STRICT", "AMBERSTRICT", "AMBER_STRICT":
		return AmberStrict, nil
	case "RED":
		return Red, nil
	}
	return "", fmt.Errorf("unknown TLP marking %q (want CLEAR, GREEN, AMBER, AMBER+STRICT or RED)", s)
}

// Valid reports whether m is one of the five markings.
func (m Marking) Valid() bool { return m.rank() >= 0 }

// String is the marking as TLP 2.0 writes it, "TLP:AMBER+STRICT".
func (m Marking) String() string { return "TLP:" + string(m) }

// Slug is the marking for URLs and CSS classes: "amber-strict".
func (m Marking) Slug() string { return strings.ToLower(strings.ReplaceAll(string(m), "+", "-")) }

// Stricter reports whether m restricts more than o.
func (m Marking) Stricter(o Marking) bool { return m.rank() > o.rank() }

// Strictest is the most restrictive of the markings given (CLEAR if none):
// a bundle or a digest that mixes items carries the strictest.
func Strictest(ms ...Marking) Marking {
	out := Clear
	for _, m := range ms {
		if m.Stricter(out) {
			out = m
		}
	}
	return out
}

func (m Marking) rank() int {
	for i, k := range Markings {
		if k == m {
			return i
		}
	}
	return -1
}

// Rule is what TLP 2.0 says a recipient may do with an item of the marking,
// shown beside every item so nobody has to remember it.
func (m Marking) Rule() string {
	switch m {
	case Clear:
		return "Disclosure is not limited: it may be shared publicly."
	case Green:
		return "Limited disclosure: recipients may share it within their community, not publicly."
	case Amber:
		return "Limited disclosure: recipients may share it only within their organisation and with its clients, on a need-to-know basis."
	case AmberStrict:
		return "Limited disclosure: recipients may share it only within their own organisation."
	case Red:
		return "For the eyes and ears of the named recipients only: no further disclosure."
	}
	return ""
}

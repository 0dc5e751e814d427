// Package caf is the NCSC Cyber Assessment Framework as ward holds it: a
// framework version's objectives, principles and contributing outcomes,
// each outcome's Indicators of Good Practice (IGPs) in the three columns,
// the rules that turn selected IGPs into a status, and the profiles that
// set a target status per outcome. It is plain values: readers build it
// from the WebCAF YAML, the store keeps it, assessments (later) judge by it.
package caf

import (
	"fmt"
	"sort"
)

// Status is an outcome's standing, in the words WebCAF uses.
type Status string

// The three statuses an outcome can have.
const (
	Achieved          Status = "Achieved"
	PartiallyAchieved Status = "Partially achieved"
	NotAchieved       Status = "Not achieved"
)

// ParseStatus reads a status as the framework file writes it.
func ParseStatus(s string) (Status, error) {
	switch Status(s) {
	case Achieved, PartiallyAchieved, NotAchieved:
		return Status(s), nil
	}
	return "", fmt.Errorf("%q is not a status (Achieved, Partially achieved or Not achieved)", s)
}

// Column is the column of the IGP table a statement sits in.
type Column string

// The three columns, keyed as the WebCAF file keys them.
const (
	ColAchieved          Column = "achieved"
	ColPartiallyAchieved Column = "partially-achieved"
	ColNotAchieved       Column = "not-achieved"
)

// Columns lists the columns in the order a page shows them.
var Columns = []Column{ColNotAchieved, ColPartiallyAchieved, ColAchieved}

// ParseColumn reads a column key.
func ParseColumn(s string) (Column, error) {
	switch Column(s) {
	case ColAchieved, ColPartiallyAchieved, ColNotAchieved:
		return Column(s), nil
	}
	return "", fmt.Errorf("%q is not an IGP column (achieved, partially-achieved or not-achieved)", s)
}

// Framework is one version of the CAF.
type Framework struct {
	Version    string      `json:"version"`
	Objectives []Objective `json:"objectives"`
	Profiles   []Profile   `json:"profiles"`
}

// Objective is one of A to D.
type Objective struct {
	Code        string      `json:"code"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Principles  []Principle `json:"principles"`
}

// Principle is one of an objective's principles (A1, B2…).
type Principle struct {
	Code        string    `json:"code"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Outcomes    []Outcome `json:"outcomes"`
}

// Outcome is a contributing outcome (A1.a), judged from its IGPs by its rules.
type Outcome struct {
	Code        string `json:"code"`
	Title       string `json:"title"`
	Description string `json:"description"`
	IGPs        []IGP  `json:"igps"`
	Rules       Rules  `json:"rules"`
}

// IGP is one Indicator of Good Practice statement.
type IGP struct {
	ID     string `json:"id"`         // A1.a.5
	Column Column `json:"column"`     // the column it sits in
	Text   string `json:"text"`       // the statement
	Index  string `json:"ncsc_index"` // the NCSC's own index (A1.a.A.1), when the file gives one
}

// Rules turn the IGPs selected for an outcome into a status. The CAF 3.2
// file writes them as a table over how many of each column are selected
// (all, some or none), each row with its status and message; CAF 4.0 as
// ordered steps, each a column and how many of it (all or any). A
// framework keeps whichever its file gives.
type Rules struct {
	Table []TableRule `json:"table,omitempty"`
	Steps []Step      `json:"steps,omitempty"`
}

// TableRule is one row of a 3.2 rule table: Key is the counts of achieved,
// partially achieved and not achieved statements selected, as the file
// keys it ("all_none_some").
type TableRule struct {
	Key     string `json:"key"`
	Status  Status `json:"status"`
	Message string `json:"message"`
}

// Step is one of 4.0's ordered rules: when Match ("all" or "any") of the
// Column's statements are selected, the outcome takes that column's status.
type Step struct {
	Order  int    `json:"order"`
	Column Column `json:"column"`
	Match  string `json:"match"`
}

// Profile is a target status per outcome (Baseline, Enhanced, or an org's own).
type Profile struct {
	Name    string            `json:"name"`
	Targets map[string]Status `json:"targets"` // outcome code → minimum status
}

// Outcomes lists every outcome in the framework's order.
func (f Framework) Outcomes() []Outcome {
	var out []Outcome
	for _, o := range f.Objectives {
		for _, p := range o.Principles {
			out = append(out, p.Outcomes...)
		}
	}
	return out
}

// Outcome finds an outcome by its code.
func (f Framework) Outcome(code string) (Outcome, bool) {
	for _, o := range f.Outcomes() {
		if o.Code == code {
			return o, true
		}
	}
	return Outcome{}, false
}

// Counts is how many outcomes and IGP statements the framework has.
func (f Framework) Counts() (outcomes, statements int) {
	for _, o := range f.Outcomes() {
		outcomes++
		statements += len(o.IGPs)
	}
	return outcomes, statements
}

// Check says what is wrong with a framework a reader built, or nil: codes
// must be present and unique, and each profile's targets must name outcomes
// the framework has.
func (f Framework) Check() error {
	if f.Version == "" {
		return fmt.Errorf("the framework has no version")
	}
	seen := map[string]bool{}
	for _, o := range f.Outcomes() {
		if o.Code == "" {
			return fmt.Errorf("an outcome has no code")
		}
		if seen[o.Code] {
			return fmt.Errorf("outcome %s appears twice", o.Code)
		}
		seen[o.Code] = true
		// The 4.0 file gives A4.a.11 to two statements in different
		// columns, so an IGP is known by its column and its id.
		igps := map[string]bool{}
		for _, g := range o.IGPs {
			k := string(g.Column) + " " + g.ID
			if g.ID == "" || igps[k] {
				return fmt.Errorf("outcome %s: IGP %q is missing or appears twice in the %s column", o.Code, g.ID, g.Column)
			}
			igps[k] = true
		}
	}
	if len(seen) == 0 {
		return fmt.Errorf("the framework has no outcomes")
	}
	for _, p := range f.Profiles {
		for code := range p.Targets {
			if _, ok := f.Outcome(code); !ok {
				return fmt.Errorf("profile %s names outcome %s, which the framework does not have", p.Name, code)
			}
		}
	}
	return nil
}

// SortProfiles puts profiles in name order, so that a framework read twice
// is the same value.
func SortProfiles(ps []Profile) {
	sort.Slice(ps, func(i, j int) bool { return ps[i].Name < ps[j].Name })
}

package stix

import (
	"time"
)

// Pattern is a parsed STIX pattern. Its String is the pattern written
// canonically, which parses back to the same Pattern.
type Pattern struct {
	Expr Observation
}

// Observation is an observation expression: a bracketed test, two
// observation expressions joined, or one with a qualifier.
type Observation interface {
	observation()
}

// ObservationTest is one bracketed observation: [test].
type ObservationTest struct {
	Test Test
}

// ObservationJoin joins two observation expressions with AND, OR or
// FOLLOWEDBY.
type ObservationJoin struct {
	Op          Join
	Left, Right Observation
}

// Qualified is an observation expression limited by a qualifier.
type Qualified struct {
	Expr      Observation
	Qualifier Qualifier
}

// Test is a comparison expression: a comparison, or two joined.
type Test interface {
	test()
}

// TestJoin joins two tests with AND or OR.
type TestJoin struct {
	Op          Join
	Left, Right Test
}

// Join is a boolean or temporal operator between expressions.
type Join string

const (
	And        Join = "AND"
	Or         Join = "OR"
	FollowedBy Join = "FOLLOWEDBY"
)

// Comparison tests one property of an observed object.
type Comparison struct {
	Path    ObjectPath
	Negated bool // NOT before the operator
	Op      Operator
	Value   Literal   // for every operator but IN and EXISTS
	Set     []Literal // for IN
}

// Operator is a comparison operator; == is read as = and <> as !=.
type Operator string

const (
	Equal          Operator = "="
	NotEqual       Operator = "!="
	Less           Operator = "<"
	LessOrEqual    Operator = "<="
	Greater        Operator = ">"
	GreaterOrEqual Operator = ">="
	In             Operator = "IN"
	Like           Operator = "LIKE"
	Matches        Operator = "MATCHES"
	IsSubset       Operator = "ISSUBSET"
	IsSuperset     Operator = "ISSUPERSET"
	Exists         Operator = "EXISTS"
)

// ObjectPath names a property of an observed object, as in
// file:hashes.'SHA-256' or email-message:body_multipart[*].body_raw_ref.name.
type ObjectPath struct {
	Type  string // the observable type, such as "file"
	Steps []Step // the first is always a key
}

// Step is one step along an object path: a key, a list index, or [*].
type Step struct {
	Key   string
	Index int64
	Kind  StepKind
}

// StepKind says what a Step is.
type StepKind int

const (
	KeyStep StepKind = iota
	IndexStep
	AnyIndexStep
)

// Literal is a constant in a pattern.
type Literal struct {
	Kind LiteralKind
	// Text is the value: a string's characters unescaped; a number, a
	// boolean, a timestamp, hex or base64 as written between the quotes.
	Text string
	Int  int64     // for IntLiteral
	Time time.Time // for TimestampLiteral
}

// LiteralKind says what kind of constant a Literal is.
type LiteralKind int

const (
	StringLiteral LiteralKind = iota
	IntLiteral
	FloatLiteral
	BoolLiteral
	TimestampLiteral
	HexLiteral
	BinaryLiteral
)

// Qualifier limits when an observation expression matches.
type Qualifier struct {
	Kind        QualifierKind
	Number      Literal // seconds for WITHIN, times for REPEATS
	Start, Stop Literal // for START … STOP
}

// QualifierKind says which qualifier a Qualifier is.
type QualifierKind int

const (
	Within QualifierKind = iota
	Repeats
	StartStop
)

func (ObservationTest) observation() {}
func (ObservationJoin) observation() {}
func (Qualified) observation()       {}
func (TestJoin) test()               {}
func (Comparison) test()             {}

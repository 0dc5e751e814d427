package stix

import (
	"strconv"
	"strings"
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

func (p Pattern) String() string {
	var b strings.Builder
	writeObservation(&b, p.Expr, 0)
	return b.String()
}

// Precedences, loosest first, for writing no more parentheses than needed.
func observationRank(o Observation) int {
	if j, ok := o.(ObservationJoin); ok {
		return map[Join]int{FollowedBy: 1, Or: 2, And: 3}[j.Op]
	}
	return 4
}

func writeObservation(b *strings.Builder, o Observation, outer int) {
	rank := observationRank(o)
	if rank < outer {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	switch o := o.(type) {
	case ObservationTest:
		b.WriteByte('[')
		writeTest(b, o.Test, 0)
		b.WriteByte(']')
	case ObservationJoin:
		writeObservation(b, o.Left, rank)
		b.WriteString(" " + string(o.Op) + " ")
		writeObservation(b, o.Right, rank+1) // joins read from the left
	case Qualified:
		writeObservation(b, o.Expr, 4)
		b.WriteString(" " + o.Qualifier.String())
	}
}

func writeTest(b *strings.Builder, t Test, outer int) {
	rank := 3
	if j, ok := t.(TestJoin); ok {
		rank = map[Join]int{Or: 1, And: 2}[j.Op]
	}
	if rank < outer {
		b.WriteByte('(')
		defer b.WriteByte(')')
	}
	switch t := t.(type) {
	case TestJoin:
		writeTest(b, t.Left, rank)
		b.WriteString(" " + string(t.Op) + " ")
		writeTest(b, t.Right, rank+1)
	case Comparison:
		b.WriteString(t.String())
	}
}

func (c Comparison) String() string {
	if c.Op == Exists {
		return "EXISTS " + c.Path.String()
	}
	var b strings.Builder
	b.WriteString(c.Path.String())
	if c.Negated {
		b.WriteString(" NOT")
	}
	b.WriteString(" " + string(c.Op) + " ")
	if c.Op == In {
		b.WriteByte('(')
		for i, v := range c.Set {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v.String())
		}
		b.WriteByte(')')
	} else {
		b.WriteString(c.Value.String())
	}
	return b.String()
}

func (p ObjectPath) String() string {
	var b strings.Builder
	b.WriteString(p.Type)
	for i, s := range p.Steps {
		switch s.Kind {
		case KeyStep:
			if i == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte('.')
			}
			if plainKey(s.Key) {
				b.WriteString(s.Key)
			} else {
				b.WriteString(quoteString(s.Key))
			}
		case IndexStep:
			b.WriteString("[" + strconv.FormatInt(s.Index, 10) + "]")
		case AnyIndexStep:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// plainKey reports whether a key can be written without quotes.
func plainKey(k string) bool {
	if k == "" || isKeyword(k) {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

func (l Literal) String() string {
	switch l.Kind {
	case StringLiteral:
		return quoteString(l.Text)
	case TimestampLiteral:
		return "t'" + l.Text + "'"
	case HexLiteral:
		return "h'" + l.Text + "'"
	case BinaryLiteral:
		return "b'" + l.Text + "'"
	}
	return l.Text
}

// quoteString writes a STIX string literal: backslash and quote are the
// only characters escaped.
func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

func (q Qualifier) String() string {
	switch q.Kind {
	case Within:
		return "WITHIN " + q.Number.Text + " SECONDS"
	case Repeats:
		return "REPEATS " + q.Number.Text + " TIMES"
	}
	return "START " + q.Start.String() + " STOP " + q.Stop.String()
}

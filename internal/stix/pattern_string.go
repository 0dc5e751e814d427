package stix

import (
	"strconv"
	"strings"
)

// A Pattern writes itself back canonically: no more parentheses than the
// precedences need, keys quoted only where they must be, and strings
// escaped one way.

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

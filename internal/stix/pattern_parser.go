package stix

import (
	"strconv"
)

// maxDepth bounds how deeply parentheses and brackets may nest, so that a
// hostile pattern cannot exhaust the stack; real patterns nest a few deep.
const maxDepth = 64

// ParsePattern parses a pattern written in the STIX 2.1 patterning language
// (STIX 2.1 section 9): observation expressions in brackets joined by AND,
// OR and FOLLOWEDBY, parentheses, the WITHIN, REPEATS and START/STOP
// qualifiers, every comparison operator, and every kind of literal. A few
// things older producers write are accepted too: unquoted keys with
// hyphens (extensions.windows-pebinary-ext) and START/STOP times written
// as plain strings.
func ParsePattern(s string) (Pattern, error) {
	p := &parser{lex: lexer{src: s}}
	if err := p.advance(); err != nil {
		return Pattern{}, err
	}
	if p.tok.kind == tEOF {
		return Pattern{}, p.lex.errorAt(0, "the pattern is empty")
	}
	expr, err := p.observations()
	if err != nil {
		return Pattern{}, err
	}
	if p.tok.kind != tEOF {
		return Pattern{}, p.unexpected("AND, OR, FOLLOWEDBY or a qualifier")
	}
	return Pattern{Expr: expr}, nil
}

type parser struct {
	lex    lexer
	tok    token
	depth  int
	lastAt int // where the last literal began, for errors about it
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	p.tok = t
	return err
}

func (p *parser) keyword(k string) bool { return p.tok.kind == tWord && p.tok.text == k }

func (p *parser) unexpected(want string) *PatternError {
	found := tokenNames[p.tok.kind]
	if p.tok.kind == tWord || p.tok.kind == tOp {
		found = strconv.Quote(p.tok.text)
	}
	return p.lex.errorAt(p.tok.at, "want %s, found %s", want, found)
}

// expect consumes a token of the kind given or says what was wanted.
func (p *parser) expect(k tokenKind, want string) (token, error) {
	t := p.tok
	if t.kind != k {
		return t, p.unexpected(want)
	}
	return t, p.advance()
}

func (p *parser) expectKeyword(k string) error {
	if !p.keyword(k) {
		return p.unexpected(k)
	}
	return p.advance()
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.lex.errorAt(p.tok.at, "nested more than %d deep", maxDepth)
	}
	return nil
}

// observations parses FOLLOWEDBY, OR and AND between observation
// expressions, loosest first, each read from the left.
func (p *parser) observations() (Observation, error) { return p.observationJoin(0) }

var observationJoins = []Join{FollowedBy, Or, And}

func (p *parser) observationJoin(level int) (Observation, error) {
	if level == len(observationJoins) {
		return p.qualified()
	}
	left, err := p.observationJoin(level + 1)
	if err != nil {
		return nil, err
	}
	op := observationJoins[level]
	for p.keyword(string(op)) {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := p.observationJoin(level + 1)
		if err != nil {
			return nil, err
		}
		left = ObservationJoin{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) qualified() (Observation, error) {
	expr, err := p.observation()
	if err != nil {
		return nil, err
	}
	for p.keyword("WITHIN") || p.keyword("REPEATS") || p.keyword("START") {
		q, err := p.qualifier()
		if err != nil {
			return nil, err
		}
		expr = Qualified{Expr: expr, Qualifier: q}
	}
	return expr, nil
}

func (p *parser) observation() (Observation, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	switch p.tok.kind {
	case tLBrack:
		if err := p.advance(); err != nil {
			return nil, err
		}
		t, err := p.tests()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tRBrack, "AND, OR or ']' to close the observation"); err != nil {
			return nil, err
		}
		return ObservationTest{Test: t}, nil
	case tLParen:
		if err := p.advance(); err != nil {
			return nil, err
		}
		o, err := p.observations()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tRParen, "AND, OR, FOLLOWEDBY, a qualifier or ')'"); err != nil {
			return nil, err
		}
		return o, nil
	}
	return nil, p.unexpected("'[' to start an observation")
}

func (p *parser) qualifier() (Qualifier, error) {
	word := p.tok.text
	if err := p.advance(); err != nil {
		return Qualifier{}, err
	}
	switch word {
	case "WITHIN":
		n := p.tok
		if (n.kind != tInt && n.kind != tFloat) || n.text[0] == '-' || n.text[0] == '+' {
			return Qualifier{}, p.unexpected("a number of seconds")
		}
		if err := p.advance(); err != nil {
			return Qualifier{}, err
		}
		return Qualifier{Kind: Within, Number: Literal{Kind: kindOf(n.kind), Text: n.text}}, p.expectKeyword("SECONDS")
	case "REPEATS":
		n := p.tok
		if n.kind != tInt || n.text[0] == '-' || n.text[0] == '+' || n.text == "0" {
			return Qualifier{}, p.unexpected("a whole number of times")
		}
		if err := p.advance(); err != nil {
			return Qualifier{}, err
		}
		return Qualifier{Kind: Repeats, Number: Literal{Kind: IntLiteral, Text: n.text}}, p.expectKeyword("TIMES")
	}
	start, err := p.qualifierTime()
	if err != nil {
		return Qualifier{}, err
	}
	if err := p.expectKeyword("STOP"); err != nil {
		return Qualifier{}, err
	}
	stop, err := p.qualifierTime()
	if err != nil {
		return Qualifier{}, err
	}
	if !stop.Time.After(start.Time) {
		return Qualifier{}, p.lex.errorAt(p.tok.at, "STOP %s is not after START %s", stop.Text, start.Text)
	}
	return Qualifier{Kind: StartStop, Start: start, Stop: stop}, nil
}

// qualifierTime reads a START or STOP time: t'…' in STIX 2.1, a plain
// string in STIX 2.0.
func (p *parser) qualifierTime() (Literal, error) {
	t := p.tok
	if t.kind != tTimestamp && t.kind != tString {
		return Literal{}, p.unexpected("a timestamp such as t'2016-05-12T08:17:27Z'")
	}
	when, ok := parseTimestamp(t.text)
	if !ok {
		return Literal{}, p.lex.errorAt(t.at, "%s is not a STIX timestamp", quoted(t.text))
	}
	return Literal{Kind: TimestampLiteral, Text: t.text, Time: when}, p.advance()
}

func kindOf(k tokenKind) LiteralKind {
	return map[tokenKind]LiteralKind{tString: StringLiteral, tInt: IntLiteral, tFloat: FloatLiteral,
		tHex: HexLiteral, tBinary: BinaryLiteral, tTimestamp: TimestampLiteral}[k]
}

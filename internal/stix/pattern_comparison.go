package stix

import (
	"slices"
	"strconv"
)

// tests parses the inside of an observation: comparisons joined by OR and
// AND, AND binding tighter, each read from the left.
func (p *parser) tests() (Test, error) { return p.testJoin(Or) }

func (p *parser) testJoin(op Join) (Test, error) {
	next := func() (Test, error) {
		if op == Or {
			return p.testJoin(And)
		}
		return p.testTerm()
	}
	left, err := next()
	if err != nil {
		return nil, err
	}
	for p.keyword(string(op)) {
		if err := p.advance(); err != nil {
			return nil, err
		}
		right, err := next()
		if err != nil {
			return nil, err
		}
		left = TestJoin{Op: op, Left: left, Right: right}
	}
	return left, nil
}

func (p *parser) testTerm() (Test, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	if p.tok.kind == tLParen {
		if err := p.advance(); err != nil {
			return nil, err
		}
		t, err := p.tests()
		if err != nil {
			return nil, err
		}
		_, err = p.expect(tRParen, "AND, OR or ')'")
		return t, err
	}
	if p.keyword("EXISTS") {
		if err := p.advance(); err != nil {
			return nil, err
		}
		path, err := p.objectPath()
		return Comparison{Path: path, Op: Exists}, err
	}
	return p.comparison()
}

func (p *parser) comparison() (Test, error) {
	path, err := p.objectPath()
	if err != nil {
		return nil, err
	}
	c := Comparison{Path: path}
	if p.keyword("NOT") {
		c.Negated = true
		if err := p.advance(); err != nil {
			return nil, err
		}
	}
	switch {
	case p.tok.kind == tOp:
		c.Op = Operator(p.tok.text)
	case p.tok.kind == tWord && slices.Contains([]string{"IN", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"}, p.tok.text):
		c.Op = Operator(p.tok.text)
	default:
		return nil, p.unexpected("a comparison operator (=, !=, <, >, IN, LIKE, MATCHES…)")
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	switch c.Op {
	case In:
		c.Set, err = p.set()
	case Like, Matches, IsSubset, IsSuperset:
		c.Value, err = p.literal("a string")
		if err == nil && c.Value.Kind != StringLiteral {
			err = p.lex.errorAt(p.lastAt, "%s takes a string", c.Op)
		}
	case Less, LessOrEqual, Greater, GreaterOrEqual:
		c.Value, err = p.literal("a value")
		if err == nil && c.Value.Kind == BoolLiteral {
			err = p.lex.errorAt(p.lastAt, "%s cannot compare true or false", c.Op)
		}
	default:
		c.Value, err = p.literal("a value")
	}
	return c, err
}

// set reads the list IN compares with: (), or literals between commas.
func (p *parser) set() ([]Literal, error) {
	if _, err := p.expect(tLParen, "'(' to start the list"); err != nil {
		return nil, err
	}
	var list []Literal
	if p.tok.kind == tRParen {
		return list, p.advance()
	}
	for {
		v, err := p.literal("a value")
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		if p.tok.kind == tRParen {
			return list, p.advance()
		}
		if _, err := p.expect(tComma, "',' or ')'"); err != nil {
			return nil, err
		}
	}
}

func (p *parser) literal(want string) (Literal, error) {
	t := p.tok
	p.lastAt = t.at
	var l Literal
	switch t.kind {
	case tString, tFloat, tHex, tBinary:
		l = Literal{Kind: kindOf(t.kind), Text: t.text}
	case tInt:
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return l, p.lex.errorAt(t.at, "%s is too large a whole number", t.text)
		}
		l = Literal{Kind: IntLiteral, Text: t.text, Int: n}
	case tTimestamp:
		when, _ := parseTimestamp(t.text)
		l = Literal{Kind: TimestampLiteral, Text: t.text, Time: when}
	case tWord:
		if t.text != "true" && t.text != "false" {
			return l, p.unexpected(want + " (strings go in single quotes)")
		}
		l = Literal{Kind: BoolLiteral, Text: t.text}
	default:
		return l, p.unexpected(want)
	}
	return l, p.advance()
}

// objectPath reads type:key followed by .key, [n] and [*] steps. Keys may
// be quoted ('SHA-256') and, as older producers write them, may carry
// hyphens unquoted.
func (p *parser) objectPath() (ObjectPath, error) {
	t := p.tok
	if t.kind != tWord || isKeyword(t.text) {
		return ObjectPath{}, p.unexpected("an object path such as file:name")
	}
	path := ObjectPath{Type: t.text}
	if err := p.advance(); err != nil {
		return path, err
	}
	if _, err := p.expect(tColon, "':' after the object type"); err != nil {
		return path, err
	}
	key, err := p.pathKey()
	if err != nil {
		return path, err
	}
	path.Steps = append(path.Steps, Step{Kind: KeyStep, Key: key})
	for {
		switch p.tok.kind {
		case tDot:
			if err := p.advance(); err != nil {
				return path, err
			}
			key, err := p.pathKey()
			if err != nil {
				return path, err
			}
			path.Steps = append(path.Steps, Step{Kind: KeyStep, Key: key})
		case tLBrack:
			if err := p.advance(); err != nil {
				return path, err
			}
			step, err := p.index()
			if err != nil {
				return path, err
			}
			path.Steps = append(path.Steps, step)
		default:
			return path, nil
		}
	}
}

func (p *parser) pathKey() (string, error) {
	t := p.tok
	if t.kind != tString && t.kind != tWord || t.kind == tWord && isKeyword(t.text) {
		return "", p.unexpected("a property name")
	}
	if t.kind == tString && t.text == "" {
		return "", p.lex.errorAt(t.at, "a property name cannot be empty")
	}
	return t.text, p.advance()
}

func (p *parser) index() (Step, error) {
	t := p.tok
	var step Step
	switch t.kind {
	case tStar:
		step = Step{Kind: AnyIndexStep}
	case tInt:
		n, err := strconv.ParseInt(t.text, 10, 64)
		if err != nil {
			return step, p.lex.errorAt(t.at, "%s is too large an index", t.text)
		}
		step = Step{Kind: IndexStep, Index: n}
	default:
		return step, p.unexpected("a list index or '*'")
	}
	if err := p.advance(); err != nil {
		return step, err
	}
	_, err := p.expect(tRBrack, "']' after the index")
	return step, err
}

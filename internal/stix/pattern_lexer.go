package stix

import (
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind is what the pattern lexer found.
type tokenKind int

const (
	tEOF tokenKind = iota
	tLBrack
	tRBrack
	tLParen
	tRParen
	tComma
	tColon
	tDot
	tStar
	tOp   // =, !=, <, <=, >, >= (== and <> read as = and !=)
	tWord // an identifier or a keyword
	tString
	tInt
	tFloat
	tHex
	tBinary
	tTimestamp
)

var tokenNames = map[tokenKind]string{tEOF: "the end of the pattern", tLBrack: "'['", tRBrack: "']'",
	tLParen: "'('", tRParen: "')'", tComma: "','", tColon: "':'", tDot: "'.'", tStar: "'*'",
	tString: "a string", tInt: "a number", tFloat: "a number", tHex: "a hex literal",
	tBinary: "a binary literal", tTimestamp: "a timestamp"}

type token struct {
	kind tokenKind
	text string // unescaped for strings; between the quotes for h'', b'', t''
	at   int    // byte offset of the token in the pattern
}

// keywords are reserved words of the grammar; STIX 2.1 writes them in
// capitals only.
var keywords = []string{"AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET",
	"IN", "EXISTS", "START", "STOP", "WITHIN", "SECONDS", "REPEATS", "TIMES", "LAST"}

func isKeyword(s string) bool { return slices.Contains(keywords, s) }

var punctuation = map[byte]tokenKind{'[': tLBrack, ']': tRBrack, '(': tLParen, ')': tRParen, ',': tComma,
	':': tColon, '*': tStar}

type lexer struct {
	src string
	pos int
}

func (l *lexer) errorAt(at int, format string, args ...any) *PatternError {
	return &PatternError{Offset: utf8.RuneCountInString(l.src[:at]) + 1, Reason: fmt.Sprintf(format, args...)}
}

// next returns the next token, skipping white space and comments.
func (l *lexer) next() (token, error) {
	if err := l.skipSpace(); err != nil {
		return token{}, err
	}
	at := l.pos
	if at >= len(l.src) {
		return token{kind: tEOF, at: at}, nil
	}
	c := l.src[at]
	if k, ok := punctuation[c]; ok {
		l.pos++
		return token{kind: k, text: string(c), at: at}, nil
	}
	switch {
	case c == '\'':
		s, err := l.quoted()
		return token{kind: tString, text: s, at: at}, err
	case c == '.' && !(at+1 < len(l.src) && isDigit(l.src[at+1])):
		l.pos++
		return token{kind: tDot, text: ".", at: at}, nil
	case strings.ContainsRune("=!<>", rune(c)):
		return l.operator()
	case (c == 'h' || c == 'b' || c == 't') && at+1 < len(l.src) && l.src[at+1] == '\'':
		return l.prefixed()
	case isDigit(c) || c == '+' || c == '-' || c == '.':
		return l.number()
	case isWordStart(c):
		for l.pos < len(l.src) && isWordChar(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tWord, text: l.src[at:l.pos], at: at}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[at:])
	return token{}, l.errorAt(at, "%q has no place in a STIX pattern", r)
}

func (l *lexer) skipSpace() error {
	for l.pos < len(l.src) {
		rest := l.src[l.pos:]
		r, size := utf8.DecodeRuneInString(rest)
		switch {
		case unicode.IsSpace(r):
			l.pos += size
		case strings.HasPrefix(rest, "//"):
			end := strings.IndexAny(rest, "\r\n")
			if end < 0 {
				end = len(rest)
			}
			l.pos += end
		case strings.HasPrefix(rest, "/*"):
			end := strings.Index(rest[2:], "*/")
			if end < 0 {
				return l.errorAt(l.pos, "a comment that does not end (no */)")
			}
			l.pos += end + 4
		default:
			return nil
		}
	}
	return nil
}

// quoted reads a string literal from its opening quote: \' and \\ are its
// only escapes.
func (l *lexer) quoted() (string, error) {
	start := l.pos
	l.pos++
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch c {
		case '\'':
			l.pos++
			return b.String(), nil
		case '\\':
			if l.pos+1 < len(l.src) && (l.src[l.pos+1] == '\'' || l.src[l.pos+1] == '\\') {
				b.WriteByte(l.src[l.pos+1])
				l.pos += 2
				continue
			}
			return "", l.errorAt(l.pos, `a backslash in a string must be followed by ' or \ (write \\ for a backslash)`)
		}
		b.WriteByte(c)
		l.pos++
	}
	return "", l.errorAt(start, "a string that does not end (no closing ')")
}

func (l *lexer) operator() (token, error) {
	at := l.pos
	two := l.src[at:min(at+2, len(l.src))]
	switch two {
	case "==", "!=", "<>", "<=", ">=":
		l.pos += 2
		op := map[string]string{"==": "=", "<>": "!="}[two]
		if op == "" {
			op = two
		}
		return token{kind: tOp, text: op, at: at}, nil
	}
	switch l.src[at] {
	case '=', '<', '>':
		l.pos++
		return token{kind: tOp, text: l.src[at : at+1], at: at}, nil
	}
	return token{}, l.errorAt(at, "'!' must be followed by '=' (for not equal)")
}

// prefixed reads h'…' (hex), b'…' (base64) and t'…' (timestamp) literals.
func (l *lexer) prefixed() (token, error) {
	at := l.pos
	prefix := l.src[at]
	l.pos++
	end := strings.IndexByte(l.src[l.pos+1:], '\'')
	if end < 0 {
		return token{}, l.errorAt(at, "a %c'…' literal that does not end", prefix)
	}
	body := l.src[l.pos+1 : l.pos+1+end]
	l.pos += end + 2
	switch prefix {
	case 'h':
		if len(body)%2 != 0 || !isHexString(body) {
			return token{}, l.errorAt(at, "h'%s' is not hex (want pairs of hex digits)", clip(body, 40))
		}
		return token{kind: tHex, text: body, at: at}, nil
	case 'b':
		if _, err := base64.StdEncoding.Strict().DecodeString(body); err != nil {
			return token{}, l.errorAt(at, "b'%s' is not base64", clip(body, 40))
		}
		return token{kind: tBinary, text: body, at: at}, nil
	}
	if _, ok := parseTimestamp(body); !ok {
		return token{}, l.errorAt(at, "t'%s' is not a STIX timestamp (want t'2016-05-12T08:17:27.000Z')", clip(body, 40))
	}
	return token{kind: tTimestamp, text: body, at: at}, nil
}

// number reads an integer or a decimal: an optional sign, digits with no
// leading zero, and an optional fraction.
func (l *lexer) number() (token, error) {
	at := l.pos
	if c := l.src[l.pos]; c == '+' || c == '-' {
		l.pos++
	}
	digits := l.pos
	for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
		l.pos++
	}
	whole := l.src[digits:l.pos]
	kind := tInt
	if l.pos < len(l.src) && l.src[l.pos] == '.' {
		l.pos++
		frac := l.pos
		for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
			l.pos++
		}
		if l.pos == frac {
			return token{}, l.errorAt(at, "%q is not a number (want digits after the point)", l.src[at:l.pos])
		}
		kind = tFloat
	} else if whole == "" {
		return token{}, l.errorAt(at, "%q is not a number", l.src[at:l.pos])
	} else if len(whole) > 1 && whole[0] == '0' {
		return token{}, l.errorAt(at, "%q is not a number (no leading zeros)", whole)
	}
	if l.pos < len(l.src) && isWordChar(l.src[l.pos]) {
		return token{}, l.errorAt(at, "%q is not a number", l.src[at:l.pos+1])
	}
	return token{kind: kind, text: l.src[at:l.pos], at: at}, nil
}

func isDigit(c byte) bool     { return '0' <= c && c <= '9' }
func isWordStart(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func isWordChar(c byte) bool  { return isWordStart(c) || isDigit(c) || c == '-' }

func isHexString(s string) bool {
	for i := 0; i < len(s); i++ {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])) {
			return false
		}
	}
	return true
}

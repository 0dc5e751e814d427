package entra

import (
	"bytes"
	"errors"
	"io"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// jsonGuard sits under the decoder and refuses JSON nested deeper than
// bounded.MaxNesting, or holding a string (counted as written, escapes
// included) or a stretch between punctuation (a number, a literal, white
// space) longer than bounded.MaxField. The decoder would otherwise read a
// whole string or number into its buffer however long it is, keep the
// white space before a token too (64 MiB of spaces took 300 MiB of heap),
// and keep a frame per level down to its own limit of ten thousand. The
// guard hands the decoder
// every byte before the one that passes a limit and the refusal on the next
// read, so the decoder stops exactly there and its stack names the path.
type jsonGuard struct {
	r        io.Reader
	depth    int
	inString bool
	escaped  bool
	strLen   int
	head     []byte // the current string's first bytes, for the excerpt
	bare     int    // bytes outside strings since the last punctuation
	err      error
}

func (g *jsonGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if i, refused := g.scan(p[:n]); refused != nil {
		g.err = refused
		if i == 0 {
			return 0, refused
		}
		return i, nil
	}
	return n, err
}

// scan follows p, returning the offset of the byte that passes a limit and
// the refusal, or (len(p), nil).
func (g *jsonGuard) scan(p []byte) (int, error) {
	for i := 0; i < len(p); {
		if g.inString {
			if g.escaped {
				g.escaped = false
				g.take(p[i : i+1])
				i++
			} else if j := bytes.IndexAny(p[i:], "\"\\"); j < 0 {
				g.take(p[i:])
				i = len(p)
			} else {
				g.take(p[i : i+j])
				i += j
				if p[i] == '"' {
					g.inString = false
				} else {
					g.escaped = true
					g.take(p[i : i+1])
				}
				i++
			}
			if g.strLen > bounded.MaxField {
				return i, bounded.StringError(string(g.head))
			}
			continue
		}
		j := bytes.IndexAny(p[i:], "\"[]{},:")
		if j < 0 {
			j = len(p) - i
		}
		if g.bare += j; g.bare > bounded.MaxField {
			return i + j, &bounded.LimitError{Limit: "field length", Max: bounded.MaxField, Unit: "bytes",
				Detail: "a value or a run of white space is longer than 256 KiB"}
		}
		if i += j; i == len(p) {
			return i, nil
		}
		g.bare = 0
		switch p[i] {
		case '"':
			g.inString, g.strLen, g.head = true, 0, g.head[:0]
		case '[', '{':
			if g.depth++; g.depth > bounded.MaxNesting {
				return i, bounded.DeepError()
			}
		case ']', '}':
			g.depth--
		}
		i++
	}
	return len(p), nil
}

func (g *jsonGuard) take(b []byte) {
	g.strLen += len(b)
	if room := bounded.ExcerptLen - len(g.head); room > 0 {
		g.head = append(g.head, b[:min(room, len(b))]...)
	}
}

// limitFail names the path the decoder had reached when the input passed
// one of bounded's limits; a path deeper than a real export is cut short.
func limitFail(file string, dec *jsontext.Decoder, err error) (error, bool) {
	var le *bounded.LimitError
	if !errors.As(err, &le) {
		return nil, false
	}
	var p jsontext.Pointer
	depth, cut := 0, false
	for tok := range dec.StackPointer().Tokens() {
		if depth++; depth > 10 {
			cut = true
			break
		}
		p = p.AppendToken(tok)
	}
	path := graphPath(p)
	if cut {
		path += "…"
	}
	return &reader.ParseError{File: file, Path: path, Reason: le.Error(), Err: le}, true
}

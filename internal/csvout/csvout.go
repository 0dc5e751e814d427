// Package csvout is the one CSV writer for everything ward writes as CSV:
// reports, exports, listings and the reject files of imports.
//
// A spreadsheet opening a CSV file runs a cell as a formula when it begins
// with =, +, - or @, and some also after a leading tab or carriage return
// (OWASP's "CSV injection" list). Ticket categories, device names and
// rejected rows come from files and forms outside ward, so a cell such as
// =HYPERLINK("http://evil.example","click") or +cmd|' /C calc'!A0 would run
// on the reader's machine. The rule here: a cell that begins with one of
// those six characters gets a single quote in front (the spreadsheet shows
// the text as it was, and a person sees the quote), unless the whole cell is
// a plain number such as -3, +44 or -0.25e3, which stays as it is so that
// figures stay figures.
package csvout

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer writes records as RFC 4180 CSV with every cell neutralised.
type Writer struct {
	cw  *csv.Writer
	row []string
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{cw: csv.NewWriter(w)} }

// Write writes one record; an empty record writes a blank line. The
// caller's slice is left as it was.
func (w *Writer) Write(record []string) error {
	w.row = w.row[:0]
	for _, c := range record {
		w.row = append(w.row, Cell(c))
	}
	return w.cw.Write(w.row)
}

// Flush writes out anything buffered and returns the first error any
// write met.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// Cell is what the writer puts in place of one cell: the cell itself, or,
// when a spreadsheet would read it as a formula, the cell after a single
// quote.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber(s) {
		return s
	}
	return "'" + s
}

// plainNumber reports whether s is a decimal number and nothing else: an
// optional sign, digits with at most one point, and an optional exponent.
func plainNumber(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// FlushEvery is how many rows Stream writes between flushes.
const FlushEvery = 500

// Stream writes header, then each row rows hands to emit, flushing every
// FlushEvery rows so that a long export reaches its reader as it is read
// from the store rather than buffered whole. It returns the rows written.
func Stream(w io.Writer, header []string, rows func(emit func(row []string) error) error) (int, error) {
	cw := NewWriter(w)
	if err := cw.Write(header); err != nil {
		return 0, err
	}
	n := 0
	err := rows(func(row []string) error {
		if err := cw.Write(row); err != nil {
			return err
		}
		if n++; n%FlushEvery == 0 {
			return cw.Flush()
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, cw.Flush()
}

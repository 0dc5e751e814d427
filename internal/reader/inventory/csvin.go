package inventory

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// csvFile reads a CSV export: UTF-8 after text(), an optional "#TYPE ..."
// first line (Windows PowerShell's Export-Csv), then a header row whose
// cells are matched loosely (see key), then data rows of the header's
// width.
type csvFile struct {
	lines  *bounded.LineReader // Mark after each record
	file   string
	sc     *csvScanner
	header []string       // as the file spells it, trimmed
	cols   map[string]int // key(header) → field index
	skip   int            // lines before the CSV proper (the #TYPE line)
	rec    []string       // the current row; reused
	rows   int
	// records counts the rows under the record-count limit.
	records *bounded.Records
}

// key is how a header cell is matched: lower case, without spaces,
// underscores, hyphens or dots, so "Last check-in", "last_check_in" and
// "LastCheckIn" are one column.
func key(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t':
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// openCSV reads the header of text that text() has prepared.
func openCSV(br *bufio.Reader, file string) (*csvFile, error) {
	lines := bounded.Lines(br)
	br = bufio.NewReaderSize(lines, 64<<10)
	c := &csvFile{file: file, lines: lines, records: bounded.NewRecords("rows")}
	if first, _ := br.Peek(5); bytes.EqualFold(first, []byte("#TYPE")) {
		if _, err := br.ReadSlice('\n'); err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return nil, fmt.Errorf("%s: %w", display(file), err)
		}
		c.skip = 1
	}
	c.sc = &csvScanner{r: br, comma: sniffComma(br)}
	head, err := c.sc.read()
	if err == io.EOF {
		return nil, &RowError{File: file, Line: 1 + c.skip, Reason: "the file is empty: expected a header row"}
	}
	if err != nil {
		return nil, c.readErr(err)
	}
	c.lines.Mark()
	if err := bounded.Fields(head); err != nil {
		return nil, &RowError{File: file, Line: 1 + c.skip, Reason: "the header: " + err.Error()}
	}
	c.header = slices.Clone(head)
	for i, h := range c.header {
		if reason := reader.BadUTF8(h); reason != "" {
			return nil, &RowError{File: file, Line: c.sc.fline[i] + c.skip, Reason: fmt.Sprintf("header field %d %s", i+1, reason)}
		}
	}
	c.cols = make(map[string]int, len(head))
	for i, h := range c.header {
		h = strings.TrimSpace(h)
		c.header[i] = h
		k := key(h)
		if k == "" {
			continue // spreadsheets add unnamed columns
		}
		if j, dup := c.cols[k]; dup {
			return nil, &RowError{File: file, Line: 1 + c.skip, Column: bounded.Excerpt(h),
				Reason: fmt.Sprintf("appears twice in the header (fields %d and %d)", j+1, i+1)}
		}
		c.cols[k] = i
	}
	return c, nil
}

// sniffComma picks the separator the header line uses most: Export-Csv
// -UseCulture writes semicolons in much of Europe, and some tools tabs.
func sniffComma(br *bufio.Reader) byte {
	line, _ := br.Peek(32 << 10) // Get-Mailbox's header alone is several KB
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	counts := map[byte]int{}
	quoted := false
	for _, b := range line {
		switch {
		case b == '"':
			quoted = !quoted
		case !quoted && (b == ',' || b == ';' || b == '\t'):
			counts[b]++
		}
	}
	comma := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[comma] {
			comma = c
		}
	}
	return comma
}

// col is the index of a column by key, or -1.
func (c *csvFile) col(k string) int {
	if i, ok := c.cols[k]; ok {
		return i
	}
	return -1
}

// first is the index of the first of several spellings present, or -1.
func (c *csvFile) first(keys ...string) int {
	for _, k := range keys {
		if i, ok := c.cols[k]; ok {
			return i
		}
	}
	return -1
}

// require names the first missing column; names are as the documentation
// spells them.
func (c *csvFile) require(names ...string) error {
	for _, n := range names {
		if c.col(key(n)) < 0 {
			return &RowError{File: c.file, Line: 1 + c.skip, Column: bounded.Excerpt(n),
				Reason: "is missing from the header; the required columns are " + strings.Join(names, ", ")}
		}
	}
	return nil
}

// next reads a row; io.EOF at the end.
func (c *csvFile) next() ([]string, error) {
	rec, err := c.sc.read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, c.readErr(err)
	}
	c.rows++
	c.rec = rec
	c.lines.Mark()
	if err := c.records.Add(); err != nil {
		return nil, &RowError{File: c.file, Line: c.line(0), Reason: err.Error()}
	}
	if err := bounded.Fields(rec); err != nil {
		return nil, &RowError{File: c.file, Line: c.line(0), Reason: err.Error()}
	}
	if len(rec) != len(c.header) {
		return nil, &RowError{File: c.file, Line: c.line(0),
			Reason: fmt.Sprintf("the row has %d fields, but the header has %d", len(rec), len(c.header))}
	}
	for i, v := range rec {
		if reason := reader.BadUTF8(v); reason != "" {
			return nil, c.fail(i, reason)
		}
	}
	return rec, nil
}

// line is the line the current row's field i starts on.
func (c *csvFile) line(i int) int {
	if i < 0 || i >= len(c.rec) {
		i = 0
	}
	return c.sc.fline[i] + c.skip
}

// get is field i of the current row, trimmed; "" when the column is absent.
func (c *csvFile) get(i int) string {
	if i < 0 {
		return ""
	}
	v := c.rec[i]
	if v != "" && (v[0] <= ' ' || v[len(v)-1] <= ' ') {
		return strings.TrimSpace(v)
	}
	return v
}

// fail is a bad value in field i of the current row.
func (c *csvFile) fail(i int, reason string) *RowError {
	return &RowError{File: c.file, Line: c.line(i), Column: bounded.Excerpt(c.header[i]), Reason: reason}
}

func (c *csvFile) readErr(err error) error {
	var se *csvSyntaxError
	if errors.As(err, &se) {
		where := fmt.Sprintf("character %d", se.column)
		if se.line != se.startLine {
			where = fmt.Sprintf("line %d, %s", se.line+c.skip, where)
		}
		return &RowError{File: c.file, Line: se.startLine + c.skip,
			Reason: fmt.Sprintf("not valid CSV: %v (%s); check the quoting", se.err, where)}
	}
	var le *bounded.LimitError
	if errors.As(err, &le) {
		return &RowError{File: c.file, Line: c.sc.lines + 1 + c.skip, Reason: le.Error()}
	}
	return fmt.Errorf("%s: reading after %d rows: %w", display(c.file), c.rows, err)
}

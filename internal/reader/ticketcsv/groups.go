package ticketcsv

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// groups reads a CSV file as runs of contiguous rows that share a ticket
// number. Both formats are one row per update, grouped by ticket; the
// formats differ only in what a row means.
type groups struct {
	file    string
	cr      *csv.Reader
	in      *bounded.LineReader // Mark after each record
	header  []string
	keyCol  int
	rows    int
	records *bounded.Records // the rows, under the record-count limit
	done    bool
	seen    map[string]int // ticket number → the line its rows began on
	key     string         // the current ticket's number
	n       int            // rows in the current group
	raw     [][]string     // the current group's fields; buffers reused
	lines   []int
	ahead   []string // the first row of the next group, read ahead
	aheadAt int
	pending bool
}

// openGroups reads the header. norm turns a header cell into the name the
// format knows it by.
func openGroups(r io.Reader, file string, norm func(string) string) (*groups, map[string]int, error) {
	in, err := decompressed(r, file)
	if err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // a short row is a bad row of its ticket, not the end of the import
	g := &groups{file: file, cr: cr, in: in, seen: map[string]int{}, records: bounded.NewRecords("rows")}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &RowError{File: file, Line: 1, Reason: "the file is empty: expected a header row"}
	}
	if err != nil {
		return nil, nil, g.readErr(err)
	}
	in.Mark()
	if err := bounded.Fields(head); err != nil {
		return nil, nil, &RowError{File: file, Line: 1, Reason: "the header: " + err.Error()}
	}
	g.header = slices.Clone(head)
	g.header[0] = strings.TrimPrefix(g.header[0], "\ufeff")
	for i, h := range g.header {
		if reason := reader.BadUTF8(h); reason != "" {
			return nil, nil, &RowError{File: file, Line: 1, Reason: fmt.Sprintf("header field %d %s", i+1, reason)}
		}
	}
	for i := range g.header {
		g.header[i] = strings.TrimSpace(g.header[i])
	}
	cols := make(map[string]int, len(head))
	for i, h := range g.header {
		name := norm(h)
		if name == "" {
			continue
		}
		if j, dup := cols[name]; dup {
			return nil, nil, &RowError{File: file, Line: 1, Column: bounded.Excerpt(name),
				Reason: fmt.Sprintf("appears twice in the header (fields %d and %d)", j+1, i+1)}
		}
		cols[name] = i
	}
	return g, cols, nil
}

// requireColumns names the first missing required column.
func requireColumns(file string, cols map[string]int, required []string) error {
	for _, c := range required {
		if _, ok := cols[c]; !ok {
			return &RowError{File: file, Line: 1, Column: bounded.Excerpt(c),
				Reason: "is missing from the header; the required columns are " + strings.Join(required, ", ")}
		}
	}
	return nil
}

func (g *groups) readErr(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		where := fmt.Sprintf("character %d", pe.Column)
		if pe.Line != pe.StartLine {
			where = fmt.Sprintf("line %d, %s", pe.Line, where)
		}
		return &RowError{File: g.file, Line: pe.StartLine,
			Reason: fmt.Sprintf("not valid CSV: %v (%s); the import cannot read on", pe.Err, where)}
	}
	var le *bounded.LimitError
	if errors.As(err, &le) {
		line, _ := g.cr.FieldPos(0)
		return &RowError{File: g.file, Line: line, Reason: le.Error()}
	}
	return fmt.Errorf("%sreading after %d rows: %w", prefix(g.file), g.rows, err)
}

// next reads the next ticket's rows into g.raw[:g.n]; io.EOF when there are
// none. Any other error is the end of the import: the file cannot be read
// on, or a ticket's rows are split up so it can no longer be taken whole.
func (g *groups) next() error {
	g.n = 0
	if g.pending {
		g.pending = false
		if err := g.take(g.ahead, g.aheadAt); err != nil {
			return err
		}
	}
	for !g.done {
		rec, err := g.cr.Read()
		if err == io.EOF {
			g.done = true
			break
		}
		if err != nil {
			return g.readErr(err)
		}
		g.rows++
		g.in.Mark()
		line, _ := g.cr.FieldPos(0)
		if err := g.records.Add(); err != nil {
			return &RowError{File: g.file, Line: line, Reason: err.Error()}
		}
		if err := bounded.Fields(rec); err != nil {
			return &RowError{File: g.file, Line: line, Reason: err.Error()}
		}
		if g.keyCol >= len(rec) {
			return &RowError{File: g.file, Line: line,
				Reason: fmt.Sprintf("the row has %d fields, but the header has %d, so it has no ticket number", len(rec), len(g.header))}
		}
		if g.n > 0 && strings.TrimSpace(rec[g.keyCol]) != g.key {
			g.ahead = append(g.ahead[:0], rec...)
			g.aheadAt, g.pending = line, true
			return nil
		}
		if err := g.take(rec, line); err != nil {
			return err
		}
	}
	if g.n == 0 {
		return io.EOF
	}
	return nil
}

func (g *groups) take(rec []string, line int) error {
	if g.n == 0 {
		key := strings.TrimSpace(rec[g.keyCol])
		if first, ok := g.seen[key]; ok {
			return &RowError{File: g.file, Line: line, Ticket: key,
				Reason: fmt.Sprintf("its rows are not together: they began on line %d, and other tickets come between; sort the file so each ticket's rows are contiguous", first)}
		}
		g.key = strings.Clone(key)
		g.seen[g.key] = line
	}
	if g.n == len(g.raw) {
		g.raw = append(g.raw, make([]string, 0, len(rec)))
		g.lines = append(g.lines, 0)
	}
	g.raw[g.n] = append(g.raw[g.n][:0], rec...)
	g.lines[g.n] = line
	g.n++
	return nil
}

// rejectGroup reports every row of the current ticket as skipped: rows with
// their own fault give it, the rest point at the fault that sank the ticket.
func (g *groups) rejectGroup(out []Rejected, fault *RowError, rowFaults []*RowError) []Rejected {
	for i := 0; i < g.n; i++ {
		var reason string
		switch {
		case rowFaults[i] != nil:
			reason = rowFaults[i].message()
		case fault.Line == g.lines[i]:
			reason = fault.message()
		default:
			reason = "skipped with the rest of ticket " + g.key + ": " + fault.message()
		}
		out = append(out, Rejected{Line: g.lines[i], Ticket: g.key, Reason: reason, Raw: slices.Clone(g.raw[i])})
	}
	return out
}

// badText names the first field of a row that is not valid UTF-8: ward
// keeps text as UTF-8, and would otherwise store the bytes on SQLite but
// have PostgreSQL refuse them.
func badText(file string, header, rec []string, line int, ticket string) *RowError {
	for i, v := range rec {
		if reason := reader.BadUTF8(v); reason != "" {
			col := fmt.Sprintf("field %d", i+1)
			if i < len(header) {
				col = header[i]
			}
			return &RowError{File: file, Line: line, Column: col, Ticket: ticket, Reason: reason}
		}
	}
	return nil
}

// field is the trimmed value of column col, or "" when the row lacks it.
func field(rec []string, col int) string {
	if col < 0 || col >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[col])
}

// checkHistory runs the desk's own check, naming the line of the event it
// refuses.
func checkHistory(file string, t desk.Ticket, evs []desk.Event, lines []int) *RowError {
	err := desk.CheckHistory(t, evs)
	if err == nil {
		return nil
	}
	var he *desk.HistoryError
	if !errors.As(err, &he) {
		return &RowError{File: file, Line: lines[0], Ticket: t.Ref, Reason: err.Error()}
	}
	i := max(he.Index, 0)
	return &RowError{File: file, Line: lines[i], Ticket: t.Ref,
		Reason: fmt.Sprintf("event %d (%s) %s", he.Index+1, describe(evs[i]), he.Reason)}
}

func describe(e desk.Event) string {
	if e.Kind == desk.Opened {
		return "opened"
	}
	return "update " + strconv.Itoa(e.Seq)
}

// title is what a ticket without one is called in lists.
func title(category, subcategory, symptom, ref string) string {
	t := category
	if subcategory != "" {
		if t != "" {
			t += " / "
		}
		t += subcategory
	}
	if symptom != "" {
		if t != "" {
			t += ": "
		}
		t += symptom
	}
	if t == "" {
		return ref
	}
	return t
}

// Package hrcsv reads an org's people from an HR system's CSV export,
// through the bounded reader. The format (documented in the README,
// "People"):
//
//   - a header row naming the columns, in any order, in any case:
//     hr_id and name are required; email, kind, team, manager_hr_id,
//     phone, start_on, end_on, left_on and upn may be given;
//   - one person a row; kind is staff, councillor, contractor or
//     consultant (blank is staff); manager_hr_id is another row's hr_id
//     (or a person ward already holds);
//   - dates as yyyy-mm-dd, or dd/mm/yyyy as UK HR exports write them;
//     end_on is a contract's end, left_on the day the person left.
//
// A column the header leaves out is left as ward holds it, so an export
// without phone numbers does not wipe the desk's. Every mistake is named by
// file, line and column; Read gathers up to MaxErrors of them before it
// gives up, so a file is fixed in one go.
package hrcsv

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Columns are the columns the format knows, in the README's order.
var Columns = []string{"hr_id", "name", "email", "kind", "team", "manager_hr_id", "phone",
	"start_on", "end_on", "left_on", "upn"}

var required = []string{"hr_id", "name"}

// MaxErrors is how many mistakes Read names before it stops reading.
const MaxErrors = 50

// maxText is the most any value may be.
const maxText = 200

// Row is one person as the file gives them. Dates are yyyy-mm-dd.
type Row struct {
	Line                                   int
	HRID, Name, Email, Kind, Team, Manager string
	Phone, StartOn, EndOn, LeftOn, UPN     string
}

// File is what an export holds: its rows, and which columns its header
// named (a column it leaves out is kept as ward holds it).
type File struct {
	Name    string
	Columns map[string]bool
	Rows    []Row
}

// Has reports whether the header named a column.
func (f *File) Has(column string) bool { return f.Columns[column] }

// Error says where the file is wrong: its file, line and column.
type Error = reader.LineError

// Errors is every mistake found, in file order.
type Errors []*Error

func (es Errors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	s := strings.Join(parts, "\n")
	if len(es) >= MaxErrors {
		s += fmt.Sprintf("\n(stopped after %d mistakes)", MaxErrors)
	}
	return s
}

// Unwrap lets errors.As find the first mistake (and so its fault kind).
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Read reads a whole HR export. It returns every mistake found (up to
// MaxErrors) as Errors, or the rows.
func Read(r io.Reader, file string) (*File, error) {
	if file == "" {
		file = "input"
	}
	in := bounded.Lines(bounded.Plain(bufio.NewReaderSize(r, 64<<10)))
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	records := bounded.NewRecords("rows")
	var errs Errors
	add := func(line int, col, reason string, err error) {
		errs = append(errs, &Error{File: file, Line: line, Column: col, Reason: reason, Err: err})
	}
	// fatal is a mistake after which the file cannot be read on.
	fatal := func(err error) error {
		var pe *csv.ParseError
		var le *bounded.LimitError
		switch {
		case errors.As(err, &pe):
			add(pe.StartLine, "", pe.Err.Error(), nil)
		case errors.As(err, &le):
			line, _ := cr.FieldPos(0)
			add(line, "", le.Error(), le)
		default:
			return fmt.Errorf("%s: %w", file, err)
		}
		return errs
	}
	head, err := cr.Read()
	if err == io.EOF {
		add(1, "", "the file is empty: expected a header row naming "+strings.Join(Columns, ", "), nil)
		return nil, errs
	}
	if err != nil {
		return nil, fatal(err)
	}
	head = append([]string(nil), head...)
	f := &File{Name: file, Columns: map[string]bool{}}
	col := map[string]int{}
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case reader.BadUTF8(name) != "":
			add(1, fmt.Sprintf("%d", i+1), "the header "+reader.BadUTF8(name), nil)
		case f.Columns[name]:
			add(1, fmt.Sprintf("%q", bounded.Excerpt(name)), "appears twice in the header", nil)
		case !known(name):
			add(1, fmt.Sprintf("%q", bounded.Excerpt(name)), "is not an HR column; the columns are "+strings.Join(Columns, ", "), nil)
		default:
			col[name], f.Columns[name] = i, true
		}
	}
	for _, c := range required {
		if !f.Columns[c] {
			add(1, c, "is missing from the header; the required columns are "+strings.Join(required, ", "), nil)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	hrIDs, emails := map[string]int{}, map[string]int{}
	for len(errs) < MaxErrors {
		in.Mark()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fatal(err)
		}
		line, _ := cr.FieldPos(0)
		if err := bounded.Fields(rec); err != nil {
			add(line, "", err.Error(), err)
			return nil, errs
		}
		if err := records.Add(); err != nil {
			add(line, "", err.Error(), err)
			return nil, errs
		}
		if blank(rec) {
			continue
		}
		row, bad := readRow(rec, col, line)
		for _, b := range bad {
			b.File = file
			errs = append(errs, b)
		}
		if len(bad) > 0 {
			continue
		}
		if first, dup := hrIDs[row.HRID]; dup {
			add(line, "hr_id", fmt.Sprintf("%q is given twice (first on line %d)", bounded.Excerpt(row.HRID), first), nil)
			continue
		}
		hrIDs[row.HRID] = line
		if row.Email != "" {
			key := strings.ToLower(row.Email)
			if first, dup := emails[key]; dup {
				add(line, "email", fmt.Sprintf("%q is given twice (first on line %d)", bounded.Excerpt(row.Email), first), nil)
				continue
			}
			emails[key] = line
		}
		f.Rows = append(f.Rows, row)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return f, nil
}

func known(name string) bool {
	for _, c := range Columns {
		if c == name {
			return true
		}
	}
	return false
}

// blank is a row of empty fields, as spreadsheets leave at the end.
func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

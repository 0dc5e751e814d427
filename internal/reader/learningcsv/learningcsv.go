// Package learningcsv reads an e-learning platform's completion history as
// CSV (plain or gzipped), through the bounded reader. The format is
// documented in the README ("Security awareness training"):
//
//   - a header row first, columns in any order, names in any case;
//   - email or hr_id (at least one of the two columns) finds the person;
//   - course_code is the platform's id for the course, as the org's course
//     carries it;
//   - completed_on is the day, yyyy-mm-dd or dd/mm/yyyy;
//   - score, optional, is a whole percentage 0-100.
//
// One row a completion; a person's older completions are rows too, as ward
// keeps the whole history.
package learningcsv

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Columns are the columns the format knows.
var Columns = []string{"email", "hr_id", "course_code", "completed_on", "score"}

// Row is one completion as the file gives it.
type Row struct {
	Line        int
	Email       string // lower case
	HRID        string
	CourseCode  string
	CompletedOn string // yyyy-mm-dd
	Score       *int
}

// Error says where the file is wrong: its file, line and column.
type Error = reader.LineError

// Read reads a whole completion file; the first mistake stops it, named by
// file, line and column.
func Read(r io.Reader, file string) ([]Row, error) {
	in, err := reader.OpenLines(r, file)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(in)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	records := bounded.NewRecords("completions")
	fail := func(line int, col, reason string, err error) error {
		return &Error{File: file, Line: line, Column: col, Reason: reason, Err: err}
	}
	readErr := func(err error) error {
		var pe *csv.ParseError
		var le *bounded.LimitError
		switch {
		case errors.As(err, &pe):
			return fail(pe.StartLine, fmt.Sprint(pe.Column), pe.Err.Error(), err)
		case errors.As(err, &le):
			line, _ := cr.FieldPos(0)
			return fail(line, "", le.Error(), le)
		}
		return fmt.Errorf("%s: %w", file, err)
	}
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fail(1, "", "the file is empty: expected a header row naming "+strings.Join(Columns, ", "), nil)
	}
	if err != nil {
		return nil, readErr(err)
	}
	col := map[string]int{}
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if reason := reader.BadUTF8(name); reason != "" {
			return nil, fail(1, fmt.Sprint(i+1), "the header "+reason, nil)
		}
		_, twice := col[name]
		switch {
		case twice:
			return nil, fail(1, fmt.Sprintf("%q", bounded.Excerpt(name)), "appears twice in the header", nil)
		case !known(name):
			return nil, fail(1, fmt.Sprintf("%q", bounded.Excerpt(name)), "is not a completion column; the columns are "+strings.Join(Columns, ", "), nil)
		}
		col[name] = i
	}
	for _, c := range []string{"course_code", "completed_on"} {
		if _, ok := col[c]; !ok {
			return nil, fail(1, c, "is missing from the header; course_code, completed_on and one of email or hr_id are required", nil)
		}
	}
	_, hasEmail := col["email"]
	_, hasHR := col["hr_id"]
	if !hasEmail && !hasHR {
		return nil, fail(1, "email", "is missing from the header, as is hr_id: one of them must find the person", nil)
	}
	var out []Row
	for {
		in.Mark()
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, readErr(err)
		}
		line, _ := cr.FieldPos(0)
		if err := bounded.Fields(rec); err != nil {
			return nil, fail(line, "", err.Error(), err)
		}
		if err := records.Add(); err != nil {
			return nil, fail(line, "", err.Error(), err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		r, bad := row(rec, col, line)
		if bad != nil {
			bad.File = file
			return nil, bad
		}
		out = append(out, r)
	}
}

func known(name string) bool {
	for _, c := range Columns {
		if c == name {
			return true
		}
	}
	return false
}

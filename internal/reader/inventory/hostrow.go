package inventory

import (
	"bytes"
)

// row is one result row, its values as text.
type row struct {
	cols  map[string]string
	file  string
	line  int
	lines map[string]int // each column's line, when the row spans lines
	path  string
}

func (r row) fail(col, reason string) *RowError {
	line := r.line
	if l, ok := r.lines[col]; ok {
		line = l
	}
	return &RowError{File: r.file, Line: line, Path: r.path + "." + col, Reason: reason}
}

// readRow reads a row object: every value a string, number, true, false or null.
func readRow(j jv) (row, error) {
	if err := j.mustObject(); err != nil {
		return row{}, err
	}
	r := row{cols: make(map[string]string, len(j.keys())), file: j.e.doc.file, path: j.pathString(), line: j.e.line}
	multiline := bytes.IndexByte(j.e.raw, '\n') >= 0
	if multiline {
		_, r.line = j.e.locate(j.path)
		r.lines = make(map[string]int, len(j.keys()))
	}
	for k := range j.keys() {
		c := j.get(k)
		if multiline {
			_, r.lines[k] = j.e.locate(c.path)
		}
		switch v := c.v.(type) {
		case bool:
			r.cols[k] = "0"
			if v {
				r.cols[k] = "1"
			}
		default:
			s, err := c.text()
			if err != nil {
				return row{}, err
			}
			r.cols[k] = s
		}
	}
	return r, nil
}

// peekRow is a row's columns and text values, for telling which query it
// is from; values that are not text are left blank.
func peekRow(j jv) row {
	r := row{cols: map[string]string{}}
	for k, v := range j.keys() {
		s, _ := v.(string)
		r.cols[k] = s
	}
	return r
}

// readRows reads a list of rows.
func readRows(j jv) ([]row, error) {
	n, err := j.list()
	if err != nil {
		return nil, err
	}
	rows := make([]row, 0, n)
	for i := range n {
		r, err := readRow(j.at(i))
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

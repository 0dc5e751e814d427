// Package reader holds what the readers of outside formats share: the
// error that says where an export is wrong. Each format's reader is a
// package below it (reader/sharphound, reader/entra).
package reader

import "fmt"

// ParseError says where an export is wrong, so that an admin can find the
// value in the file and fix the export rather than guess: the file, the
// place in it (a JSON path such as $.users[3].accountEnabled, or a line)
// and what was wrong.
type ParseError struct {
	File   string
	Path   string
	Reason string
}

func (e *ParseError) Error() string {
	file := e.File
	if file == "" {
		file = "input"
	}
	if e.Path == "" {
		return fmt.Sprintf("%s: %s", file, e.Reason)
	}
	return fmt.Sprintf("%s: %s: %s", file, e.Path, e.Reason)
}

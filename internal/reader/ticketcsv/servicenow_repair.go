package ticketcsv

import (
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Real ServiceNow exports carry a few quirks that say nothing wrong about
// the incident: an update count written twice, an update stamped before the
// incident was opened (its first row, written by a clock behind the
// server's), a state the instance added itself (such as -100). Refusing the
// whole file for them helped nobody, so by default they are mended and each
// mend is reported; Options.Strict refuses them as bad rows instead.

// Repair is one quirk mended, named by the line it was on.
type Repair struct {
	Line   int    `json:"line"`
	Ticket string `json:"ticket"`
	Column string `json:"column"`
	What   string `json:"what"` // what the row said and what ward took it as
}

func (r Repair) String() string {
	return "line " + strconv.Itoa(r.Line) + ": ticket " + r.Ticket + ": column " + strconv.Quote(r.Column) + ": " + r.What
}

// refuseRepeatedCounts is the strict reading: each update has its own count.
func (s *snReader) refuseRepeatedCounts(rows []snRow) *RowError {
	slices.SortStableFunc(rows, func(a, b snRow) int { return a.mod - b.mod })
	for i := 1; i < len(rows); i++ {
		if rows[i].mod == rows[i-1].mod {
			a, b := min(rows[i-1].line, rows[i].line), max(rows[i-1].line, rows[i].line)
			return &RowError{File: s.opt.File, Line: b, Ticket: s.g.key,
				Reason: fmt.Sprintf("sys_mod_count %d appears twice, on lines %d and %d; each update has its own count", rows[i].mod, a, b)}
		}
	}
	return nil
}

// orderRepeatedCounts puts the rows in update order: by sys_mod_count, rows
// sharing one by sys_updated_at, then as they stand in the file.
func (s *snReader) orderRepeatedCounts(rows []snRow) {
	slices.SortStableFunc(rows, func(a, b snRow) int {
		if a.mod != b.mod {
			return a.mod - b.mod
		}
		return a.updated.Compare(b.updated)
	})
	for i := 1; i < len(rows); i++ {
		if rows[i].mod == rows[i-1].mod {
			s.mend(rows[i].line, s.c.mod, fmt.Sprintf("%d is also the count on line %d: the rows are put in order by sys_updated_at, then as they stand in the file",
				rows[i].mod, rows[i-1].line))
		}
	}
}

// clampTimes moves an update stamped before the incident was opened to the
// opening, and one stamped before the update ordered ahead of it to that
// update's time, so the history never goes back.
func (s *snReader) clampTimes(rows []snRow, opened time.Time) {
	prev, prevLine := opened, 0
	for i := range rows {
		r := &rows[i]
		at := r.updated
		var why string
		if at.Before(opened) {
			why = "is before opened_at (" + s.local(opened) + ")"
		}
		if at.Before(prev) && prevLine != 0 {
			if why != "" {
				why += " and"
			} else {
				why = "is"
			}
			why += fmt.Sprintf(" before the update ordered ahead of it (line %d, %s)", prevLine, s.local(prev))
		}
		if why != "" {
			r.updated = prev
			s.mend(r.line, s.c.updated, s.local(at)+" "+why+": taken as "+s.local(prev))
		}
		prev, prevLine = r.updated, r.line
	}
}

// unknownStates reports the rows whose state ward does not know; the rows
// keep it as written, and the SLA clocks run through it as through any
// open state.
func (s *snReader) unknownStates(rows []snRow) {
	for i := range rows {
		if rows[i].unknown {
			s.mend(rows[i].line, s.c.state, strconv.Quote(string(rows[i].state))+
				" is not a state ward knows: kept as written, and the SLA clocks run through it")
		}
	}
}

func (s *snReader) mend(line, col int, what string) {
	s.mends = append(s.mends, Repair{Line: line, Ticket: s.g.key, Column: s.g.header[col], What: what})
}

// keepMends adds the current ticket's repairs, in line order, to the
// reader's list once the ticket is read whole.
func (s *snReader) keepMends() {
	slices.SortStableFunc(s.mends, func(a, b Repair) int { return a.Line - b.Line })
	s.repairs = append(s.repairs, s.mends...)
}

// local is a time as the export writes it.
func (s *snReader) local(t time.Time) string {
	t = t.In(s.opt.Location)
	if t.Second() != 0 {
		return t.Format("2/1/2006 15:04:05")
	}
	return t.Format("2/1/2006 15:04")
}

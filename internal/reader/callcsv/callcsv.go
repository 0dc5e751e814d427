// Package callcsv reads a phone system's call log as CSV (plain or
// gzipped), through the bounded reader, for the telephony figures of
// periods before the webhook was set up. The columns are documented in the
// README ("Telephony figures"): one row a call, a header row first.
package callcsv

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/reader"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Columns are the columns the format knows, in the README's order.
var Columns = []string{"call_id", "queued_at", "answered_at", "transferred_at", "abandoned_at", "ended_at",
	"outcome", "agent", "queue", "caller", "ticket_ref"}

var required = []string{"call_id", "queued_at"}

// Outcomes a row may name; blank means worked out from the times.
const (
	Answered    = "answered"
	Abandoned   = "abandoned"
	Transferred = "transferred"
)

// maxText is the most a name or number may be.
const maxText = 200

// Call is one row of the log.
type Call struct {
	Line                                            int
	CallID                                          string
	Queued, Answered, Transferred, Abandoned, Ended time.Time
	Outcome, Agent, Queue, Caller, TicketRef        string
}

// Error says where the file is wrong: its file, line and column.
type Error = reader.LineError

const timeHelp = "is not a date and time (ISO 8601, such as 2026-03-02T09:15:04Z, 2026-03-02T09:15:04+01:00, " +
	"or 2026-03-02 09:15:04 in the council's time zone)"

// Read reads a whole call log. Times without an offset are in loc. The
// first mistake stops it, named by file, line and column.
func Read(r io.Reader, file string, loc *time.Location) ([]Call, error) {
	in, err := reader.OpenLines(r, file)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(in)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	records := bounded.NewRecords("calls")
	fail := func(line int, col, reason string, err error) error {
		return &Error{File: file, Line: line, Column: col, Reason: reason, Err: err}
	}
	readErr := func(err error) error {
		var pe *csv.ParseError
		var le *bounded.LimitError
		switch {
		case errors.As(err, &pe):
			return fail(pe.StartLine, "", pe.Err.Error(), err)
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
			return nil, fail(1, fmt.Sprintf("%d", i+1), "the header "+reason, nil)
		}
		if _, ok := col[name]; ok || !known(name) {
			why := "is not a call log column; the columns are " + strings.Join(Columns, ", ")
			if ok {
				why = "appears twice in the header"
			}
			return nil, fail(1, fmt.Sprintf("%q", bounded.Excerpt(name)), why, nil)
		}
		col[name] = i
	}
	for _, c := range required {
		if _, ok := col[c]; !ok {
			return nil, fail(1, c, "is missing from the header; the required columns are "+strings.Join(required, ", "), nil)
		}
	}
	var calls []Call
	seen := map[string]int{}
	for {
		in.Mark()
		rec, err := cr.Read()
		if err == io.EOF {
			return calls, nil
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
		c, bad := row(rec, col, line, loc)
		if bad != nil {
			bad.File = file
			return nil, bad
		}
		if first, dup := seen[c.CallID]; dup {
			return nil, fail(line, "call_id", fmt.Sprintf("%q is given twice (first on line %d)", bounded.Excerpt(c.CallID), first), nil)
		}
		seen[c.CallID] = line
		calls = append(calls, c)
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

// Package gophishcsv reads the results of a Gophish phishing campaign as
// Gophish exports them ("Export CSV" > "Results" on a campaign's page, or
// the campaign's results from the API written as CSV), through the bounded
// reader. Plain or gzipped; a header row first; columns in any order.
//
// What ward relies on about Gophish (models/result.go and the campaign
// results page's export):
//
//   - The results export has one row per recipient and the columns
//     id, status, ip, latitude, longitude, send_date, reported,
//     modified_date, email, first_name, last_name, position. ward needs
//     email and status; send_date, modified_date and reported are read when
//     present; the others (the IP address and its place, the names) are
//     ignored: ward matches the address to the org's people instead.
//   - status is the furthest step the recipient reached, never moved back:
//     "Email Sent", "Email Opened", "Clicked Link", "Submitted Data".
//     Gophish does not let an open overwrite a click or a submission.
//     Before the e-mail goes it is "Scheduled", "Queued", "Sending" or
//     "Retrying"; a failed send is "Error" (or "Error Sending Email"). Those
//     rows are read as not sent and are counted, not stored.
//   - reported is a separate boolean ("true"/"false"): reporting the
//     e-mail sets it and leaves the status alone. Older Gophish versions
//     wrote the status "Email Reported" instead, which hides the step the
//     person had reached; ward reads that as sent (they had the e-mail) and
//     reported, and keeps both.
//   - send_date is when the e-mail went; modified_date is when the result
//     last changed (the furthest step or the report, whichever came last).
//     Both are Go times written as RFC 3339 (2026-03-02T09:15:04.123Z or
//     with an offset); Gophish writes 0001-01-01T00:00:00Z for a time it
//     does not have, which ward reads as none. So ward knows when each
//     e-mail was sent and when the furthest step (or, for a reported
//     result, the report) happened; the times of the steps passed on the
//     way are not in this export.
package gophishcsv

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

// Columns are the columns of Gophish's results export, in its order.
var Columns = []string{"id", "status", "ip", "latitude", "longitude", "send_date", "reported",
	"modified_date", "email", "first_name", "last_name", "position"}

var required = []string{"email", "status"}

// Step is how far along the phishing funnel a recipient went.
type Step int

// The steps, in order. NotSent is a row whose e-mail never went.
const (
	NotSent Step = iota
	Sent
	Opened
	Clicked
	Submitted
)

var stepNames = [...]string{"not sent", "sent", "opened", "clicked", "submitted"}

func (s Step) String() string {
	if s < 0 || int(s) >= len(stepNames) {
		return "unknown"
	}
	return stepNames[s]
}

// statuses maps Gophish's status strings (compared in lower case) to the
// step and whether the status itself says the e-mail was reported.
var statuses = map[string]struct {
	step     Step
	reported bool
}{
	"email sent":          {Sent, false},
	"email opened":        {Opened, false},
	"clicked link":        {Clicked, false},
	"submitted data":      {Submitted, false},
	"email reported":      {Sent, true},
	"scheduled":           {NotSent, false},
	"queued":              {NotSent, false},
	"sending":             {NotSent, false},
	"retrying":            {NotSent, false},
	"unknown":             {NotSent, false},
	"error":               {NotSent, false},
	"error sending email": {NotSent, false},
}

// maxText is the most an e-mail address or a status may be.
const maxText = 320

// Result is one recipient's row.
type Result struct {
	Line     int
	Email    string // lower case
	Status   string // as Gophish wrote it
	Step     Step
	Reported bool
	SentAt   time.Time // zero when unknown
	// ChangedAt is Gophish's modified_date: when the furthest step (or the
	// report) happened; zero when unknown.
	ChangedAt time.Time
}

// Error says where the file is wrong: its file, line and column.
type Error = reader.LineError

// Read reads a whole results export. The first mistake stops it, named by
// file, line and column.
func Read(r io.Reader, file string) ([]Result, error) {
	in, err := reader.OpenLines(r, file)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(in)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	records := bounded.NewRecords("results")
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
		return nil, fail(1, "", "the file is empty: expected Gophish's results export, with a header row naming at least "+strings.Join(required, ", "), nil)
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
		if _, ok := col[name]; ok {
			return nil, fail(1, fmt.Sprintf("%q", bounded.Excerpt(name)), "appears twice in the header", nil)
		}
		// Columns ward does not know are left alone: a Gophish fork may add some.
		col[name] = i
	}
	for _, c := range required {
		if _, ok := col[c]; !ok {
			return nil, fail(1, c, "is missing from the header; is this Gophish's results export? It needs "+strings.Join(required, ", "), nil)
		}
	}
	var out []Result
	seen := map[string]int{}
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
		res, bad := row(rec, col, line)
		if bad != nil {
			bad.File = file
			return nil, bad
		}
		if first, dup := seen[res.Email]; dup {
			return nil, fail(line, "email", fmt.Sprintf("%q is given twice (first on line %d); a campaign has one result per address", bounded.Excerpt(res.Email), first), nil)
		}
		seen[res.Email] = line
		out = append(out, res)
	}
}

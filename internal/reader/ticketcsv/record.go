// Package ticketcsv turns other desk tools' exports into desk tickets and
// their histories: the ServiceNow incident event log and ward's own generic
// ticket CSV (docs/ticket-csv.md). It streams one ticket at a time and knows
// nothing of SQL; the store writes what it yields in one transaction.
package ticketcsv

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/ward-shared-service/ward/internal/csvout"
	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// Record is one ticket read from a file, with its history in order.
type Record struct {
	Ticket desk.Ticket
	// Events start with the Opened event, then one event per row.
	Events []desk.Event
	// Lines are the file's line numbers (1-based, the header is line 1) the
	// events came from, one per event: the Opened event is credited to the
	// ticket's first row.
	Lines []int
	// Hash is hex SHA-256 over the ticket's fields and its events (not the
	// line numbers), so a re-import can tell an unchanged ticket cheaply
	// even when the file's rows have moved.
	Hash string
}

// RowError is a bad row: the import stops with it unless rows are being
// skipped.
type RowError struct {
	File   string
	Line   int
	Column string // empty when the problem is with the whole ticket or the file
	Value  string
	Reason string
	Ticket string // the ticket number, if known
}

func (e *RowError) Error() string { return prefix(e.File) + e.message() }

func prefix(file string) string {
	if file == "" {
		return ""
	}
	return file + ": "
}

// message is the error without the file name, as the rejected-rows report
// shows it.
func (e *RowError) message() string {
	s := "line " + strconv.Itoa(e.Line) + ": "
	switch {
	case e.Column != "":
		s += "column " + strconv.Quote(bounded.Excerpt(e.Column)) + ": "
	case e.Ticket != "":
		s += "ticket " + e.Ticket + ": "
	}
	return s + e.Reason
}

// Options say how to read a file.
type Options struct {
	File        string         // name used in errors
	Location    *time.Location // zone of the file's local times (Europe/London by default); records' times are UTC
	SkipInvalid bool           // when true, a ticket with any bad row is skipped whole; its rows and reasons go to Rejected
	// Strict refuses the quirks of real ServiceNow exports (see Repair) as
	// bad rows instead of mending them.
	Strict bool
}

// Rejected is one row of a ticket that was skipped.
type Rejected struct {
	Line   int
	Ticket string
	Reason string
	Raw    []string // the row's fields as read
}

// Reader yields records.
type Reader interface {
	// Next returns the next ticket; io.EOF at the end; a *RowError when a
	// row is bad and SkipInvalid is false, or when the file itself cannot
	// be read on (a ticket's rows split up, broken CSV quoting).
	Next() (Record, error)
	Rejected() []Rejected // rows skipped so far
	Repairs() []Repair    // quirks mended so far, in the imported tickets only
	Rows() int            // data rows read so far
	Header() []string     // the file's header, for WriteRejected
}

// WriteRejected writes a CSV report of skipped rows: line, ticket, reason,
// then the row's own fields under the file's header. The rows are the ones
// ward refused, so they go through csvout, which keeps a spreadsheet from
// running a cell as a formula.
func WriteRejected(w io.Writer, header []string, rej []Rejected) error {
	cw := csvout.NewWriter(w)
	rec := append([]string{"line", "ticket", "reason"}, header...)
	if err := cw.Write(rec); err != nil {
		return err
	}
	for _, r := range rej {
		rec = append(rec[:0], strconv.Itoa(r.Line), r.Ticket, r.Reason)
		rec = append(rec, r.Raw...)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// defaults fills in the zone and checks it can be loaded, which needs the
// system's time zone database (or Go's embedded copy in the binary).
func (o Options) defaults() (Options, error) {
	if o.Location == nil {
		loc, err := time.LoadLocation("Europe/London")
		if err != nil {
			return o, fmt.Errorf("%sthe file's times are local to Europe/London, but that zone cannot be loaded (%v); install the time zone database or give a location",
				prefix(o.File), err)
		}
		o.Location = loc
	}
	return o, nil
}

// decompressed sniffs the gzip magic bytes so a .csv.gz export can be given
// as it is, and reads through bounded's caps on expanded size, compression
// ratio and line length.
func decompressed(r io.Reader, file string) (*bounded.LineReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s%w", prefix(file), err)
	}
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return bounded.Lines(bounded.Plain(br)), nil
	}
	zr, err := bounded.Gzip(br)
	if err != nil {
		return nil, fmt.Errorf("%snot a readable gzip file: %w", prefix(file), err)
	}
	return bounded.Lines(zr), nil
}

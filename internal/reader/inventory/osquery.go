package inventory

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"
)

// osquery's results log (the filesystem logger's osqueryd.results.log, or
// the same lines forwarded by Fleet or a log shipper): one JSON object per
// line, each a query's result on one host:
//
//	{"name":"pack/ward/system_info","hostIdentifier":"LBH-PC-0042","calendarTime":"Mon Mar  4 09:15:02 2024 UTC",
//	 "unixTime":1709543702,"action":"snapshot","snapshot":[{"hardware_serial":"5CG1234XYZ",...}]}
//
// Snapshot results carry every row in "snapshot"; differential ones one
// row in "columns" with "action" added or removed, or batches in
// "diffResults". docs/device-csv.md lists the queries ward reads.

type listReader struct {
	load func() ([]*DeviceRecord, error)
	recs []*DeviceRecord
	err  error
}

// Next yields the devices once the whole file has been read, so a bad line
// anywhere means no devices at all.
func (l *listReader) Next() (*DeviceRecord, error) {
	if l.load != nil {
		l.recs, l.err = l.load()
		l.load = nil
	}
	if l.err != nil {
		return nil, l.err
	}
	if len(l.recs) == 0 {
		return nil, io.EOF
	}
	r := l.recs[0]
	l.recs = l.recs[1:]
	return r, nil
}

func openOsquery(br *bufio.Reader, file string) (DeviceReader, error) {
	return &listReader{load: func() ([]*DeviceRecord, error) {
		s := newHostSet("osquery", file)
		doc := newJSONDoc(br, file)
		if err := doc.each(br, func(e *elem) error { return osqueryLine(s, e.root()) }); err != nil {
			return nil, err
		}
		return s.devices()
	}}, nil
}

// osqueryLine reads one result.
func osqueryLine(s *hostSet, j jv) error {
	if err := j.mustObject(); err != nil {
		return err
	}
	if !j.has("name") && j.has("severity") && j.has("message") {
		return j.fail("a line of osquery's status log (osqueryd.INFO), not its results log")
	}
	id, err := j.get("hostIdentifier").text()
	if err != nil {
		return err
	}
	if id == "" {
		return j.get("hostIdentifier").fail("is missing or empty: every result must say which host it came from")
	}
	name, err := j.get("name").text()
	if err != nil {
		return err
	}
	at, err := osqueryTime(j)
	if err != nil {
		return err
	}
	ids := []string{"hid:" + id}
	h := s.find(j.e.line, ids...)
	if h.sourceID == "" {
		h.sourceID = id
	}
	if dec := j.get("decorations"); dec.object() {
		hn, err := dec.get("hostname").text()
		if err != nil {
			return err
		}
		set(&h.hostname, hn)
	}
	action, err := j.get("action").text()
	if err != nil {
		return err
	}
	// Most of a log is queries ward does not read: tell from the name and
	// the first row, before reading every row.
	if !j.has("snapshot") && !j.has("columns") && !j.has("diffResults") {
		return j.fail("has none of snapshot, columns or diffResults: not an osquery result")
	}
	if kindByName(name) == qNone && h.results[name] == nil {
		r, ok := j.firstRow("snapshot")
		if !ok {
			r, ok = j.get("diffResults").firstRow("added")
		}
		if !ok {
			r = peekRow(j.get("columns"))
		}
		if kindByColumns(r) == qNone {
			h.seen(at)
			return nil
		}
	}
	switch {
	case j.has("snapshot"):
		rows, err := readRows(j.get("snapshot"))
		if err != nil {
			return err
		}
		return s.snapshot(h, name, at, rows)
	case j.has("diffResults"):
		diff := j.get("diffResults")
		if err := diff.mustObject(); err != nil {
			return err
		}
		added, err := readRows(diff.get("added"))
		if err != nil {
			return err
		}
		removed, err := readRows(diff.get("removed"))
		if err != nil {
			return err
		}
		return s.differential(h, name, at, added, removed)
	case j.has("columns"):
		r, err := readRow(j.get("columns"))
		if err != nil {
			return err
		}
		switch strings.ToLower(action) {
		case "added", "":
			return s.differential(h, name, at, []row{r}, nil)
		case "removed":
			return s.differential(h, name, at, nil, []row{r})
		case "snapshot":
			return s.snapshot(h, name, at, []row{r})
		}
		return j.get("action").fail(quote(action) + " is not added, removed or snapshot")
	}
	return j.fail("has none of snapshot, columns or diffResults: not an osquery result")
}

// osqueryTime is when the result was collected: unixTime (a number, or a
// number in a string in older osquery), else calendarTime.
func osqueryTime(j jv) (time.Time, error) {
	u := j.get("unixTime")
	switch v := u.v.(type) {
	case json.Number, string:
		s, _ := u.text()
		if s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil || n < 0 || n > 32503680000 { // up to the year 3000
				return time.Time{}, u.fail(describe(v) + " is not a time in seconds since 1970")
			}
			return time.Unix(n, 0).UTC(), nil
		}
	case nil:
	default:
		return time.Time{}, u.fail(describe(v) + " is not a time in seconds since 1970")
	}
	c := j.get("calendarTime")
	s, err := c.text()
	if err != nil || s == "" {
		return time.Time{}, err
	}
	t, perr := time.Parse("Mon Jan _2 15:04:05 2006 MST", s)
	if perr != nil {
		return time.Time{}, c.fail(quote(s) + " is not a time as osquery writes it (Mon Mar  4 09:15:02 2024 UTC)")
	}
	return t.UTC(), nil
}

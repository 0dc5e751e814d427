package ticketcsv

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// ward's generic ticket CSV, documented in docs/ticket-csv.md: one row per
// event, a ticket's rows together and in time order, blank meaning
// "unchanged".

// csvColumns are the columns the format knows, in the documentation's order.
var csvColumns = []string{"ticket", "event_at", "type", "opened_at", "state", "priority", "impact", "urgency",
	"category", "subcategory", "channel", "title", "description", "caller", "caller_phone", "site",
	"assignment_group", "assignee", "actor", "note", "resolved_at", "closed_at"}

var csvRequired = []string{"ticket", "event_at", "opened_at"}

const isoDate = "is not a date and time (ISO 8601, such as 2026-03-02T09:15, 2026-03-02T09:15:00Z or 2026-03-02T09:15+01:00)"

type csvReader struct {
	g        *groups
	opt      Options
	col      map[string]int
	rejected []Rejected
	err      error
	rows     []csvRow
	faults   []*RowError
	h        hasher
}

type csvRow struct {
	line                                 int
	at, opened, resolved, closed         time.Time
	typ                                  desk.Type
	state                                desk.State
	priority                             desk.Priority
	impact, urgency                      desk.Level
	channel                              desk.Channel
	category, subcategory, title, desc   string
	caller, phone, site, group, assignee string
	actor, note                          string
}

// csvName lets "Assignment Group" or "assignment-group" stand for
// assignment_group.
func csvName(h string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(h)))
}

// CSV reads ward's generic ticket CSV, plain or gzipped.
func CSV(r io.Reader, opt Options) (Reader, error) {
	opt, err := opt.defaults()
	if err != nil {
		return nil, err
	}
	g, cols, err := openGroups(r, opt.File, csvName)
	if err != nil {
		return nil, err
	}
	// An unknown column is refused rather than ignored: a misspelt
	// "assigne" would otherwise drop every assignee without a word.
	for i, h := range g.header {
		name := csvName(h)
		if name != "" && !known(name) {
			return nil, &RowError{File: opt.File, Line: 1, Column: bounded.Excerpt(h),
				Reason: fmt.Sprintf("(field %d) is not a ticket CSV column; the columns are %s", i+1, strings.Join(csvColumns, ", "))}
		}
	}
	if err := requireColumns(opt.File, cols, csvRequired); err != nil {
		return nil, err
	}
	col := make(map[string]int, len(csvColumns))
	for _, c := range csvColumns {
		col[c] = -1
		if i, ok := cols[c]; ok {
			col[c] = i
		}
	}
	g.keyCol = col["ticket"]
	return &csvReader{g: g, opt: opt, col: col}, nil
}

func known(name string) bool {
	for _, c := range csvColumns {
		if c == name {
			return true
		}
	}
	return false
}

func (c *csvReader) Rejected() []Rejected { return c.rejected }

// Repairs is empty: ward's own format has no quirks to mend.
func (c *csvReader) Repairs() []Repair { return nil }
func (c *csvReader) Rows() int         { return c.g.rows }
func (c *csvReader) Header() []string  { return c.g.header }

func (c *csvReader) Next() (Record, error) {
	for c.err == nil {
		if err := c.g.next(); err != nil {
			c.err = err
			break
		}
		rec, fault := c.ticket()
		if fault == nil {
			return rec, nil
		}
		if !c.opt.SkipInvalid {
			c.err = fault
			break
		}
		c.rejected = c.g.rejectGroup(c.rejected, fault, c.faults)
	}
	return Record{}, c.err
}

func (c *csvReader) ticket() (Record, *RowError) {
	g := c.g
	c.rows, c.faults = c.rows[:0], c.faults[:0]
	var fault *RowError
	for i := 0; i < g.n; i++ {
		row, err := c.row(i)
		c.rows = append(c.rows, row)
		c.faults = append(c.faults, err)
		if fault == nil {
			fault = err
		}
	}
	if fault != nil {
		return Record{}, fault
	}

	rows := c.rows
	t := desk.Ticket{Ref: g.key, Source: "csv", ExternalID: g.key, Type: desk.Incident, State: desk.New,
		OpenedAt: rows[0].opened}
	evs := make([]desk.Event, 1, len(rows)+1)
	lines := make([]int, 1, len(rows)+1)
	lines[0] = rows[0].line
	var opening desk.Priority
	for i := range rows {
		r := &rows[i]
		set(&t.Category, r.category)
		set(&t.Subcategory, r.subcategory)
		set(&t.Title, r.title)
		set(&t.Description, r.desc)
		set(&t.Caller, r.caller)
		set(&t.CallerPhone, r.phone)
		set(&t.Site, r.site)
		set(&t.AssignmentGroup, r.group)
		set(&t.Assignee, r.assignee)
		set(&t.Type, r.typ)
		set(&t.State, r.state)
		set(&t.Channel, r.channel)
		set(&t.Impact, r.impact)
		set(&t.Urgency, r.urgency)
		set(&t.ResolvedAt, r.resolved)
		set(&t.ClosedAt, r.closed)
		p := r.priority
		if p == 0 && (r.impact != 0 || r.urgency != 0) && t.Impact != 0 && t.Urgency != 0 {
			p = desk.PriorityFor(t.Impact, t.Urgency)
		}
		if i == 0 {
			// A ticket whose first row neither gives nor derives a
			// priority opens as desk.PriorityFor does for unknowns: P3.
			opening = p
			if opening == 0 {
				opening = desk.PriorityFor(0, 0)
			}
			t.Priority = opening
		}
		set(&t.Priority, p)
		evs = append(evs, desk.Event{At: r.at, Kind: desk.Updated, State: r.state, Priority: p,
			AssignmentGroup: r.group, Assignee: r.assignee, Actor: r.actor, Note: r.note, Seq: i})
		lines = append(lines, r.line)
	}
	if t.Title == "" {
		t.Title = title(t.Category, t.Subcategory, "", t.Ref)
	}
	evs[0] = desk.Event{At: t.OpenedAt, Kind: desk.Opened, State: desk.New, Priority: opening, Seq: -1}
	if err := checkHistory(c.opt.File, t, evs, lines); err != nil {
		return Record{}, err
	}
	return Record{Ticket: t, Events: evs, Lines: lines, Hash: c.h.sum(t, evs)}, nil
}

// set keeps the last value a row gives; blank or zero leaves it unchanged.
func set[T comparable](to *T, v T) {
	var zero T
	if v != zero {
		*to = v
	}
}

// row reads the i-th row of the current ticket.
func (c *csvReader) row(i int) (csvRow, *RowError) {
	g, loc := c.g, c.opt.Location
	rec, line := g.raw[i], g.lines[i]
	r := csvRow{line: line}
	fail := func(name, v, reason string) *RowError {
		if i := c.col[name]; i >= 0 {
			name = g.header[i] // as the file spells it
		}
		return &RowError{File: c.opt.File, Line: line, Column: bounded.Excerpt(name), Value: v, Ticket: g.key, Reason: reason}
	}
	get := func(name string) string { return field(rec, c.col[name]) }
	if len(rec) != len(g.header) {
		return r, &RowError{File: c.opt.File, Line: line, Ticket: g.key,
			Reason: fmt.Sprintf("the row has %d fields, but the header has %d", len(rec), len(g.header))}
	}
	if bad := badText(c.opt.File, g.header, rec, line, g.key); bad != nil {
		return r, bad
	}
	if get("ticket") == "" {
		return r, fail("ticket", "", "is empty; every row needs the ticket's number")
	}
	var ok bool
	v := get("event_at")
	if v == "" {
		return r, fail("event_at", "", "is empty; every row needs the time of its event")
	}
	if r.at, ok = parseISO(v, loc); !ok {
		return r, fail("event_at", v, fmt.Sprintf("%q %s", v, isoDate))
	}
	if i > 0 {
		if prev := c.rows[i-1]; !prev.at.IsZero() && r.at.Before(prev.at) {
			return r, fail("event_at", v, fmt.Sprintf("%q is earlier than the row before it (line %d, %s); a ticket's rows must be in time order",
				v, prev.line, prev.at.Format(time.RFC3339)))
		}
	}
	v = get("opened_at")
	switch {
	case v == "" && i == 0:
		return r, fail("opened_at", "", "is empty; the first row of a ticket must say when it was opened")
	case v != "":
		if r.opened, ok = parseISO(v, loc); !ok {
			return r, fail("opened_at", v, fmt.Sprintf("%q %s", v, isoDate))
		}
		if first := c.rows; i > 0 && !first[0].opened.IsZero() && !r.opened.Equal(first[0].opened) {
			return r, fail("opened_at", v, fmt.Sprintf("%q differs from the opening time on line %d (%s); later rows may repeat it or leave it blank",
				v, first[0].line, first[0].opened.Format(time.RFC3339)))
		}
	}
	for _, d := range []struct {
		name string
		to   *time.Time
	}{{"resolved_at", &r.resolved}, {"closed_at", &r.closed}} {
		if v := get(d.name); v != "" {
			if *d.to, ok = parseISO(v, loc); !ok {
				return r, fail(d.name, v, fmt.Sprintf("%q %s", v, isoDate))
			}
		}
	}
	var err error
	enum := func(name string, parse func(string) error) *RowError {
		if v := get(name); v != "" {
			if err := parse(v); err != nil {
				return fail(name, v, err.Error())
			}
		}
		return nil
	}
	for _, e := range []struct {
		name  string
		parse func(string) error
	}{
		{"type", func(v string) error { r.typ, err = desk.ParseType(v); return err }},
		{"state", func(v string) error { r.state, err = desk.ParseState(v); return err }},
		{"priority", func(v string) error { r.priority, err = desk.ParsePriority(v); return err }},
		{"impact", func(v string) error { r.impact, err = desk.ParseLevel(v); return err }},
		{"urgency", func(v string) error { r.urgency, err = desk.ParseLevel(v); return err }},
		{"channel", func(v string) error { r.channel, err = desk.ParseChannel(v); return err }},
	} {
		if bad := enum(e.name, e.parse); bad != nil {
			return r, bad
		}
	}
	r.category, r.subcategory, r.title, r.desc = get("category"), get("subcategory"), get("title"), get("description")
	r.caller, r.phone, r.site = get("caller"), get("caller_phone"), get("site")
	r.group, r.assignee, r.actor, r.note = get("assignment_group"), get("assignee"), get("actor"), get("note")
	return r, nil
}

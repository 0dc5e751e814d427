package ticketcsv

import (
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/reader/bounded"
)

// row reads one update, checking every column ward uses.
func (s *snReader) row(rec []string, line int) (snRow, *RowError) {
	c, loc := &s.c, s.opt.Location
	r := snRow{line: line}
	bad := func(col int, reason string) *RowError {
		v := field(rec, col)
		return &RowError{File: s.opt.File, Line: line, Column: bounded.Excerpt(s.g.header[col]), Value: v, Ticket: s.g.key,
			Reason: fmt.Sprintf("%q %s", v, reason)}
	}
	empty := func(col int, what string) *RowError {
		return &RowError{File: s.opt.File, Line: line, Column: bounded.Excerpt(s.g.header[col]), Ticket: s.g.key,
			Reason: "is empty; every row needs " + what}
	}
	if len(rec) != c.width {
		return r, &RowError{File: s.opt.File, Line: line, Ticket: s.g.key,
			Reason: fmt.Sprintf("the row has %d fields, but the header has %d", len(rec), c.width)}
	}
	if bad := badText(s.opt.File, s.g.header, rec, line, s.g.key); bad != nil {
		return r, bad
	}
	if val(rec, c.number) == "" {
		return r, empty(c.number, "the incident number")
	}
	v := val(rec, c.state)
	if v == "" {
		return r, empty(c.state, "the incident state")
	}
	var ok bool
	if r.state, ok = snState(v); !ok {
		if s.opt.Strict {
			return r, bad(c.state, "is not an incident state ward knows (New, Active, Awaiting User Info, Awaiting Evidence, Awaiting Vendor, Awaiting Problem, Resolved, Closed)")
		}
		// A state the instance added itself, such as -100: kept as written.
		r.state, r.unknown = desk.State(strings.Clone(v)), true
	}
	if val(rec, c.mod) == "" {
		return r, empty(c.mod, "its update count")
	}
	if r.mod, ok = atoi(val(rec, c.mod)); !ok {
		return r, bad(c.mod, "is not a whole number")
	}
	for _, d := range []struct {
		col  int
		to   *time.Time
		need string
	}{{c.opened, &r.opened, "the time the incident was opened"}, {c.updated, &r.updated, "the time of the update"},
		{c.resolved, &r.resolved, ""}, {c.closed, &r.closed, ""}} {
		v := val(rec, d.col)
		if v == "" {
			if d.need != "" {
				return r, empty(d.col, d.need)
			}
			continue
		}
		if *d.to, ok = parseDMY(v, loc); !ok {
			return r, bad(d.col, snDate)
		}
	}
	v = val(rec, c.priority)
	if v == "" {
		return r, empty(c.priority, "the priority")
	}
	p, ok := snNumbered(v, 4)
	if !ok {
		if r.priority, ok = parseEnum(v, desk.ParsePriority); !ok {
			return r, bad(c.priority, "is not a priority (1 - Critical, 2 - High, 3 - Moderate or 4 - Low)")
		}
	} else {
		r.priority = desk.Priority(p)
	}
	for _, l := range []struct {
		col int
		to  *desk.Level
	}{{c.impact, &r.impact}, {c.urgency, &r.urgency}} {
		v := val(rec, l.col)
		if v == "" {
			continue
		}
		n, ok := snNumbered(v, 3)
		if !ok {
			if *l.to, ok = parseEnum(v, desk.ParseLevel); !ok {
				return r, bad(l.col, "is not a level (1 - High, 2 - Medium or 3 - Low)")
			}
			continue
		}
		*l.to = desk.Level(n)
	}
	if v = val(rec, c.contact); v != "" {
		if r.channel, ok = snChannel(v); !ok {
			return r, bad(c.contact, "is not a contact type ward knows (Phone, Email, Self service, Walk-in, Monitoring)")
		}
	}
	r.group, r.assignee, r.actor = val(rec, c.group), val(rec, c.assignee), val(rec, c.updatedBy)
	r.category, r.subcategory, r.symptom = val(rec, c.category), val(rec, c.subcategory), val(rec, c.symptom)
	r.caller, r.site, r.by = val(rec, c.caller), val(rec, c.location), val(rec, c.openedBy)
	return r, nil
}

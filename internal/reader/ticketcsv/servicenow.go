package ticketcsv

import (
	"io"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
)

// The ServiceNow incident event log: one row per update of an incident,
// the incident's fields as they stood after that update, `?` for empty.

var snRequired = []string{"number", "incident_state", "sys_mod_count", "opened_at", "sys_updated_at", "priority"}

const snDate = "is not a date (d/m/yyyy hh:mm)"

type snReader struct {
	g        *groups
	opt      Options
	c        snCols
	rejected []Rejected
	err      error // once the import has stopped, it stays stopped
	rows     []snRow
	faults   []*RowError
	mends    []Repair // the current ticket's repairs
	repairs  []Repair // the repairs of the tickets read
	h        hasher
}

type snCols struct {
	number, state, mod, opened, updated, priority int
	impact, urgency, contact, location            int
	category, subcategory, symptom                int
	group, assignee, caller, openedBy, updatedBy  int
	resolved, closed, width                       int
}

// snRow is one update as read; its strings point into the CSV reader's
// record, which is allocated afresh for every row.
type snRow struct {
	line, mod                      int
	state                          desk.State
	unknown                        bool // the state is kept as written
	priority                       desk.Priority
	impact, urgency                desk.Level
	channel                        desk.Channel
	opened, updated                time.Time
	resolved, closed               time.Time
	group, assignee, actor         string
	category, subcategory, symptom string
	caller, site, by               string
}

// ServiceNow reads a ServiceNow incident event log, plain or gzipped.
func ServiceNow(r io.Reader, opt Options) (Reader, error) {
	opt, err := opt.defaults()
	if err != nil {
		return nil, err
	}
	g, cols, err := openGroups(r, opt.File, func(h string) string { return strings.ToLower(strings.TrimSpace(h)) })
	if err != nil {
		return nil, err
	}
	if err := requireColumns(opt.File, cols, snRequired); err != nil {
		return nil, err
	}
	col := func(name string) int {
		if i, ok := cols[name]; ok {
			return i
		}
		return -1
	}
	g.keyCol = col("number")
	return &snReader{g: g, opt: opt, c: snCols{
		number: col("number"), state: col("incident_state"), mod: col("sys_mod_count"),
		opened: col("opened_at"), updated: col("sys_updated_at"), priority: col("priority"),
		impact: col("impact"), urgency: col("urgency"), contact: col("contact_type"), location: col("location"),
		category: col("category"), subcategory: col("subcategory"), symptom: col("u_symptom"),
		group: col("assignment_group"), assignee: col("assigned_to"), caller: col("caller_id"),
		openedBy: col("opened_by"), updatedBy: col("sys_updated_by"), resolved: col("resolved_at"),
		closed: col("closed_at"), width: len(g.header),
	}}, nil
}

func (s *snReader) Rejected() []Rejected { return s.rejected }
func (s *snReader) Repairs() []Repair    { return s.repairs }
func (s *snReader) Rows() int            { return s.g.rows }
func (s *snReader) Header() []string     { return s.g.header }

func (s *snReader) Next() (Record, error) {
	for s.err == nil {
		if err := s.g.next(); err != nil {
			s.err = err
			break
		}
		rec, fault := s.ticket()
		if fault == nil {
			return rec, nil
		}
		if !s.opt.SkipInvalid {
			s.err = fault
			break
		}
		s.rejected = s.g.rejectGroup(s.rejected, fault, s.faults)
	}
	return Record{}, s.err
}

// ticket turns the current group into a record, or says why it cannot.
func (s *snReader) ticket() (Record, *RowError) {
	g := s.g
	s.rows, s.faults = s.rows[:0], s.faults[:0]
	var fault *RowError
	for i := 0; i < g.n; i++ {
		row, err := s.row(g.raw[i], g.lines[i])
		s.rows = append(s.rows, row)
		s.faults = append(s.faults, err)
		if fault == nil {
			fault = err
		}
	}
	if fault != nil {
		return Record{}, fault
	}
	// The export is not always in update order; sys_mod_count is.
	rows := s.rows
	s.mends = s.mends[:0]
	if s.opt.Strict {
		if err := s.refuseRepeatedCounts(rows); err != nil {
			return Record{}, err
		}
	} else {
		s.orderRepeatedCounts(rows)
		s.clampTimes(rows, rows[len(rows)-1].opened)
		s.unknownStates(rows)
	}

	first, last := &rows[0], &rows[len(rows)-1]
	t := desk.Ticket{
		Ref: g.key, Source: "servicenow", ExternalID: g.key, Type: desk.Incident,
		Priority: last.priority, Impact: last.impact, Urgency: last.urgency,
		Category: last.category, Subcategory: last.subcategory, Channel: last.channel,
		Title:  title(last.category, last.subcategory, last.symptom, g.key),
		Caller: last.caller, Site: last.site, AssignmentGroup: last.group, Assignee: last.assignee,
		State: last.state, OpenedAt: last.opened, ResolvedAt: last.resolved, ClosedAt: last.closed,
	}
	evs := make([]desk.Event, 0, len(rows)+1)
	lines := make([]int, 0, len(rows)+1)
	evs = append(evs, desk.Event{At: t.OpenedAt, Kind: desk.Opened, State: desk.New, Priority: first.priority, Actor: first.by, Seq: -1})
	lines = append(lines, first.line)
	for i := range rows {
		r := &rows[i]
		evs = append(evs, desk.Event{At: r.updated, Kind: desk.Updated, State: r.state, Priority: r.priority,
			AssignmentGroup: r.group, Assignee: r.assignee, Actor: r.actor, Seq: r.mod})
		lines = append(lines, r.line)
	}
	if err := checkHistory(s.opt.File, t, evs, lines); err != nil {
		return Record{}, err
	}
	s.keepMends()
	return Record{Ticket: t, Events: evs, Lines: lines, Hash: s.h.sum(t, evs)}, nil
}

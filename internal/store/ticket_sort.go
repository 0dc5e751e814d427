package store

import (
	"cmp"
	"context"
	"database/sql"
	"strconv"
	"strings"
)

type keyKind int

const (
	keyTime keyKind = iota
	keyInt
	keyText
)

// ticketSortSpec is how one order reads its index: the column, its kind,
// whether it runs high to low, and whether it may be NULL (NULLs come last,
// by id, read as a second run of the same index).
type ticketSortSpec struct {
	sort     TicketSort
	column   string
	kind     keyKind
	desc     bool
	nullable bool
}

var ticketSortSpecs = map[TicketSort]ticketSortSpec{
	SortOpened:   {sort: SortOpened, column: "opened_at", kind: keyTime, desc: true},
	SortPriority: {sort: SortPriority, column: "priority", kind: keyInt},
	SortDue:      {sort: SortDue, column: "deadline_at", kind: keyTime, nullable: true},
	SortUpdated:  {sort: SortUpdated, column: "updated_at", kind: keyTime, desc: true},
	SortRef:      {sort: SortRef, column: "ref", kind: keyText},
}

// compare orders two tickets as the list shows them, agreeing with the SQL
// below so that runs from several orgs merge into the order each was read in.
func (sp ticketSortSpec) compare(a, b *Ticket) int {
	ka, kb := cursorAt(a, sp.sort, false), cursorAt(b, sp.sort, false)
	if ka.Null != kb.Null {
		if ka.Null {
			return 1
		}
		return -1
	}
	c := 0
	if !ka.Null {
		switch sp.kind {
		case keyTime:
			c = ka.Time.Compare(kb.Time)
		case keyInt:
			c = cmp.Compare(ka.Int, kb.Int)
		default:
			c = strings.Compare(ka.Text, kb.Text)
		}
	}
	if c == 0 {
		c = cmp.Compare(a.ID, b.ID)
	}
	if sp.desc && !ka.Null {
		return -c
	}
	return c
}

// seekMode is how one query of a run starts from the cursor.
type seekMode int

const (
	fromStart seekMode = iota // no cursor
	sameKey                   // the rows with the cursor's key, past its id
	pastKey                   // the rows with keys past the cursor's
)

// orgRunQueries is the queries that read the keys of up to n tickets of
// one org in order sort from the cursor on (or back from it): id, org and
// sort key only, which the index holds, so a run costs no table reads; the
// rows shown are read after the merge (ticketsInOrder). Each query reads
// one index range exactly: a cursor's place is the rows with its key past
// its id, then the rows past its key, since SQLite cannot seek a row value
// after an equality; and for a nullable key the NULL-key rows are a run of
// their own, last. Each query's args end with its LIMIT, n: the first n of
// each range, merged, hold the first n of the run.
func (s *Store) orgRunQueries(org int64, where []string, args []any, sort TicketSort,
	cur *TicketCursor, n int, few bool) (qs []string, as [][]any) {
	sp := ticketSortSpecs[sort]
	before := cur != nil && cur.Before
	runs := []bool{false} // false: the key is set; true: the key is NULL
	if sp.nullable {
		runs = append(runs, true)
	}
	if before {
		runs = []bool{true, false}[2-len(runs):]
	}
	type step struct {
		null bool
		mode seekMode
	}
	var steps []step
	started := cur == nil
	for _, nullRun := range runs {
		switch {
		case started:
			steps = append(steps, step{nullRun, fromStart})
		case nullRun != cur.Null:
			continue
		case nullRun:
			steps = append(steps, step{true, sameKey})
		default:
			steps = append(steps, step{false, sameKey}, step{false, pastKey})
		}
		started = true
	}
	for _, st := range steps {
		q, a := s.ticketRunQuery(sort, org, where, args, st.null, before, st.mode, cur, few)
		qs, as = append(qs, q), append(as, append(a, n))
	}
	return qs, as
}

// readKeys runs the runs' queries as one (UNION ALL, each in its own
// subquery so it keeps its order, limit and index): one round trip for the
// councils in view rather than one a council and step.
func (s *Store) readKeys(ctx context.Context, sort TicketSort, qs []string, as [][]any) ([]*Ticket, error) {
	if len(qs) == 0 {
		return nil, nil
	}
	sp := ticketSortSpecs[sort]
	q, args := keysQuery(qs, as)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Ticket
	for rows.Next() {
		t, err := sp.scanKey(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// keysQuery joins the runs' queries into one.
func keysQuery(qs []string, as [][]any) (string, []any) {
	parts := make([]string, len(qs))
	var args []any
	for i, q := range qs {
		parts[i] = "SELECT * FROM (" + q + ") AS run" + strconv.Itoa(i)
		args = append(args, as[i]...)
	}
	return strings.Join(parts, " UNION ALL "), args
}

// ticketRunQuery is the SQL of one query of a run: one org's tickets with
// the key set (or NULL), in order, started as mode says from cursor cur; the
// LIMIT is the last argument, left to the caller.
//
// few says the filter matches few tickets. SQLite, which keeps no
// statistics, would still read the order's index and check every row
// against the filter (six seconds for the 23 "assigned" of a million by
// priority); so the sort key and id are written +col and +id, which SQLite
// cannot read from an index, and it reads the filter's own index and sorts
// the few rows instead. PostgreSQL chooses from its statistics.
func (s *Store) ticketRunQuery(sort TicketSort, org int64, where []string, args []any, nullRun, before bool,
	mode seekMode, cur *TicketCursor, few bool) (string, []any) {
	sp := ticketSortSpecs[sort]
	col, id := sp.column, "id"
	if sort == SortRef && s.dialect == Postgres {
		col = `ref COLLATE "C"`
	}
	if few && s.dialect == SQLite {
		col, id = "+"+col, "+id"
	}
	cond := append([]string{"org_id = ?"}, where...)
	a := append([]any{org}, args...)
	desc := sp.desc != before
	if nullRun {
		desc = before
	}
	dir, op := " ASC", ">"
	if desc {
		dir, op = " DESC", "<"
	}
	order := col + dir + ", " + id + dir
	switch {
	case nullRun:
		cond = append(cond, col+" IS NULL")
		order = id + dir
	case sp.nullable:
		cond = append(cond, col+" IS NOT NULL")
	}
	switch {
	case mode == sameKey && nullRun:
		cond, a = append(cond, id+" "+op+" ?"), append(a, cur.ID)
	case mode == sameKey:
		cond, a = append(cond, col+" = ?", id+" "+op+" ?"), append(a, cursorValue(sp, *cur), cur.ID)
		order = id + dir
	case mode == pastKey:
		cond, a = append(cond, col+" "+op+" ?"), append(a, cursorValue(sp, *cur))
	}
	return `SELECT id, org_id, ` + sp.column + ` FROM tickets WHERE ` + strings.Join(cond, " AND ") + ` ORDER BY ` + order + ` LIMIT ?`, a
}

func cursorValue(sp ticketSortSpec, c TicketCursor) any {
	switch sp.kind {
	case keyTime:
		return c.Time.UTC()
	case keyInt:
		return c.Int
	}
	return c.Text
}

// scanKey reads a key row (id, org_id, the sort column) into a Ticket that
// holds just those, enough for compare and cursorAt.
func (sp ticketSortSpec) scanKey(sc interface{ Scan(...any) error }) (Ticket, error) {
	var t Ticket
	var key any
	switch sp.sort {
	case SortOpened:
		key = &t.OpenedAt
	case SortUpdated:
		key = &t.UpdatedAt
	case SortPriority:
		key = &t.Priority
	case SortRef:
		key = &t.Ref
	case SortDue:
		var due sql.NullTime
		if err := sc.Scan(&t.ID, &t.OrgID, &due); err != nil {
			return t, err
		}
		t.SLA.Resolution.Deadline = nullTime(due)
		return t, nil
	}
	if err := sc.Scan(&t.ID, &t.OrgID, key); err != nil {
		return t, err
	}
	t.OpenedAt, t.UpdatedAt = t.OpenedAt.UTC(), t.UpdatedAt.UTC()
	return t, nil
}

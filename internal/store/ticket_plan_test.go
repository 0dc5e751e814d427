package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/store/storetest"
)

// Every order of the ticket list reads its index from the cursor on: the
// plan of each run, first page or deep, forward or back, has no sort step
// (SQLite's "USE TEMP B-TREE FOR ORDER BY", PostgreSQL's Sort node), which
// is what made the list slow over a million tickets. A few hundred rows
// would let PostgreSQL prefer a cheap sort, so it is asked to avoid sorting
// where it can (enable_sort off): a Sort left in the plan means no index
// can give the order.
func TestTicketListOrdersAreReadFromAnIndexWithoutSorting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		analyzeTickets(t, s)
		seek := &store.TicketCursor{Time: time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC), Int: 2, Text: "INC-10100", ID: 300}
		for _, sort := range store.TicketSorts {
			for _, run := range []struct {
				name         string
				null, before bool
				mode         int
			}{{"first", false, false, 0}, {"deep, same key", false, false, 1}, {"deep, past the key", false, false, 2},
				{"back, same key", false, true, 1}, {"back, past the key", false, true, 2}, {"no key", true, false, 1}} {
				if run.null && sort != store.SortDue {
					continue
				}
				q, args := s.TicketRunSQL(sort, a.ID, run.null, run.before, run.mode, seek)
				plan := explain(t, s, q, append(args, 51)...)
				if strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort") {
					t.Errorf("%s, %s: the plan sorts\n%s\n%s", sort, run.name, q, plan)
				}
				if !strings.Contains(plan, "INDEX") && !strings.Contains(plan, "Index") {
					t.Errorf("%s, %s: the plan reads no index\n%s", sort, run.name, plan)
				}
				// A run reads keys only, which SQLite's index holds whole:
				// no table row is read until the page's 50 are known. (A
				// reference is unique, so its same-key run is one lookup.)
				sameRef := sort == store.SortRef && run.mode == 1
				if s.Dialect() == store.SQLite && !sameRef && !strings.Contains(plan, "COVERING INDEX") {
					t.Errorf("%s, %s: the run reads table rows, not just the index\n%s", sort, run.name, plan)
				}
			}
		}
	})
}

// A filter that picks a few tickets among many (a rare state, nobody
// assigned) reads an index of just those rows, for the page and its count,
// instead of checking every ticket of the council.
func TestRareFiltersReadTheirOwnIndex(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		// As in a desk's history: nearly every ticket closed and assigned.
		if _, err := s.DB().ExecContext(ctx, s.Rebind(`UPDATE tickets SET state = 'closed', assignee = 'Sam Agent'
			WHERE id % 50 <> 0`)); err != nil {
			t.Fatal(err)
		}
		analyzeTickets(t, s)
		for _, c := range []struct {
			name, index string
			f           store.TicketFilter
		}{
			{"state new", "tickets_by_state", store.TicketFilter{State: desk.New}},
			{"state assigned", "tickets_by_state", store.TicketFilter{State: desk.Assigned}},
			{"unassigned", "tickets_unassigned", store.TicketFilter{Unassigned: true}},
			{"open by deadline", "tickets_open_by_deadline", store.TicketFilter{OpenOnly: true, Sort: store.SortDue}},
			{"open by priority", "tickets_open_by_priority", store.TicketFilter{OpenOnly: true, Sort: store.SortPriority}},
		} {
			q, args := s.FilteredRunSQL(c.f, a.ID, false)
			plan := explainNoScan(t, s, q, append(args, 51)...)
			if c.f.Sort != "" { // a few rows PostgreSQL would rather sort
				plan = explain(t, s, q, append(args, 51)...)
			}
			if !strings.Contains(plan, c.index) {
				t.Errorf("%s: the page does not read %s\n%s\n%s", c.name, c.index, q, plan)
			}
			if c.f.Sort != "" {
				continue // the count has no order; any open index serves it
			}
			q, args = store.CountSQL(c.f)
			if plan := explainNoScan(t, s, q, append(append([]any{a.ID}, args...), 10001)...); !strings.Contains(plan, c.index) {
				t.Errorf("%s: the count does not read %s\n%s\n%s", c.name, c.index, q, plan)
			}
		}
	})
}

// On SQLite, a filter judged to match few tickets reads the filter's index
// and sorts them, where it would otherwise read the order's index and check
// every ticket (ticketRunQuery's few).
func TestFewMatchingTicketsAreReadByTheirFilter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if s.Dialect() != store.SQLite {
			t.Skip("PostgreSQL chooses from its statistics")
		}
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		f := store.TicketFilter{State: desk.Assigned, Sort: store.SortPriority}
		q, args := s.FilteredRunSQL(f, a.ID, true)
		if plan := explain(t, s, q, append(args, 51)...); !strings.Contains(plan, "tickets_by_state") {
			t.Errorf("few assigned tickets by priority do not read tickets_by_state\n%s\n%s", q, plan)
		}
		q, args = s.FilteredRunSQL(f, a.ID, false)
		if plan := explain(t, s, q, append(args, 51)...); !strings.Contains(plan, "tickets_by_priority") {
			t.Errorf("many by priority should read the order's index\n%s\n%s", q, plan)
		}
	})
}

// The desk's day counts read indexes, not every ticket the org ever had.
func TestDeskDayCountsReadIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		analyzeTickets(t, s)
		from := time.Date(2026, 1, 6, 0, 0, 0, 0, time.UTC)
		for i, q := range store.DeskDaySQL {
			// the index read must be bounded by the day itself
			bound := []string{"opened_at", "resolved_at"}[i]
			plan := explainNoScan(t, s, q, a.ID, from, from.AddDate(0, 0, 1))
			if !indexBoundBy(plan, bound) {
				t.Errorf("the desk's day does not read its tickets by %s\n%s\n%s", bound, q, plan)
			}
		}
	})
}

// indexBoundBy says whether a plan reads an index range bounded by column:
// SQLite's "SEARCH … (… column>? …)", PostgreSQL's "Index Cond: … column >=".
func indexBoundBy(plan, column string) bool {
	for _, line := range strings.Split(plan, "\n") {
		if (strings.Contains(line, "SEARCH") || strings.Contains(line, "Index Cond")) &&
			(strings.Contains(line, column+">") || strings.Contains(line, column+" >")) {
			return true
		}
	}
	return false
}

// explainNoScan is explain with PostgreSQL told to avoid sequential scans,
// which it prefers over any index on a table of a few hundred rows.
func explainNoScan(t *testing.T, s *store.Store, q string, args ...any) string {
	t.Helper()
	return explainWith(t, s, "enable_seqscan", q, args...)
}

// The councils' runs are read in one query, and each keeps its index and
// order inside it.
func TestTheCouncilsRunsAreOneQueryThatSortsNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		analyzeTickets(t, s)
		for _, sort := range store.TicketSorts {
			q, args := s.KeysSQL(sort, a.ID, b.ID)
			plan := explain(t, s, q, args...)
			if strings.Contains(plan, "TEMP B-TREE") || strings.Contains(plan, "Sort") || strings.Contains(plan, "Seq Scan") {
				t.Errorf("%s: the councils' runs sort or scan\n%s\n%s", sort, q, plan)
			}
		}
	})
}

// The rows a page shows are read by primary key, never by scanning.
func TestTicketRowsShownAreReadByPrimaryKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		a, b := twoCouncils(t, s)
		tiedTickets(t, s, 300, a.ID, b.ID)
		analyzeTickets(t, s)
		plan := explain(t, s, store.TicketsByIDSQL(3), 5, 77, 150)
		if !strings.Contains(plan, "PRIMARY KEY") && !strings.Contains(plan, "tickets_pkey") {
			t.Errorf("the rows shown are not read by primary key\n%s", plan)
		}
	})
}

func explain(t *testing.T, s *store.Store, q string, args ...any) string {
	t.Helper()
	return explainWith(t, s, "enable_sort", q, args...)
}

// explainWith asks for q's plan with PostgreSQL's setting off (enable_sort,
// enable_seqscan): what it then still does, no index could avoid.
func explainWith(t *testing.T, s *store.Store, off, q string, args ...any) string {
	t.Helper()
	prefix := "EXPLAIN QUERY PLAN "
	if s.Dialect() == store.Postgres {
		prefix = "EXPLAIN "
	}
	conn, err := s.DB().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if s.Dialect() == store.Postgres {
		if _, err := conn.ExecContext(ctx, "SET "+off+" = off"); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, "RESET "+off)
	}
	rows, err := conn.QueryContext(ctx, s.Rebind(prefix+q), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	return b.String()
}

// The "open" filter names every state but resolved and closed, as the
// partial index does; a new state would otherwise drop out of the list.
func TestOpenFilterNamesEveryUnfinishedState(t *testing.T) {
	for _, st := range desk.States {
		named := strings.Contains(store.OpenStates, "'"+string(st)+"'")
		if finished := st == desk.Resolved || st == desk.Closed; named == finished {
			t.Errorf("state %s: named in the open filter %v, finished %v", st, named, finished)
		}
	}
}

// analyzeTickets gives PostgreSQL's planner the test tickets' statistics, as
// autovacuum would after a load; SQLite plans without them.
func analyzeTickets(t *testing.T, s *store.Store) {
	t.Helper()
	if s.Dialect() == store.Postgres {
		if _, err := s.DB().ExecContext(ctx, "ANALYZE tickets"); err != nil {
			t.Fatal(err)
		}
	}
}

package store

import "context"

// TicketRunSQL shows tests the SQL of each query of the ticket list, so
// they can ask the engine for its plan: mode 0 is a first page, 1 the rows
// with the cursor's key, 2 the rows past it.
func (s *Store) TicketRunSQL(sort TicketSort, org int64, nullRun, before bool, mode int, cur *TicketCursor) (string, []any) {
	return s.ticketRunQuery(sort, org, nil, nil, nullRun, before, seekMode(mode), cur, false)
}

// FilteredRunSQL is the SQL of a first page's run of one org under filter f.
// few is the list's judgement that the filter matches few tickets.
func (s *Store) FilteredRunSQL(f TicketFilter, org int64, few bool) (string, []any) {
	where, args := ticketConditions(f)
	return s.ticketRunQuery(f.Sort.orDefault(), org, where, args, false, false, fromStart, nil, few)
}

// CountSQL is the SQL of one org's capped count under filter f.
func CountSQL(f TicketFilter) (string, []any) {
	where, args := ticketConditions(f)
	return countQuery(where), args
}

// DeskDaySQL is the desk's day's two counts.
var DeskDaySQL = []string{deskDayOpenedSQL, deskDayResolvedSQL}

// KeysSQL is the one query that reads a first page's keys over orgs.
func (s *Store) KeysSQL(sort TicketSort, orgs ...int64) (string, []any) {
	var qs []string
	var as [][]any
	for _, org := range orgs {
		q, a := s.orgRunQueries(org, nil, nil, sort, nil, 51, false)
		qs, as = append(qs, q...), append(as, a...)
	}
	return keysQuery(qs, as)
}

// TicketsByIDSQL is the query that reads the rows a page shows.
var TicketsByIDSQL = ticketsByIDSQL

// OpenStates is the list's "open" condition.
const OpenStates = openStates

// FillDeviceColumns is migration 019's Go step, for the tests to run again
// over devices whose columns were blanked.
var FillDeviceColumns = fillDeviceColumns

// TicketCountConditions shows tests one org's conditions of a ticket count,
// as CountTickets writes them.
func TicketCountConditions(f TicketFilter, org int64) ([]string, []any, error) {
	where, args := ticketConditions(f)
	return f.orgConditions(org, where, args)
}

// ReadInt runs a read through the store's own path (and its statement
// cache), for the tests of that cache.
func (s *Store) ReadInt(q string, args ...any) (int, error) {
	var n int
	err := s.queryRow(context.Background(), q, args...).Scan(&n)
	return n, err
}

// RerunReportKeyMigration takes bits 40–42 off every ticket's report key,
// as they were before migration 032, and runs that migration again.
func (s *Store) RerunReportKeyMigration(ctx context.Context) error {
	if _, err := s.exec(ctx, `UPDATE tickets SET report_key = report_key & ?`, int64(1<<keyRequest-1)); err != nil {
		return err
	}
	sqlText, err := migrationFiles.ReadFile("migrations/032_report_key_response.sql")
	if err != nil {
		return err
	}
	_, err = s.conn(ctx).ExecContext(ctx, s.expand(string(sqlText)))
	return err
}

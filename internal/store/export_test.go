package store

// TicketRunSQL shows tests the SQL each run of the ticket list sends, so
// they can ask the engine for its plan.
func (s *Store) TicketRunSQL(sort TicketSort, org int64, nullRun, before bool, seek *TicketCursor) (string, []any) {
	return s.ticketRunQuery(sort, org, nil, nil, nullRun, before, seek)
}

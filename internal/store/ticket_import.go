package store

import "context"

// ImportedTicket is what a re-import needs to know of a ticket it brought in before.
type ImportedTicket struct {
	ID         int64
	Ref        string
	Hash       string
	EventCount int
}

// ImportedTickets maps the source's ticket numbers to the tickets an org
// already holds from that source, read once so an import of tens of
// thousands of tickets does not ask one by one.
func (s *Store) ImportedTickets(ctx context.Context, orgID int64, source string) (map[string]ImportedTicket, error) {
	rows, err := s.query(ctx, `SELECT external_id, id, ref, content_hash, event_count FROM tickets WHERE org_id = ? AND source = ?`, orgID, source)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ImportedTicket{}
	for rows.Next() {
		var ext string
		var it ImportedTicket
		if err := rows.Scan(&ext, &it.ID, &it.Ref, &it.Hash, &it.EventCount); err != nil {
			return nil, err
		}
		out[ext] = it
	}
	return out, rows.Err()
}

package store

import (
	"context"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// TicketHistories reads the histories of several tickets in one query,
// within the scope, so a page of tickets can be measured live without a
// query a ticket.
func (s *Store) TicketHistories(ctx context.Context, scope tenancy.Scope, ids []int64) (map[int64][]desk.Event, error) {
	cond, args, err := scopeFilter(scope, "t.org_id")
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]desk.Event, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in := make([]any, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	// CROSS JOIN keeps SQLite's planner walking the events of the tickets
	// asked for, rather than every ticket of the org (PostgreSQL reads it
	// as an inner join and plans as it likes).
	rows, err := s.query(ctx, `SELECT e.ticket_id, `+prefixed("e.", eventColumns)+` FROM ticket_events e
		CROSS JOIN tickets t WHERE t.id = e.ticket_id
		AND e.ticket_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(ids)), ",")+`) AND `+cond+`
		ORDER BY e.ticket_id, e.pos`, append(in, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var e desk.Event
		if err := scanEvent(rows, &e, &id); err != nil {
			return nil, err
		}
		out[id] = append(out[id], e)
	}
	return out, rows.Err()
}

// DeskDay is one org's desk traffic over a stretch of time, such as today.
type DeskDay struct {
	Opened   []NameCount // tickets opened, by channel
	Resolved int         // tickets resolved, whenever they were opened
}

const (
	deskDayOpenedSQL = `SELECT channel, COUNT(*) FROM tickets WHERE org_id = ? AND opened_at >= ? AND opened_at < ?
		GROUP BY channel ORDER BY channel`
	deskDayResolvedSQL = `SELECT COUNT(*) FROM tickets WHERE org_id = ? AND resolved_at >= ? AND resolved_at < ?`
)

// DeskDay counts the tickets an org opened in [from, to), by channel, and
// those it resolved in the same stretch.
func (s *Store) DeskDay(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time) (DeskDay, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return DeskDay{}, err
	}
	var d DeskDay
	rows, err := s.query(ctx, deskDayOpenedSQL, orgID, from.UTC(), to.UTC())
	if err != nil {
		return d, err
	}
	for rows.Next() {
		var nc NameCount
		if err := rows.Scan(&nc.Name, &nc.Count); err != nil {
			rows.Close()
			return d, err
		}
		d.Opened = append(d.Opened, nc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	err = s.queryRow(ctx, deskDayResolvedSQL, orgID, from.UTC(), to.UTC()).Scan(&d.Resolved)
	return d, err
}

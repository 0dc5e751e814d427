package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// appendEvents adds events after the ticket's last one and counts them.
func (s *Store) appendEvents(ctx context.Context, t *Ticket, events []desk.Event) error {
	if err := s.insertEvents(ctx, t, events); err != nil {
		return err
	}
	_, err := s.exec(ctx, `UPDATE tickets SET event_count = ? WHERE id = ?`, t.EventCount, t.ID)
	return err
}

// insertEvents writes events from position t.EventCount on, in batches,
// advancing the count.
func (s *Store) insertEvents(ctx context.Context, t *Ticket, events []desk.Event) error {
	const perBatch = 50 // 11 parameters each, well inside both engines' limits
	for len(events) > 0 {
		n := min(perBatch, len(events))
		var b strings.Builder
		b.WriteString(`INSERT INTO ticket_events (ticket_id, pos, at, kind, state, priority, assignment_group, assignee, actor, note, source_seq) VALUES `)
		args := make([]any, 0, n*11)
		for i, e := range events[:n] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
			args = append(args, t.ID, t.EventCount, e.At.UTC().Truncate(time.Microsecond), string(e.Kind), string(e.State),
				int(e.Priority), e.AssignmentGroup, e.Assignee, e.Actor, e.Note, e.Seq)
			t.EventCount++
		}
		if _, err := s.exec(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("ticket %s: store history: %w", t.Ref, err)
		}
		events = events[n:]
	}
	return nil
}

const eventColumns = `at, kind, state, priority, assignment_group, assignee, actor, note, source_seq`

// scanEvent reads eventColumns into e, after any leading columns named by before.
func scanEvent(sc interface{ Scan(...any) error }, e *desk.Event, before ...any) error {
	var kind, state string
	err := sc.Scan(append(before, &e.At, &kind, &state, &e.Priority, &e.AssignmentGroup, &e.Assignee, &e.Actor, &e.Note, &e.Seq)...)
	e.At = e.At.UTC()
	e.Kind, e.State = desk.EventKind(kind), desk.State(state)
	return err
}

// TicketEvents is a ticket's history in order, within the scope.
func (s *Store) TicketEvents(ctx context.Context, scope tenancy.Scope, ticketID int64) ([]desk.Event, error) {
	cond, args, err := scopeFilter(scope, "t.org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT `+prefixed("e.", eventColumns)+` FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE e.ticket_id = ? AND `+cond+` ORDER BY e.pos`, append([]any{ticketID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []desk.Event
	for rows.Next() {
		var e desk.Event
		if err := scanEvent(rows, &e); err != nil {
			return nil, err
		}
		list = append(list, e)
	}
	return list, rows.Err()
}

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

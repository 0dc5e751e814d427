package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

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
func (s *Store) ImportedTickets(ctx context.Context, scope tenancy.Scope, orgID int64, source string) (map[string]ImportedTicket, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
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

// InsertTickets stores new tickets that already carry their references
// (imports), with their histories, in a few multi-row statements. It must
// run inside a transaction (see InTx).
func (s *Store) InsertTickets(ctx context.Context, scope tenancy.Scope, tickets []*Ticket, histories [][]desk.Event) error {
	for i, t := range tickets {
		if err := orgInScope(scope, t.OrgID); err != nil {
			return err
		}
		var events []desk.Event
		if i < len(histories) {
			events = histories[i]
		}
		if err := ticketText(t, events); err != nil {
			return err
		}
	}
	if len(tickets) == 0 {
		return nil
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.qualifyRefs(ctx, tickets); err != nil {
			return err
		}
		ids, err := s.reserveIDs(ctx, "tickets", len(tickets))
		if err != nil {
			return err
		}
		for _, t := range tickets {
			if err := s.moveInRollups(ctx, t.OrgID, t.OpenedAt, nil, t.OpenedAt, &contribution{reportKey(t), t.Category}); err != nil {
				return err
			}
		}
		now := s.Now()
		const ticketsPerStatement = 25 // 38 parameters each
		// Full batches share one prepared statement: parsing a statement of
		// a thousand parameters costs more than running it.
		var fullTickets *stmt
		defer func() {
			if fullTickets != nil {
				fullTickets.Close()
			}
		}()
		for start := 0; start < len(tickets); start += ticketsPerStatement {
			batch := tickets[start:min(start+ticketsPerStatement, len(tickets))]
			var b strings.Builder
			b.WriteString(`INSERT INTO tickets (id, org_id, ref, source, external_id, type, priority, impact,
			urgency, category, subcategory, channel, title, description, caller, caller_phone, caller_person_id, site,
			assignment_group, assignee, state, opened_at, resolved_at, closed_at, updated_at, event_count,
			content_hash, policy_version, response_secs, response_target_secs, response_status, resolution_secs,
			resolution_target_secs, resolution_status, paused_secs, deadline_at, measured_at, report_key) VALUES `)
			args := make([]any, 0, len(batch)*38)
			for i, t := range batch {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
				t.ID = ids[start+i]
				t.UpdatedAt = now
				t.EventCount = len(histories[start+i])
				if t.ExternalID == "" {
					t.ExternalID = t.Ref
				}
				m := t.SLA
				args = append(args, t.ID, t.OrgID, t.Ref, t.Source, t.ExternalID, string(t.Type), int(t.Priority), int(t.Impact),
					int(t.Urgency), t.Category, t.Subcategory, string(t.Channel), t.Title, t.Description, t.Caller, t.CallerPhone,
					idOrNull(t.CallerPersonID), t.Site, t.AssignmentGroup, t.Assignee, string(t.State),
					t.OpenedAt.UTC().Truncate(time.Microsecond), timeOrNull(t.ResolvedAt), timeOrNull(t.ClosedAt),
					now, t.EventCount, t.ContentHash, m.PolicyVersion,
					int64(m.Response.Used/time.Second), int64(m.Response.Target/time.Second), string(m.Response.Status),
					int64(m.Resolution.Used/time.Second), int64(m.Resolution.Target/time.Second), string(m.Resolution.Status),
					int64(m.Resolution.Paused/time.Second), timeOrNull(m.Resolution.Deadline), timeOrNull(m.At), reportKey(t))
			}
			if len(batch) == ticketsPerStatement && fullTickets == nil {
				if fullTickets, err = s.prepare(ctx, b.String()); err != nil {
					return err
				}
			}
			if len(batch) == ticketsPerStatement {
				_, err = fullTickets.ExecContext(ctx, args...)
			} else {
				_, err = s.exec(ctx, b.String(), args...)
			}
			if err != nil {
				return classify(err)
			}
		}
		const eventsPerStatement = 400 // 11 parameters each
		var fullEvents *stmt
		defer func() {
			if fullEvents != nil {
				fullEvents.Close()
			}
		}()
		var b strings.Builder
		args := make([]any, 0, eventsPerStatement*11)
		n := 0
		flush := func() error {
			if n == 0 {
				return nil
			}
			var err error
			switch {
			case n < eventsPerStatement:
				_, err = s.exec(ctx, b.String(), args...)
			case fullEvents == nil:
				if fullEvents, err = s.prepare(ctx, b.String()); err == nil {
					_, err = fullEvents.ExecContext(ctx, args...)
				}
			default:
				_, err = fullEvents.ExecContext(ctx, args...)
			}
			b.Reset()
			args, n = args[:0], 0
			return err
		}
		for i, t := range tickets {
			for pos, e := range histories[i] {
				if n == 0 {
					b.WriteString(`INSERT INTO ticket_events (ticket_id, pos, at, kind, state, priority, assignment_group, assignee, actor, note, source_seq) VALUES `)
				} else {
					b.WriteByte(',')
				}
				b.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
				args = append(args, t.ID, pos, e.At.UTC().Truncate(time.Microsecond), string(e.Kind), string(e.State),
					int(e.Priority), e.AssignmentGroup, e.Assignee, e.Actor, e.Note, e.Seq)
				if n++; n == eventsPerStatement {
					if err := flush(); err != nil {
						return fmt.Errorf("store histories: %w", err)
					}
				}
			}
		}
		if err := flush(); err != nil {
			return fmt.Errorf("store histories: %w", err)
		}
		return nil
	})
}

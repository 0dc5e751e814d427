package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/desk"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Ticket is a ticket as stored: the desk's fields, where it belongs, and the
// SLA measurement taken at its last change or recompute.
type Ticket struct {
	ID    int64 `json:"id"`
	OrgID int64 `json:"org_id"`
	desk.Ticket
	CallerPersonID int64            `json:"caller_person_id,omitempty"`
	UpdatedAt      time.Time        `json:"updated_at"`
	EventCount     int              `json:"event_count"`
	ContentHash    string           `json:"-"`
	SLA            desk.Measurement `json:"sla"`
}

const ticketColumns = `id, org_id, ref, source, external_id, type, priority, impact, urgency, category, subcategory,
	channel, title, description, caller, caller_phone, caller_person_id, site, assignment_group, assignee, state,
	opened_at, resolved_at, closed_at, updated_at, event_count, content_hash, policy_version,
	response_secs, response_target_secs, response_status, resolution_secs, resolution_target_secs,
	resolution_status, paused_secs, deadline_at, measured_at`

func scanTicket(sc interface{ Scan(...any) error }) (Ticket, error) {
	var t Ticket
	var typ, channel, state, respStatus, resStatus string
	var person sql.NullInt64
	var resolved, closed, deadline, measured sql.NullTime
	var respSecs, respTarget, resSecs, resTarget, paused int64
	err := sc.Scan(&t.ID, &t.OrgID, &t.Ref, &t.Source, &t.ExternalID, &typ, &t.Priority, &t.Impact, &t.Urgency,
		&t.Category, &t.Subcategory, &channel, &t.Title, &t.Description, &t.Caller, &t.CallerPhone, &person,
		&t.Site, &t.AssignmentGroup, &t.Assignee, &state, &t.OpenedAt, &resolved, &closed, &t.UpdatedAt,
		&t.EventCount, &t.ContentHash, &t.SLA.PolicyVersion, &respSecs, &respTarget, &respStatus,
		&resSecs, &resTarget, &resStatus, &paused, &deadline, &measured)
	if err != nil {
		return t, err
	}
	t.Type, t.Channel, t.State = desk.Type(typ), desk.Channel(channel), desk.State(state)
	t.CallerPersonID = person.Int64
	t.OpenedAt = t.OpenedAt.UTC()
	t.UpdatedAt = t.UpdatedAt.UTC()
	t.ResolvedAt = nullTime(resolved)
	t.ClosedAt = nullTime(closed)
	t.SLA.Ref, t.SLA.Priority = t.Ref, t.Priority
	t.SLA.Response = desk.Clock{Used: secs(respSecs), Target: secs(respTarget), Status: desk.Status(respStatus)}
	t.SLA.Resolution = desk.Clock{Used: secs(resSecs), Target: secs(resTarget), Status: desk.Status(resStatus),
		Paused: secs(paused), Deadline: nullTime(deadline)}
	t.SLA.Response.Left = t.SLA.Response.Target - t.SLA.Response.Used
	t.SLA.Resolution.Left = t.SLA.Resolution.Target - t.SLA.Resolution.Used
	t.SLA.At = nullTime(measured)
	return t, nil
}

func nullTime(n sql.NullTime) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return n.Time.UTC()
}

// timeOrNull stores a zero time as NULL.
func timeOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Truncate(time.Microsecond)
}

func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func secs(n int64) time.Duration { return time.Duration(n) * time.Second }

// ticketRef is the desk's own numbering: INC-10001, REQ-10002, one
// sequence per org. The hyphen keeps it apart from imported ServiceNow numbers.
func ticketRef(t desk.Type, n int64) string {
	prefix := "INC"
	if t == desk.Request {
		prefix = "REQ"
	}
	return fmt.Sprintf("%s-%d", prefix, n)
}

func (s *Store) nextTicketNumber(ctx context.Context, orgID int64) (int64, error) {
	if _, err := s.exec(ctx, `INSERT INTO ticket_counters (org_id, next_number) VALUES (?, 10000)
		ON CONFLICT (org_id) DO NOTHING`, orgID); err != nil {
		return 0, err
	}
	var n int64
	err := s.queryRow(ctx, `UPDATE ticket_counters SET next_number = next_number + 1 WHERE org_id = ? RETURNING next_number`, orgID).Scan(&n)
	return n, err
}

// CreateTicket stores a new ticket and its first events. A ticket without a
// Ref gets the org's next desk number; Source defaults to "ward" and
// ExternalID to the Ref.
func (s *Store) CreateTicket(ctx context.Context, scope tenancy.Scope, t *Ticket, events []desk.Event) error {
	if err := orgInScope(scope, t.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		if t.Ref == "" {
			n, err := s.nextTicketNumber(ctx, t.OrgID)
			if err != nil {
				return fmt.Errorf("number ticket: %w", err)
			}
			t.Ref = ticketRef(t.Type, n)
		}
		if t.Source == "" {
			t.Source = "ward"
		}
		if t.ExternalID == "" {
			t.ExternalID = t.Ref
		}
		if t.UpdatedAt.IsZero() {
			t.UpdatedAt = s.Now()
		}
		return s.InsertTickets(ctx, scope, []*Ticket{t}, [][]desk.Event{events})
	})
}

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

// UpdateTicket saves a ticket's fields and measurement and appends events to
// its history, in one transaction. The history is never rewritten.
func (s *Store) UpdateTicket(ctx context.Context, scope tenancy.Scope, t *Ticket, events []desk.Event) error {
	if err := orgInScope(scope, t.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		// The ticket may move month (an import can correct its opening), so
		// both months' rollups go stale.
		var was time.Time
		if err := s.queryRow(ctx, `SELECT opened_at FROM tickets WHERE id = ? AND org_id = ?`, t.ID, t.OrgID).Scan(&was); err != nil {
			return classify(err)
		}
		if err := s.touchMonths(ctx, t.OrgID, was, t.OpenedAt); err != nil {
			return err
		}
		t.UpdatedAt = s.Now()
		m := t.SLA
		_, err := s.exec(ctx, `UPDATE tickets SET type = ?, priority = ?, impact = ?, urgency = ?, category = ?,
			subcategory = ?, channel = ?, title = ?, description = ?, caller = ?, caller_phone = ?, caller_person_id = ?,
			site = ?, assignment_group = ?, assignee = ?, state = ?, opened_at = ?, resolved_at = ?, closed_at = ?,
			updated_at = ?, content_hash = ?, policy_version = ?, response_secs = ?, response_target_secs = ?,
			response_status = ?, resolution_secs = ?, resolution_target_secs = ?, resolution_status = ?,
			paused_secs = ?, deadline_at = ?, measured_at = ?, report_key = ? WHERE id = ? AND org_id = ?`,
			string(t.Type), int(t.Priority), int(t.Impact), int(t.Urgency), t.Category, t.Subcategory,
			string(t.Channel), t.Title, t.Description, t.Caller, t.CallerPhone, idOrNull(t.CallerPersonID), t.Site,
			t.AssignmentGroup, t.Assignee, string(t.State), t.OpenedAt.UTC().Truncate(time.Microsecond),
			timeOrNull(t.ResolvedAt), timeOrNull(t.ClosedAt), t.UpdatedAt, t.ContentHash, m.PolicyVersion,
			int64(m.Response.Used/time.Second), int64(m.Response.Target/time.Second), string(m.Response.Status),
			int64(m.Resolution.Used/time.Second), int64(m.Resolution.Target/time.Second), string(m.Resolution.Status),
			int64(m.Resolution.Paused/time.Second), timeOrNull(m.Resolution.Deadline), timeOrNull(m.At), reportKey(t), t.ID, t.OrgID)
		if err != nil {
			return classify(err)
		}
		return s.appendEvents(ctx, t, events)
	})
}

// SetMeasurement saves a ticket's fresh SLA measurement (t.SLA) without
// touching the rest of it or its history.
func (s *Store) SetMeasurement(ctx context.Context, scope tenancy.Scope, t *Ticket) error {
	if err := orgInScope(scope, t.OrgID); err != nil {
		return err
	}
	m := t.SLA
	t.Priority = m.Priority
	return s.InTx(ctx, func(ctx context.Context) error {
		if err := s.touchMonths(ctx, t.OrgID, t.OpenedAt); err != nil {
			return err
		}
		return s.setMeasurement(ctx, t)
	})
}

func (s *Store) setMeasurement(ctx context.Context, t *Ticket) error {
	m := t.SLA
	_, err := s.exec(ctx, `UPDATE tickets SET priority = ?, policy_version = ?, response_secs = ?, response_target_secs = ?,
		response_status = ?, resolution_secs = ?, resolution_target_secs = ?, resolution_status = ?,
		paused_secs = ?, deadline_at = ?, measured_at = ?, report_key = ? WHERE id = ? AND org_id = ?`,
		int(m.Priority), m.PolicyVersion,
		int64(m.Response.Used/time.Second), int64(m.Response.Target/time.Second), string(m.Response.Status),
		int64(m.Resolution.Used/time.Second), int64(m.Resolution.Target/time.Second), string(m.Resolution.Status),
		int64(m.Resolution.Paused/time.Second), timeOrNull(m.Resolution.Deadline), timeOrNull(m.At), reportKey(t), t.ID, t.OrgID)
	return err
}

// Ticket finds a ticket by id within the scope.
func (s *Store) Ticket(ctx context.Context, scope tenancy.Scope, id int64) (Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Ticket{}, err
	}
	t, err := scanTicket(s.queryRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE id = ? AND `+cond, append([]any{id}, args...)...))
	return t, classify(err)
}

// TicketByRef finds one org's ticket by its reference, within the scope.
func (s *Store) TicketByRef(ctx context.Context, scope tenancy.Scope, orgID int64, ref string) (Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Ticket{}, err
	}
	t, err := scanTicket(s.queryRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE org_id = ? AND ref = ? AND `+cond,
		append([]any{orgID, ref}, args...)...))
	return t, classify(err)
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

// TicketFilter narrows a ticket list. Zero values do not filter.
type TicketFilter struct {
	OrgID    int64
	OpenOnly bool
	State    desk.State
	Priority desk.Priority
	Channel  desk.Channel
	Type     desk.Type
	Assignee string
	// Search matches the reference, title, caller or category.
	Search string
	// OpenedFrom and OpenedTo bound the opening time, [from, to).
	OpenedFrom, OpenedTo time.Time
	Limit, Offset        int
	// NearestBreach orders by resolution deadline instead of newest first.
	NearestBreach bool
}

// Tickets lists tickets within the scope, newest first.
func (s *Store) Tickets(ctx context.Context, scope tenancy.Scope, f TicketFilter) ([]Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, err
	}
	where := []string{cond}
	add := func(c string, v ...any) { where = append(where, c); args = append(args, v...) }
	if f.OrgID != 0 {
		add("org_id = ?", f.OrgID)
	}
	if f.OpenOnly {
		add("state NOT IN ('resolved', 'closed')")
	}
	if f.State != "" {
		add("state = ?", string(f.State))
	}
	if f.Priority != 0 {
		add("priority = ?", int(f.Priority))
	}
	if f.Channel != "" {
		add("channel = ?", string(f.Channel))
	}
	if f.Type != "" {
		add("type = ?", string(f.Type))
	}
	if f.Assignee != "" {
		add("assignee = ?", f.Assignee)
	}
	if !f.OpenedFrom.IsZero() {
		add("opened_at >= ?", f.OpenedFrom.UTC())
	}
	if !f.OpenedTo.IsZero() {
		add("opened_at < ?", f.OpenedTo.UTC())
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		like := "%" + strings.ToLower(q) + "%"
		add("(LOWER(ref) LIKE ? OR LOWER(title) LIKE ? OR LOWER(caller) LIKE ? OR LOWER(category) LIKE ?)", like, like, like, like)
	}
	order := "opened_at DESC, id DESC"
	if f.NearestBreach {
		order = "CASE WHEN deadline_at IS NULL THEN 1 ELSE 0 END, deadline_at, opened_at"
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	q := `SELECT ` + ticketColumns + ` FROM tickets WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order +
		fmt.Sprintf(` LIMIT %d OFFSET %d`, limit, max(f.Offset, 0))
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var list []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, err
		}
		list = append(list, t)
	}
	return list, rows.Err()
}

// EachTicket streams an org's tickets opened in [from, to) with their
// histories, oldest first, for re-measuring. Zero bounds are open-ended.
// Histories are read a few hundred tickets at a time, by id, rather than one
// query a ticket.
func (s *Store) EachTicket(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, openOnly bool,
	fn func(t Ticket, events []desk.Event) error) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	where := "org_id = ?"
	args := []any{orgID}
	if openOnly {
		// Named states, not NOT IN, so the (org_id, state) index finds the
		// few open tickets among a million closed ones; the period is then
		// checked here rather than tempting the planner to scan it.
		where += " AND state IN ('new', 'assigned', 'in-progress', 'awaiting-user', 'awaiting-supplier', 'awaiting-change')"
	} else {
		if !from.IsZero() {
			where += " AND opened_at >= ?"
			args = append(args, from.UTC())
		}
		if !to.IsZero() {
			where += " AND opened_at < ?"
			args = append(args, to.UTC())
		}
	}
	rows, err := s.query(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return err
	}
	var tickets []Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			rows.Close()
			return err
		}
		if openOnly && (!from.IsZero() && t.OpenedAt.Before(from) || !to.IsZero() && !t.OpenedAt.Before(to)) {
			continue
		}
		tickets = append(tickets, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	const perQuery = 500
	for start := 0; start < len(tickets); start += perQuery {
		chunk := tickets[start:min(start+perQuery, len(tickets))]
		ids := make([]int64, len(chunk))
		for i, t := range chunk {
			ids[i] = t.ID
		}
		histories, err := s.TicketHistories(ctx, tenancy.ScopeOf(orgID), ids)
		if err != nil {
			return err
		}
		for _, t := range chunk {
			if err := fn(t, histories[t.ID]); err != nil {
				return err
			}
		}
	}
	return nil
}

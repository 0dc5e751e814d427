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
// SLA measurement taken at its last change or recompute. AssigneeID is the
// user it is assigned to: 0 for nobody, and for an imported assignee who is
// not a ward user, known only by the name in Assignee.
type Ticket struct {
	ID    int64 `json:"id"`
	OrgID int64 `json:"org_id"`
	desk.Ticket
	CallerPersonID int64            `json:"caller_person_id,omitempty"`
	AssigneeID     int64            `json:"assignee_id,omitempty"`
	UpdatedAt      time.Time        `json:"updated_at"`
	EventCount     int              `json:"event_count"`
	ContentHash    string           `json:"-"`
	SLA            desk.Measurement `json:"sla"`
}

const ticketColumns = `id, org_id, ref, source, external_id, type, priority, impact, urgency, category, subcategory,
	channel, title, description, caller, caller_phone, caller_person_id, site, assignment_group, assignee, state,
	opened_at, resolved_at, closed_at, updated_at, event_count, content_hash, policy_version,
	response_secs, response_target_secs, response_status, resolution_secs, resolution_target_secs,
	resolution_status, paused_secs, deadline_at, measured_at, assignee_id`

func scanTicket(sc interface{ Scan(...any) error }) (Ticket, error) {
	var t Ticket
	var typ, channel, state, respStatus, resStatus string
	var person, assignee sql.NullInt64
	var resolved, closed, deadline, measured sql.NullTime
	var respSecs, respTarget, resSecs, resTarget, paused int64
	err := sc.Scan(&t.ID, &t.OrgID, &t.Ref, &t.Source, &t.ExternalID, &typ, &t.Priority, &t.Impact, &t.Urgency,
		&t.Category, &t.Subcategory, &channel, &t.Title, &t.Description, &t.Caller, &t.CallerPhone, &person,
		&t.Site, &t.AssignmentGroup, &t.Assignee, &state, &t.OpenedAt, &resolved, &closed, &t.UpdatedAt,
		&t.EventCount, &t.ContentHash, &t.SLA.PolicyVersion, &respSecs, &respTarget, &respStatus,
		&resSecs, &resTarget, &resStatus, &paused, &deadline, &measured, &assignee)
	if err != nil {
		return t, err
	}
	t.Type, t.Channel, t.State = desk.Type(typ), desk.Channel(channel), desk.State(state)
	t.CallerPersonID = person.Int64
	t.AssigneeID = assignee.Int64
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
// sequence per org. The hyphen keeps it apart from imported ServiceNow
// numbers; InsertTickets puts the org's prefix in front (ASH-INC-10001).
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
// ExternalID to the Ref; the Ref is then given the org's prefix.
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
		if err := s.InsertTickets(ctx, scope, []*Ticket{t}, [][]desk.Event{events}); err != nil {
			return err
		}
		if t.AssigneeID == 0 { // imports, in bulk, have no user ids
			return nil
		}
		_, err := s.exec(ctx, `UPDATE tickets SET assignee_id = ? WHERE id = ? AND org_id = ?`, t.AssigneeID, t.ID, t.OrgID)
		return classify(err)
	})
}

// UpdateTicket saves a ticket's fields and measurement and appends events to
// its history, in one transaction. The history is never rewritten.
func (s *Store) UpdateTicket(ctx context.Context, scope tenancy.Scope, t *Ticket, events []desk.Event) error {
	if err := orgInScope(scope, t.OrgID); err != nil {
		return err
	}
	if err := ticketText(t, events); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		// The ticket leaves its month's tally as it was and joins its
		// (perhaps corrected) month's as it is now.
		was, old, err := s.lockedContribution(ctx, t)
		if err != nil {
			return err
		}
		if err := s.moveInRollups(ctx, t.OrgID, was, &old, t.OpenedAt, &contribution{reportKey(t), t.Category}); err != nil {
			return err
		}
		t.UpdatedAt = s.Now()
		m := t.SLA
		_, err = s.exec(ctx, `UPDATE tickets SET type = ?, priority = ?, impact = ?, urgency = ?, category = ?,
			subcategory = ?, channel = ?, title = ?, description = ?, caller = ?, caller_phone = ?, caller_person_id = ?,
			site = ?, assignment_group = ?, assignee = ?, state = ?, opened_at = ?, resolved_at = ?, closed_at = ?,
			updated_at = ?, content_hash = ?, policy_version = ?, response_secs = ?, response_target_secs = ?,
			response_status = ?, resolution_secs = ?, resolution_target_secs = ?, resolution_status = ?,
			paused_secs = ?, deadline_at = ?, measured_at = ?, report_key = ?, assignee_id = ? WHERE id = ? AND org_id = ?`,
			string(t.Type), int(t.Priority), int(t.Impact), int(t.Urgency), t.Category, t.Subcategory,
			string(t.Channel), t.Title, t.Description, t.Caller, t.CallerPhone, idOrNull(t.CallerPersonID), t.Site,
			t.AssignmentGroup, t.Assignee, string(t.State), t.OpenedAt.UTC().Truncate(time.Microsecond),
			timeOrNull(t.ResolvedAt), timeOrNull(t.ClosedAt), t.UpdatedAt, t.ContentHash, m.PolicyVersion,
			int64(m.Response.Used/time.Second), int64(m.Response.Target/time.Second), string(m.Response.Status),
			int64(m.Resolution.Used/time.Second), int64(m.Resolution.Target/time.Second), string(m.Resolution.Status),
			int64(m.Resolution.Paused/time.Second), timeOrNull(m.Resolution.Deadline), timeOrNull(m.At), reportKey(t), idOrNull(t.AssigneeID), t.ID, t.OrgID)
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
		opened, old, err := s.lockedContribution(ctx, t)
		if err != nil {
			return err
		}
		if err := s.moveInRollups(ctx, t.OrgID, opened, &old, opened, &contribution{reportKey(t), old.category}); err != nil {
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
// The reference may be given whole (ASH-INC-10003), without the org's prefix
// (INC-10003) or as a bare desk number (10003).
func (s *Store) TicketByRef(ctx context.Context, scope tenancy.Scope, orgID int64, ref string) (Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Ticket{}, err
	}
	if err := orgInScope(scope, orgID); err != nil {
		return Ticket{}, err
	}
	var prefix string
	if err := s.queryRow(ctx, `SELECT ref_prefix FROM orgs WHERE id = ?`, orgID).Scan(&prefix); err != nil {
		return Ticket{}, classify(err)
	}
	refs := RefCandidates(prefix, ref)
	q := `SELECT ` + ticketColumns + ` FROM tickets WHERE org_id = ? AND ref IN (?` + strings.Repeat(", ?", len(refs)-1) +
		`) AND ` + cond + ` ORDER BY id LIMIT 1`
	all := []any{orgID}
	for _, r := range refs {
		all = append(all, r)
	}
	t, err := scanTicket(s.queryRow(ctx, q, append(all, args...)...))
	return t, classify(err)
}

// TicketByReference finds a ticket by its whole reference (ASH-INC-10003),
// whichever org in scope it belongs to; another org's reference is
// ErrNotFound, as one that does not exist.
func (s *Store) TicketByReference(ctx context.Context, scope tenancy.Scope, ref string) (Ticket, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return Ticket{}, err
	}
	ref = strings.TrimSpace(ref)
	t, err := scanTicket(s.queryRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE ref IN (?, ?) AND `+cond+` ORDER BY id LIMIT 1`,
		append([]any{ref, strings.ToUpper(ref)}, args...)...))
	return t, classify(err)
}

// lockedContribution reads what a stored ticket adds to its month's rollup,
// and when it opened, locking its row on PostgreSQL so that two writers of
// one ticket cannot both take its old figures away.
func (s *Store) lockedContribution(ctx context.Context, t *Ticket) (time.Time, contribution, error) {
	q := `SELECT opened_at, report_key, category FROM tickets WHERE id = ? AND org_id = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var opened time.Time
	var old contribution
	err := s.queryRow(ctx, q, t.ID, t.OrgID).Scan(&opened, &old.key, &old.category)
	return opened, old, classify(err)
}

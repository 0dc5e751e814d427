package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/report"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Call states, the latest thing that happened to a call.
const (
	CallQueued      = "queued"
	CallAnswered    = "answered"
	CallTransferred = "transferred"
	CallAbandoned   = "abandoned"
	CallEnded       = "ended"
)

// PhoneCall is one call to the desk, from the phone system's webhook or an
// imported call log, and the ticket it raised or was linked to, if any.
type PhoneCall struct {
	ID            int64     `json:"id"`
	OrgID         int64     `json:"org_id"`
	CallID        string    `json:"call_id"`
	Source        string    `json:"source"` // "webhook" or "import"
	TicketID      int64     `json:"ticket_id,omitempty"`
	CallerNumber  string    `json:"caller_number"`
	PersonID      int64     `json:"person_id,omitempty"`
	Queue         string    `json:"queue,omitempty"`
	Agent         string    `json:"agent,omitempty"`
	State         string    `json:"state"`
	QueuedAt      time.Time `json:"queued_at"`
	AnsweredAt    time.Time `json:"answered_at,omitzero"`
	TransferredAt time.Time `json:"transferred_at,omitzero"`
	AbandonedAt   time.Time `json:"abandoned_at,omitzero"`
	EndedAt       time.Time `json:"ended_at,omitzero"`
}

// figureKey is the call's packed figures (report.CallKey).
func (c *PhoneCall) figureKey() int64 {
	return report.CallKey(report.CallTimes{Queued: c.QueuedAt, Answered: c.AnsweredAt, Transferred: c.TransferredAt, Abandoned: c.AbandonedAt})
}

const callColumns = `id, org_id, call_id, source, ticket_id, caller_number, person_id, queue, agent, state,
	queued_at, answered_at, transferred_at, abandoned_at, ended_at`

func scanCall(sc interface{ Scan(...any) error }) (PhoneCall, error) {
	var c PhoneCall
	var ticket, person sql.NullInt64
	var answered, transferred, abandoned, ended sql.NullTime
	err := sc.Scan(&c.ID, &c.OrgID, &c.CallID, &c.Source, &ticket, &c.CallerNumber, &person, &c.Queue, &c.Agent, &c.State,
		&c.QueuedAt, &answered, &transferred, &abandoned, &ended)
	c.TicketID, c.PersonID = ticket.Int64, person.Int64
	c.QueuedAt = c.QueuedAt.UTC()
	c.AnsweredAt, c.TransferredAt, c.AbandonedAt, c.EndedAt = nullTime(answered), nullTime(transferred), nullTime(abandoned), nullTime(ended)
	return c, err
}

// PhoneCallByID finds a call by the phone system's call id.
func (s *Store) PhoneCallByID(ctx context.Context, scope tenancy.Scope, orgID int64, callID string) (PhoneCall, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return PhoneCall{}, err
	}
	c, err := scanCall(s.queryRow(ctx, `SELECT `+callColumns+` FROM calls WHERE org_id = ? AND call_id = ?`, orgID, callID))
	return c, classify(err)
}

// SavePhoneCall inserts a call or updates one already known.
func (s *Store) SavePhoneCall(ctx context.Context, scope tenancy.Scope, c *PhoneCall) error {
	if err := orgInScope(scope, c.OrgID); err != nil {
		return err
	}
	if c.Source == "" {
		c.Source = "webhook"
	}
	if c.ID == 0 {
		id, err := s.insertID(ctx, `INSERT INTO calls (org_id, call_id, source, ticket_id, caller_number, person_id, queue, agent, state,
			queued_at, answered_at, transferred_at, abandoned_at, ended_at, figure_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.OrgID, c.CallID, c.Source, idOrNull(c.TicketID), c.CallerNumber, idOrNull(c.PersonID), c.Queue, c.Agent, c.State,
			c.QueuedAt.UTC().Truncate(time.Microsecond), timeOrNull(c.AnsweredAt), timeOrNull(c.TransferredAt),
			timeOrNull(c.AbandonedAt), timeOrNull(c.EndedAt), c.figureKey())
		c.ID = id
		if err != nil {
			return classify(err)
		}
		return s.refreshFixes(ctx, c.OrgID, []int64{c.TicketID})
	}
	_, err := s.exec(ctx, `UPDATE calls SET ticket_id = ?, queue = ?, agent = ?, state = ?, queued_at = ?, answered_at = ?,
		transferred_at = ?, abandoned_at = ?, ended_at = ?, figure_key = ? WHERE id = ? AND org_id = ?`,
		idOrNull(c.TicketID), c.Queue, c.Agent, c.State, c.QueuedAt.UTC().Truncate(time.Microsecond), timeOrNull(c.AnsweredAt),
		timeOrNull(c.TransferredAt), timeOrNull(c.AbandonedAt), timeOrNull(c.EndedAt), c.figureKey(), c.ID, c.OrgID)
	if err != nil {
		return classify(err)
	}
	return s.refreshFixes(ctx, c.OrgID, []int64{c.TicketID})
}

// ImportCalls writes a call log's calls for one org in multi-row
// statements: a call id already held is updated in place, so importing the
// same log twice leaves the calls as once. It returns how many of the calls
// were new. It must run inside a transaction.
func (s *Store) ImportCalls(ctx context.Context, scope tenancy.Scope, orgID int64, calls []PhoneCall) (int, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return 0, err
	}
	var before, after int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM calls WHERE org_id = ?`, orgID).Scan(&before); err != nil {
		return 0, err
	}
	rows := make([][]any, len(calls))
	for i := range calls {
		c := &calls[i]
		rows[i] = []any{orgID, c.CallID, "import", idOrNull(c.TicketID), c.CallerNumber, c.Queue, c.Agent, c.State,
			c.QueuedAt.UTC().Truncate(time.Microsecond), timeOrNull(c.AnsweredAt), timeOrNull(c.TransferredAt),
			timeOrNull(c.AbandonedAt), timeOrNull(c.EndedAt), c.figureKey()}
	}
	err := s.insertRows(ctx, `INSERT INTO calls (org_id, call_id, source, ticket_id, caller_number, queue, agent, state,
		queued_at, answered_at, transferred_at, abandoned_at, ended_at, figure_key)`,
		`ON CONFLICT (org_id, call_id) DO UPDATE SET ticket_id = COALESCE(excluded.ticket_id, calls.ticket_id),
		caller_number = excluded.caller_number, queue = excluded.queue, agent = excluded.agent, state = excluded.state,
		queued_at = excluded.queued_at, answered_at = excluded.answered_at, transferred_at = excluded.transferred_at,
		abandoned_at = excluded.abandoned_at, ended_at = excluded.ended_at, figure_key = excluded.figure_key`, rows)
	if err != nil {
		return 0, classify(err)
	}
	tickets := make([]int64, 0, len(calls))
	for _, c := range calls {
		tickets = append(tickets, c.TicketID)
	}
	if err := s.refreshFixes(ctx, orgID, tickets); err != nil {
		return 0, err
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM calls WHERE org_id = ?`, orgID).Scan(&after); err != nil {
		return 0, err
	}
	return after - before, nil
}

// LinkCall puts a call, named by the phone system's call id, on a ticket
// of the same org.
func (s *Store) LinkCall(ctx context.Context, scope tenancy.Scope, orgID int64, callID string, ticketID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	var before sql.NullInt64
	if err := s.queryRow(ctx, `SELECT ticket_id FROM calls WHERE call_id = ? AND org_id = ?`, callID, orgID).Scan(&before); err != nil {
		return classify(err)
	}
	res, err := s.exec(ctx, `UPDATE calls SET ticket_id = ? WHERE call_id = ? AND org_id = ?
		AND EXISTS (SELECT 1 FROM tickets t WHERE t.id = ? AND t.org_id = ?)`, ticketID, callID, orgID, ticketID, orgID)
	if err != nil {
		return classify(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return s.refreshFixes(ctx, orgID, []int64{before.Int64, ticketID})
}

// CallFigures adds up the calls an org queued in [from, to) into tally,
// reading each call's packed key from the calls_figures index alone: the
// key begins with the time queued, so the period is a range of keys.
func (s *Store) CallFigures(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, tally *report.TelephonyTally) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT figure_key FROM calls WHERE org_id = ? AND figure_key >= ? AND figure_key < ?`,
		orgID, report.KeyAt(from), report.KeyAt(to))
	if err != nil {
		return err
	}
	defer rows.Close()
	var key int64
	for rows.Next() {
		if err := rows.Scan(&key); err != nil {
			return err
		}
		tally.Add(key)
	}
	return rows.Err()
}

// CallAgents counts, agent by agent, the answered calls with a ticket an
// org queued in [from, to) and how many were first-time fixes, from the
// calls_answered_with_ticket index alone, in its order.
func (s *Store) CallAgents(ctx context.Context, scope tenancy.Scope, orgID int64, from, to time.Time, each func(agent string, withTicket, fixed int)) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	// SQLite, left to itself, takes the period from calls_figures and then
	// reads every call's row and sorts (measured: 2 s for a million calls);
	// from this index it reads only calls with a ticket, already in order.
	from_ := "calls"
	if s.dialect == SQLite {
		from_ = "calls INDEXED BY calls_answered_with_ticket"
	}
	rows, err := s.query(ctx, `SELECT agent, COUNT(*), SUM((figure_key >> ?) & 1) FROM `+from_+`
		WHERE org_id = ? AND figure_key >= ? AND figure_key < ? AND ticket_id IS NOT NULL AND answered_at IS NOT NULL
		GROUP BY agent`, report.FixedShift, orgID, report.KeyAt(from), report.KeyAt(to))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var agent string
		var withTicket, fixed int
		if err := rows.Scan(&agent, &withTicket, &fixed); err != nil {
			return err
		}
		each(agent, withTicket, fixed)
	}
	return rows.Err()
}

// fillCallKeys computes the figure key of the calls migration 029 moved
// across from phone_calls, which SQL alone cannot pack.
func fillCallKeys(ctx context.Context, s *Store) error {
	rows, err := s.query(ctx, `SELECT `+callColumns+` FROM calls`)
	if err != nil {
		return err
	}
	var held []PhoneCall
	for rows.Next() {
		c, err := scanCall(rows)
		if err != nil {
			rows.Close()
			return err
		}
		held = append(held, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tickets := map[int64][]int64{} // by org
	for i := range held {
		if _, err := s.exec(ctx, `UPDATE calls SET figure_key = ? WHERE id = ?`, held[i].figureKey(), held[i].ID); err != nil {
			return err
		}
		tickets[held[i].OrgID] = append(tickets[held[i].OrgID], held[i].TicketID)
	}
	for org, ids := range tickets {
		if err := s.refreshFixes(ctx, org, ids); err != nil {
			return err
		}
	}
	return nil
}

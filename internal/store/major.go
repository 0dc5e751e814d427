package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MajorIncident is an incident ticket raised to major, or proposed as a
// candidate by a rule. It belongs to its ticket's org; Impacts name the
// councils, services and sites it affects.
type MajorIncident struct {
	ID         int64          `json:"id"`
	OrgID      int64          `json:"org_id"`
	TicketID   int64          `json:"ticket_id"`
	TicketRef  string         `json:"ticket_ref"`
	Title      string         `json:"title"`
	State      major.State    `json:"state"`
	Phase      major.Phase    `json:"phase"`
	RaisedBy   string         `json:"raised_by"`
	RaisedWhy  string         `json:"raised_why,omitempty"`
	RaisedAt   time.Time      `json:"raised_at"`
	DecidedBy  string         `json:"decided_by,omitempty"`
	DecidedAt  time.Time      `json:"decided_at,omitempty"`
	ResolvedAt time.Time      `json:"resolved_at,omitempty"`
	UpdatedAt  time.Time      `json:"updated_at"`
	Impacts    []major.Impact `json:"impacts"`
}

const majorColumns = `m.id, m.org_id, m.ticket_id, t.ref, m.title, m.state, m.phase, m.raised_by, m.raised_why,
	m.raised_at, m.decided_by, m.decided_at, m.resolved_at, m.updated_at`

const majorFrom = ` FROM major_incidents m JOIN tickets t ON t.id = m.ticket_id`

func scanMajor(sc interface{ Scan(...any) error }) (MajorIncident, error) {
	var m MajorIncident
	var state, phase string
	var decided, resolved sql.NullTime
	err := sc.Scan(&m.ID, &m.OrgID, &m.TicketID, &m.TicketRef, &m.Title, &state, &phase, &m.RaisedBy, &m.RaisedWhy,
		&m.RaisedAt, &m.DecidedBy, &decided, &resolved, &m.UpdatedAt)
	m.State, m.Phase = major.State(state), major.Phase(phase)
	m.RaisedAt, m.UpdatedAt = m.RaisedAt.UTC(), m.UpdatedAt.UTC()
	m.DecidedAt, m.ResolvedAt = nullTime(decided), nullTime(resolved)
	return m, err
}

// CreateMajorIncident stores a new major incident (or candidate) and its
// impacts. Every council it affects must be in the caller's scope.
func (s *Store) CreateMajorIncident(ctx context.Context, scope tenancy.Scope, m *MajorIncident) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	return s.InTx(ctx, func(ctx context.Context) error {
		now := s.Now()
		if m.RaisedAt.IsZero() {
			m.RaisedAt = now
		}
		m.UpdatedAt = now
		id, err := s.insertID(ctx, `INSERT INTO major_incidents (org_id, ticket_id, title, state, phase, raised_by, raised_why,
			raised_at, decided_by, decided_at, resolved_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			m.OrgID, m.TicketID, m.Title, string(m.State), string(m.Phase), m.RaisedBy, m.RaisedWhy, m.RaisedAt.UTC(),
			m.DecidedBy, timeOrNull(m.DecidedAt), timeOrNull(m.ResolvedAt), m.UpdatedAt)
		if err != nil {
			return classify(err)
		}
		m.ID = id
		return s.AddMajorImpacts(ctx, scope, *m, m.Impacts)
	})
}

// AddMajorImpacts records more councils, services and sites a major
// incident affects; one already recorded is left as it is.
func (s *Store) AddMajorImpacts(ctx context.Context, scope tenancy.Scope, m MajorIncident, impacts []major.Impact) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	for _, im := range impacts {
		if err := orgInScope(scope, im.OrgID); err != nil {
			return err
		}
		if _, err := s.exec(ctx, `INSERT INTO major_impacts (major_id, org_id, service, site) VALUES (?, ?, ?, ?)
			ON CONFLICT (major_id, org_id, service, site) DO NOTHING`, m.ID, im.OrgID, im.Service, im.Site); err != nil {
			return classify(err)
		}
	}
	return nil
}

// MajorIncident reads one major incident whose org is in scope, with its
// impacts (those in scope).
func (s *Store) MajorIncident(ctx context.Context, scope tenancy.Scope, id int64) (MajorIncident, error) {
	cond, args, err := scopeFilter(scope, "m.org_id")
	if err != nil {
		return MajorIncident{}, err
	}
	m, err := scanMajor(s.queryRow(ctx, `SELECT `+majorColumns+majorFrom+` WHERE m.id = ? AND `+cond, append([]any{id}, args...)...))
	if err != nil {
		return m, classify(err)
	}
	m.Impacts, err = s.majorImpacts(ctx, scope, m.ID)
	return m, err
}

func (s *Store) majorImpacts(ctx context.Context, scope tenancy.Scope, id int64) ([]major.Impact, error) {
	cond, args, err := scopeFilter(scope, "i.org_id")
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT i.org_id, o.slug, i.service, i.site FROM major_impacts i JOIN orgs o ON o.id = i.org_id
		WHERE i.major_id = ? AND `+cond+` ORDER BY o.slug, i.service, i.site`, append([]any{id}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []major.Impact
	for rows.Next() {
		var im major.Impact
		if err := rows.Scan(&im.OrgID, &im.Org, &im.Service, &im.Site); err != nil {
			return nil, err
		}
		out = append(out, im)
	}
	return out, rows.Err()
}

// SaveMajorIncident writes a major incident's state, phase and decisions.
func (s *Store) SaveMajorIncident(ctx context.Context, scope tenancy.Scope, m *MajorIncident) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	m.UpdatedAt = s.Now()
	_, err := s.exec(ctx, `UPDATE major_incidents SET title = ?, state = ?, phase = ?, decided_by = ?, decided_at = ?,
		resolved_at = ?, updated_at = ? WHERE id = ? AND org_id = ?`, m.Title, string(m.State), string(m.Phase),
		m.DecidedBy, timeOrNull(m.DecidedAt), timeOrNull(m.ResolvedAt), m.UpdatedAt, m.ID, m.OrgID)
	return classify(err)
}

// MajorFilter narrows a list of major incidents.
type MajorFilter struct {
	OrgID   int64         // 0: every org in scope
	States  []major.State // none: every state
	PerPage int
	Cursor  *keyset.Cursor
}

// MajorPage is one page of major incidents, newest first.
type MajorPage struct {
	Incidents  []MajorIncident
	Prev, Next *keyset.Cursor
}

// MajorIncidents lists major incidents in scope, newest raised first,
// paged by (raised_at, id).
func (s *Store) MajorIncidents(ctx context.Context, scope tenancy.Scope, f MajorFilter) (MajorPage, error) {
	cond, args, err := scopeFilter(scope, "m.org_id")
	if err != nil {
		return MajorPage{}, err
	}
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	where := " WHERE " + cond
	if f.OrgID != 0 {
		where += " AND m.org_id = ?"
		args = append(args, f.OrgID)
	}
	if len(f.States) > 0 {
		where += " AND m.state IN (?" + repeatMarks(len(f.States)-1) + ")"
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	order := " ORDER BY m.raised_at DESC, m.id DESC"
	if c := f.Cursor; c != nil {
		if c.Before {
			where += " AND (m.raised_at > ? OR (m.raised_at = ? AND m.id > ?))"
			order = " ORDER BY m.raised_at, m.id"
		} else {
			where += " AND (m.raised_at < ? OR (m.raised_at = ? AND m.id < ?))"
		}
		args = append(args, c.Time, c.Time, c.ID)
	}
	rows, err := s.query(ctx, `SELECT `+majorColumns+majorFrom+where+order+` LIMIT ?`, append(args, f.PerPage+1)...)
	if err != nil {
		return MajorPage{}, err
	}
	var list []MajorIncident
	for rows.Next() {
		m, err := scanMajor(rows)
		if err != nil {
			rows.Close()
			return MajorPage{}, err
		}
		list = append(list, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return MajorPage{}, err
	}
	if f.Cursor != nil && f.Cursor.Before { // read backwards; show newest first
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	var p MajorPage
	p.Incidents, p.Prev, p.Next = keyset.Trim(list, f.PerPage, f.Cursor, func(m MajorIncident) keyset.Cursor {
		return keyset.Cursor{Time: m.RaisedAt, ID: m.ID}
	})
	for i := range p.Incidents {
		if p.Incidents[i].Impacts, err = s.majorImpacts(ctx, scope, p.Incidents[i].ID); err != nil {
			return p, err
		}
	}
	return p, nil
}

func repeatMarks(n int) string {
	out := ""
	for i := 0; i < n; i++ {
		out += ", ?"
	}
	return out
}

// LiveMajorOnTicket finds the candidate or open major incident raised on a
// ticket, or on the major incident the ticket is a child of; ErrNotFound
// when there is none.
func (s *Store) LiveMajorOnTicket(ctx context.Context, scope tenancy.Scope, ticketID int64) (MajorIncident, error) {
	cond, args, err := scopeFilter(scope, "m.org_id")
	if err != nil {
		return MajorIncident{}, err
	}
	m, err := scanMajor(s.queryRow(ctx, `SELECT `+majorColumns+majorFrom+` WHERE m.state IN ('candidate', 'open')
		AND (m.ticket_id = ? OR m.id IN (SELECT major_id FROM major_children WHERE ticket_id = ?)) AND `+cond+` ORDER BY m.id LIMIT 1`,
		append([]any{ticketID, ticketID}, args...)...))
	return m, classify(err)
}

// LiveMajorOnService reports whether the org has a candidate or open major
// incident affecting the service, so a rule does not propose it twice.
func (s *Store) LiveMajorOnService(ctx context.Context, scope tenancy.Scope, orgID int64, service string) (bool, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return false, err
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM major_incidents m JOIN major_impacts i ON i.major_id = m.id
		WHERE m.org_id = ? AND m.state IN ('candidate', 'open') AND i.org_id = ? AND LOWER(i.service) = ?`,
		orgID, orgID, major.ServiceKey(service)).Scan(&n)
	return n > 0, err
}

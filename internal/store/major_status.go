package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/major"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// MajorSettings reads an org's major incident and status page settings,
// the defaults when it has set none.
func (s *Store) MajorSettings(ctx context.Context, scope tenancy.Scope, orgID int64) (major.Settings, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return major.Settings{}, err
	}
	st := major.DefaultSettings
	var gap, window int
	var critical string
	err := s.queryRow(ctx, `SELECT status_public, notice_gap_minutes, rule_tickets, rule_window_minutes, critical_services,
		rules_raise_directly FROM major_settings WHERE org_id = ?`, orgID).
		Scan(&st.StatusPublic, &gap, &st.BurstTickets, &window, &critical, &st.RaiseDirectly)
	if err != nil {
		if err = classify(err); err == ErrNotFound {
			return major.DefaultSettings, nil
		}
		return st, err
	}
	st.NoticeGap, st.BurstWindow = time.Duration(gap)*time.Minute, time.Duration(window)*time.Minute
	st.Critical = splitLines(critical)
	return st, nil
}

// SaveMajorSettings writes an org's major incident settings.
func (s *Store) SaveMajorSettings(ctx context.Context, scope tenancy.Scope, orgID int64, st major.Settings) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO major_settings (org_id, status_public, notice_gap_minutes, rule_tickets, rule_window_minutes,
		critical_services, rules_raise_directly, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET status_public = excluded.status_public, notice_gap_minutes = excluded.notice_gap_minutes,
		rule_tickets = excluded.rule_tickets, rule_window_minutes = excluded.rule_window_minutes,
		critical_services = excluded.critical_services, rules_raise_directly = excluded.rules_raise_directly, updated_at = excluded.updated_at`,
		orgID, st.StatusPublic, int(st.NoticeGap/time.Minute), st.BurstTickets, int(st.BurstWindow/time.Minute),
		strings.Join(st.Critical, "\n"), st.RaiseDirectly, s.Now())
	return classify(err)
}

func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// StatusIncident is a major incident as one council's status page shows
// it: only that council's services and sites.
type StatusIncident struct {
	ID       int64       `json:"id"`
	Title    string      `json:"title"`
	Phase    major.Phase `json:"phase"`
	RaisedAt time.Time   `json:"raised_at"`
	// ResolvedAt is set only for a resolved incident (staff view).
	ResolvedAt *time.Time `json:"resolved_at,omitempty"`
	Services   []string   `json:"services"`
	Sites      []string   `json:"sites,omitempty"`
}

// StatusIncidents lists the open major incidents affecting an org, newest
// first, with the services and sites they affect there; with a non-zero
// resolvedSince, also those resolved since then. The incident may
// belong to another org (the shared service): only its title, phase and
// this org's impacts are read.
func (s *Store) StatusIncidents(ctx context.Context, scope tenancy.Scope, orgID int64, resolvedSince time.Time) ([]StatusIncident, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	// A zero resolvedSince lets no resolved incident through: none is
	// resolved after the year 9999. Open ones come first (state order).
	since := resolvedSince.UTC()
	if resolvedSince.IsZero() {
		since = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	rows, err := s.query(ctx, `SELECT m.id, m.title, m.phase, m.raised_at, m.resolved_at, i.service, i.site FROM major_incidents m
		JOIN major_impacts i ON i.major_id = m.id WHERE i.org_id = ?
		AND (m.state = 'open' OR (m.state = 'resolved' AND m.resolved_at >= ?))
		ORDER BY m.state, m.raised_at DESC, m.id DESC, i.service, i.site LIMIT 500`, orgID, since)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StatusIncident
	for rows.Next() {
		var si StatusIncident
		var phase, service, site string
		var resolved sql.NullTime
		if err := rows.Scan(&si.ID, &si.Title, &phase, &si.RaisedAt, &resolved, &service, &site); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != si.ID {
			si.Phase, si.RaisedAt = major.Phase(phase), si.RaisedAt.UTC()
			if resolved.Valid {
				at := resolved.Time.UTC()
				si.ResolvedAt = &at
			}
			out = append(out, si)
		}
		last := &out[len(out)-1]
		last.Services = appendOnce(last.Services, service)
		if site != "" {
			last.Sites = appendOnce(last.Sites, site)
		}
	}
	return out, rows.Err()
}

func appendOnce(list []string, v string) []string {
	for _, have := range list {
		if have == v {
			return list
		}
	}
	return append(list, v)
}

// StatusUpdates is the timeline of a major incident that affects an org, as
// that org's status page shows it: only updates for the audiences given.
func (s *Store) StatusUpdates(ctx context.Context, scope tenancy.Scope, orgID, majorID int64, audiences []major.Audience) ([]MajorUpdate, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	if len(audiences) == 0 {
		return nil, nil
	}
	args := []any{majorID, majorID, orgID}
	for _, a := range audiences {
		args = append(args, string(a))
	}
	return s.majorUpdates(ctx, `SELECT id, major_id, at, actor, audience, phase, body FROM major_updates WHERE major_id = ?
		AND EXISTS (SELECT 1 FROM major_impacts i WHERE i.major_id = ? AND i.org_id = ?)
		AND audience IN (?`+repeatMarks(len(audiences)-1)+`) ORDER BY at DESC, id DESC LIMIT 50`, args...)
}

// Maintenance is a planned maintenance window on one org's service.
type Maintenance struct {
	ID          int64     `json:"id"`
	OrgID       int64     `json:"org_id"`
	Service     string    `json:"service"`
	Sites       []string  `json:"sites,omitempty"`
	Starts      time.Time `json:"starts"`
	Ends        time.Time `json:"ends"`
	Description string    `json:"description"`
	CreatedBy   string    `json:"created_by"`
}

// AddMaintenance records a planned maintenance window.
func (s *Store) AddMaintenance(ctx context.Context, scope tenancy.Scope, m *Maintenance) error {
	if err := orgInScope(scope, m.OrgID); err != nil {
		return err
	}
	id, err := s.insertID(ctx, `INSERT INTO maintenance_windows (org_id, service, sites, starts_at, ends_at, description, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.OrgID, m.Service, strings.Join(m.Sites, "\n"), m.Starts.UTC(), m.Ends.UTC(),
		m.Description, m.CreatedBy, s.Now())
	m.ID = id
	return classify(err)
}

// MaintenanceFilter narrows a list of maintenance windows.
type MaintenanceFilter struct {
	OrgID    int64     // 0: every org in scope
	EndAfter time.Time // zero: past windows too
	PerPage  int
	Cursor   *keyset.Cursor // after (starts, id), soonest first
}

// MaintenanceWindows lists maintenance windows in scope, soonest first,
// paged by (starts, id) forwards.
func (s *Store) MaintenanceWindows(ctx context.Context, scope tenancy.Scope, f MaintenanceFilter) ([]Maintenance, *keyset.Cursor, error) {
	cond, args, err := scopeFilter(scope, "org_id")
	if err != nil {
		return nil, nil, err
	}
	if f.PerPage <= 0 || f.PerPage > 200 {
		f.PerPage = 50
	}
	where := ` WHERE ` + cond
	if f.OrgID != 0 {
		where, args = where+` AND org_id = ?`, append(args, f.OrgID)
	}
	if !f.EndAfter.IsZero() {
		where, args = where+` AND ends_at > ?`, append(args, f.EndAfter.UTC())
	}
	if f.Cursor != nil {
		where, args = where+` AND (starts_at > ? OR (starts_at = ? AND id > ?))`, append(args, f.Cursor.Time, f.Cursor.Time, f.Cursor.ID)
	}
	rows, err := s.query(ctx, `SELECT id, org_id, service, sites, starts_at, ends_at, description, created_by FROM maintenance_windows`+
		where+` ORDER BY starts_at, id LIMIT ?`, append(args, f.PerPage+1)...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var out []Maintenance
	for rows.Next() {
		var m Maintenance
		var sites string
		if err := rows.Scan(&m.ID, &m.OrgID, &m.Service, &sites, &m.Starts, &m.Ends, &m.Description, &m.CreatedBy); err != nil {
			return nil, nil, err
		}
		m.Sites, m.Starts, m.Ends = splitLines(sites), m.Starts.UTC(), m.Ends.UTC()
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var next *keyset.Cursor
	if len(out) > f.PerPage {
		out = out[:f.PerPage]
		last := out[len(out)-1]
		next = &keyset.Cursor{Time: last.Starts, ID: last.ID}
	}
	return out, next, nil
}

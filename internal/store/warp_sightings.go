package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// Sighting is a member's report that it saw an indicator in its logs.
type Sighting struct {
	ID          int64     `json:"id"`
	STIXID      string    `json:"stix_id"`
	IndicatorID int64     `json:"indicator_id"`
	OrgID       int64     `json:"-"`
	Anonymous   bool      `json:"anonymous"`
	Shared      bool      `json:"shared"`
	Count       int       `json:"count"`
	FirstSeen   time.Time `json:"first_seen"`
	LastSeen    time.Time `json:"last_seen"`
	Source      string    `json:"-"`
	Sample      string    `json:"-"`
	TicketID    int64     `json:"-"`
	CreatedBy   string    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`

	// Read with the sighting.
	Indicator      warp.Indicator `json:"indicator"`
	IndicatorShare ShareRef       `json:"-"`
	IndicatorSTIX  string         `json:"-"`
	AdvisoryID     int64          `json:"advisory_id,omitempty"`
	OrgName        string         `json:"-"`
	TicketRef      string         `json:"-"`
}

// InsertSightings stores sightings; run it in the match's transaction.
func (s *Store) InsertSightings(ctx context.Context, scope tenancy.Scope, sg []Sighting) error {
	for i := range sg {
		if err := orgInScope(scope, sg[i].OrgID); err != nil {
			return err
		}
	}
	now := s.Now()
	for i := range sg {
		x := &sg[i]
		x.CreatedAt = now
		var ticket any
		if x.TicketID != 0 {
			ticket = x.TicketID
		}
		id, err := s.insertID(ctx, `INSERT INTO warp_sightings (stix_id, indicator_id, org_id, anonymous, shared, count, first_seen, last_seen,
			source, sample, ticket_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			x.STIXID, x.IndicatorID, x.OrgID, x.Anonymous, x.Shared, x.Count, x.FirstSeen.UTC(), x.LastSeen.UTC(),
			x.Source, x.Sample, ticket, x.CreatedBy, now)
		if err != nil {
			return classify(err)
		}
		x.ID = id
	}
	return nil
}

// SightingFilter narrows a list of sightings.
type SightingFilter struct {
	IndicatorID int64
	AdvisoryID  int64
	OwnOnly     bool // only the viewer's org's own sightings
	Since       time.Time
	Limit       int
	// After, when set, starts the page at a cursor given out for this list.
	After *keyset.Cursor
}

// sightingWhere is a sighting list's conditions, but for its page.
func sightingWhere(v warp.Viewer, f SightingFilter) ([]string, []any, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, nil, err
	}
	where := []string{`(g.org_id = ? OR (g.shared AND ` + cond + `))`}
	args = append([]any{v.OrgID}, args...)
	add := func(sql string, a ...any) {
		where = append(where, sql)
		args = append(args, a...)
	}
	if f.IndicatorID != 0 {
		add(`g.indicator_id = ?`, f.IndicatorID)
	}
	if f.AdvisoryID != 0 {
		add(`i.advisory_id = ?`, f.AdvisoryID)
	}
	if f.OwnOnly {
		add(`g.org_id = ?`, v.OrgID)
	}
	if !f.Since.IsZero() {
		add(`g.created_at >= ?`, f.Since.UTC())
	}
	return where, args, nil
}

// CountOwnSightings counts the viewer's org's own sightings that match the
// filter, as the list of them shows them (its own are never hidden from
// it, so the count is the list's).
func (s *Store) CountOwnSightings(ctx context.Context, v warp.Viewer, f SightingFilter) (int, error) {
	f.OwnOnly = true
	where, args, err := sightingWhere(v, f)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM warp_sightings g JOIN warp_indicators i ON i.id = g.indicator_id
		JOIN warp_shares sh ON sh.id = i.share_id WHERE `+strings.Join(where, " AND "), args...).Scan(&n)
	return n, err
}

// SightingCursor is the place of a sighting in the list, newest first.
func SightingCursor(g Sighting) keyset.Cursor {
	return keyset.Cursor{Time: g.CreatedAt.UTC(), ID: g.ID}
}

// Sightings lists the sightings the viewer may see, newest first: the
// viewer's org's own, and those shared of indicators the viewer may see.
func (s *Store) Sightings(ctx context.Context, v warp.Viewer, f SightingFilter) ([]Sighting, error) {
	where, args, err := sightingWhere(v, f)
	if err != nil {
		return nil, err
	}
	add := func(sql string, a ...any) {
		where = append(where, sql)
		args = append(args, a...)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	var from []any
	if f.After != nil {
		from = []any{f.After.Time, f.After.ID}
	}
	seek, from, order := keysetOrder([]string{"g.created_at", "g.id"}, true, f.After, from...)
	if seek != "" {
		add(seek, from...)
	}
	args = append(args, limit)
	rows, err := s.query(ctx, `SELECT g.id, g.stix_id, g.indicator_id, g.org_id, g.anonymous, g.shared, g.count, g.first_seen, g.last_seen,
		g.source, g.sample, COALESCE(g.ticket_id, 0), g.created_by, g.created_at, i.type, i.value, i.stix_id, COALESCE(i.advisory_id, 0), o.name,
		COALESCE(t.ref, ''), `+shareColumns+`
		FROM warp_sightings g JOIN warp_indicators i ON i.id = g.indicator_id JOIN warp_shares sh ON sh.id = i.share_id
		JOIN orgs o ON o.id = g.org_id LEFT JOIN tickets t ON t.id = g.ticket_id
		WHERE `+strings.Join(where, " AND ")+` ORDER BY `+order+` LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	out, err := scanSightings(rows)
	if err != nil {
		return nil, err
	}
	out = backwards(f.After, out)
	refs := make([]*ShareRef, len(out))
	for i := range out {
		refs[i] = &out[i].IndicatorShare
	}
	return out, s.FillAudiences(ctx, refs)
}

func scanSightings(rows *sql.Rows) ([]Sighting, error) {
	defer rows.Close()
	var out []Sighting
	for rows.Next() {
		var g Sighting
		dst := []any{&g.ID, &g.STIXID, &g.IndicatorID, &g.OrgID, &g.Anonymous, &g.Shared, &g.Count, &g.FirstSeen, &g.LastSeen,
			&g.Source, &g.Sample, &g.TicketID, &g.CreatedBy, &g.CreatedAt, &g.Indicator.Type, &g.Indicator.Value, &g.IndicatorSTIX,
			&g.AdvisoryID, &g.OrgName, &g.TicketRef}
		dst = append(dst, scanShare(&g.IndicatorShare)...)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		g.FirstSeen, g.LastSeen, g.CreatedAt = g.FirstSeen.UTC(), g.LastSeen.UTC(), g.CreatedAt.UTC()
		out = append(out, g)
	}
	return out, rows.Err()
}

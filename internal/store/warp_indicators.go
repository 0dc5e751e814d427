package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/keyset"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// SharedIndicator is an indicator of compromise as stored and shared.
type SharedIndicator struct {
	ID     int64    `json:"id"`
	Share  ShareRef `json:"-"`
	STIXID string   `json:"stix_id"`
	warp.Indicator
	Name        string     `json:"name,omitempty"`
	Description string     `json:"description,omitempty"`
	ValidFrom   time.Time  `json:"valid_from"`
	ValidUntil  *time.Time `json:"valid_until,omitempty"`
	Confidence  int        `json:"confidence"`
	Detect      bool       `json:"detect"`
	AdvisoryID  int64      `json:"advisory_id,omitempty"`
	Warning     string     `json:"warning,omitempty"`
	Source      string     `json:"source,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	ModifiedAt  time.Time  `json:"modified_at"`

	// Read with the indicator.
	CommunitySlug string `json:"community"`
	AdvisoryTitle string `json:"advisory,omitempty"`
}

// InsertIndicators stores indicators under their shares, many rows a
// statement, so a feed of a million loads in seconds. Run it in the
// transaction that made the shares.
func (s *Store) InsertIndicators(ctx context.Context, scope tenancy.Scope, ins []SharedIndicator) error {
	for i := range ins {
		if err := orgInScope(scope, ins[i].Share.AuthorOrgID); err != nil {
			return err
		}
	}
	now := s.Now()
	ids, err := s.reserveIDs(ctx, "warp_indicators", len(ins))
	if err != nil {
		return err
	}
	rows := make([][]any, len(ins))
	for i := range ins {
		in := &ins[i]
		in.ID = ids[i]
		if in.CreatedAt.IsZero() {
			in.CreatedAt = now
		}
		if in.ModifiedAt.IsZero() {
			in.ModifiedAt = in.CreatedAt
		}
		var until, advisory any
		if in.ValidUntil != nil {
			until = in.ValidUntil.UTC()
		}
		if in.AdvisoryID != 0 {
			advisory = in.AdvisoryID
		}
		rows[i] = []any{in.ID, in.Share.ID, in.STIXID, string(in.Type), in.Value, in.Name, in.Description, in.ValidFrom.UTC(), until,
			in.Confidence, in.Detect, advisory, in.Warning, in.Source, in.CreatedAt, in.ModifiedAt}
	}
	return s.insertRows(ctx, `INSERT INTO warp_indicators (id, share_id, stix_id, type, value, name, description, valid_from, valid_until,
		confidence, detect, advisory_id, warning, source, created_at, modified_at)`, "", rows)
}

// IndicatorFilter narrows a list of indicators.
type IndicatorFilter struct {
	CommunityID int64
	Type        warp.Type
	Marking     warp.Marking
	Value       string // exactly this canonical value
	Query       string // part of the value, name or description
	ValuePrefix string // the canonical value starts with this (an index range, migration 025)
	Window      int    // when above 0, Query looks only among the newest Window indicators
	AdvisoryID  int64
	STIXIDs     []string
	IDs         []int64
	ActiveAt    time.Time // valid at this time and marked for detection
	Limit       int       // 0 for 100; negative for no limit
	// After, when set, starts the page at a cursor given out for this list.
	After *keyset.Cursor
}

// IndicatorCursor is the place of an indicator in the list, newest first.
func IndicatorCursor(in SharedIndicator) keyset.Cursor {
	return keyset.Cursor{Time: in.CreatedAt.UTC(), ID: in.ID}
}

// Indicators lists the indicators the viewer may see, newest first.
func (s *Store) Indicators(ctx context.Context, v warp.Viewer, f IndicatorFilter) ([]SharedIndicator, error) {
	var out []SharedIndicator
	err := s.EachIndicator(ctx, v, f, func(in SharedIndicator) error {
		out = append(out, in)
		return nil
	})
	if err != nil {
		return nil, err
	}
	out = backwards(f.After, out)
	refs := make([]*ShareRef, len(out))
	for i := range out {
		refs[i] = &out[i].Share
	}
	return out, s.FillAudiences(ctx, refs)
}

// EachIndicator streams the indicators the viewer may see, so building a
// matcher over a million needs no list of a million rows first. The items
// it passes carry their share without its named audience.
func (s *Store) EachIndicator(ctx context.Context, v warp.Viewer, f IndicatorFilter, fn func(SharedIndicator) error) error {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return err
	}
	where := []string{cond}
	add := func(sql string, a ...any) {
		where = append(where, sql)
		args = append(args, a...)
	}
	if f.CommunityID != 0 {
		add(`sh.community_id = ?`, f.CommunityID)
	}
	if f.Type != "" {
		add(`i.type = ?`, string(f.Type))
	}
	if f.Marking != "" {
		add(`sh.tlp = ?`, string(f.Marking))
	}
	if f.Value != "" {
		add(`i.value = ?`, f.Value)
	}
	if q := strings.TrimSpace(strings.ToLower(f.Query)); q != "" {
		p := containing(q)
		add(`(i.value LIKE ?`+likeEscape+` OR LOWER(i.name) LIKE ?`+likeEscape+` OR LOWER(i.description) LIKE ?`+likeEscape+`)`, p, p, p)
	}
	s.indicatorSearch(f, add)
	if f.AdvisoryID != 0 {
		add(`i.advisory_id = ?`, f.AdvisoryID)
	}
	if len(f.IDs) > 0 {
		in, a := inList(f.IDs)
		add(`i.id IN (`+in+`)`, a...)
	}
	if len(f.STIXIDs) > 0 {
		add(`i.stix_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(f.STIXIDs)), ",")+`)`, stringArgs(f.STIXIDs)...)
	}
	if !f.ActiveAt.IsZero() {
		at := f.ActiveAt.UTC()
		add(`i.detect AND i.valid_from <= ? AND (i.valid_until IS NULL OR i.valid_until > ?)`, at, at)
	}
	var from []any
	if f.After != nil {
		from = []any{f.After.Time, f.After.ID}
	}
	seek, from, order := keysetOrder([]string{"i.created_at", "i.id"}, true, f.After, from...)
	if seek != "" {
		add(seek, from...)
	}
	q := `SELECT i.id, i.stix_id, i.type, i.value, i.name, i.description, i.valid_from, i.valid_until, i.confidence, i.detect,
		COALESCE(i.advisory_id, 0), i.warning, i.source, i.created_at, i.modified_at, ` + shareColumns + `, c.slug, COALESCE(a.title, '')
		FROM warp_indicators i JOIN warp_shares sh ON sh.id = i.share_id JOIN warp_communities c ON c.id = sh.community_id
		LEFT JOIN warp_advisories a ON a.id = i.advisory_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order
	if f.Limit >= 0 {
		limit := f.Limit
		if limit == 0 {
			limit = 100
		}
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		in, err := scanIndicator(rows)
		if err != nil {
			return err
		}
		if err := fn(in); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanIndicator(rows *sql.Rows) (SharedIndicator, error) {
	var in SharedIndicator
	var until sql.NullTime
	dst := []any{&in.ID, &in.STIXID, &in.Type, &in.Value, &in.Name, &in.Description, &in.ValidFrom, &until, &in.Confidence, &in.Detect,
		&in.AdvisoryID, &in.Warning, &in.Source, &in.CreatedAt, &in.ModifiedAt}
	dst = append(dst, scanShare(&in.Share)...)
	dst = append(dst, &in.CommunitySlug, &in.AdvisoryTitle)
	if err := rows.Scan(dst...); err != nil {
		return in, err
	}
	in.ValidFrom, in.CreatedAt, in.ModifiedAt = in.ValidFrom.UTC(), in.CreatedAt.UTC(), in.ModifiedAt.UTC()
	if until.Valid {
		t := until.Time.UTC()
		in.ValidUntil = &t
	}
	return in, nil
}

func stringArgs(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// IndicatorsVersion changes whenever an indicator is added or changed or a
// membership or share changes who sees them, so a matcher built from the
// indicators an org sees can be kept until it does.
func (s *Store) IndicatorsVersion(ctx context.Context) (string, error) {
	var n, top, members, shares int64
	var latest any // a time on PostgreSQL, text on SQLite: only compared
	if err := s.queryRow(ctx, `SELECT COUNT(*), COALESCE(MAX(id), 0), MAX(modified_at),
		(SELECT COUNT(*) FROM warp_members), (SELECT COUNT(*) FROM warp_shares) FROM warp_indicators`).Scan(&n, &top, &latest, &members, &shares); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d/%d/%v/%d/%d", n, top, latest, members, shares), nil
}

// IndicatorEntry is what a matcher needs of an indicator.
type IndicatorEntry struct {
	ID      int64
	ShareID int64
	warp.Indicator
}

// ActiveIndicatorEntries streams the indicators the viewer may see that are
// marked for detection and valid at the time, reading only what a matcher
// needs and in no particular order, so a million load in a few seconds.
func (s *Store) ActiveIndicatorEntries(ctx context.Context, v warp.Viewer, at time.Time, fn func(IndicatorEntry)) error {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return err
	}
	at = at.UTC()
	args = append(args, at, at)
	rows, err := s.query(ctx, `SELECT i.id, i.share_id, i.type, i.value FROM warp_indicators i JOIN warp_shares sh ON sh.id = i.share_id
		WHERE `+cond+` AND i.detect AND i.valid_from <= ? AND (i.valid_until IS NULL OR i.valid_until > ?)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var e IndicatorEntry
	var typ, value []byte
	for rows.Next() {
		if err := rows.Scan(&e.ID, &e.ShareID, &typ, &value); err != nil {
			return err
		}
		e.Type, e.Value = warp.Type(typ), string(value)
		fn(e)
	}
	return rows.Err()
}

// SharesByID reads whole (with their named audiences) those of the shares
// that the viewer sees; the others are left out.
func (s *Store) SharesByID(ctx context.Context, v warp.Viewer, ids []int64) (map[int64]*ShareRef, error) {
	if !v.Valid() {
		return nil, tenancy.ErrUnscoped
	}
	out := map[int64]*ShareRef{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := inList(ids)
	rows, err := s.query(ctx, `SELECT `+shareColumns+` FROM warp_shares sh WHERE sh.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	var refs []*ShareRef
	for rows.Next() {
		r := &ShareRef{}
		if err := rows.Scan(scanShare(r)...); err != nil {
			rows.Close()
			return nil, err
		}
		out[r.ID] = r
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := s.FillAudiences(ctx, refs); err != nil {
		return nil, err
	}
	for id, r := range out {
		if !v.Sees(r.Share) {
			delete(out, id)
		}
	}
	return out, nil
}

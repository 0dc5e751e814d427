package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// StixObject is a STIX object ward keeps as it came (an identity, a
// malware, a report's neighbours), shared like the items it came with.
type StixObject struct {
	ID        int64
	Share     ShareRef
	STIXID    string
	Type      string
	Modified  time.Time
	Body      string // the object's JSON
	CreatedAt time.Time
}

// InsertObjects stores kept STIX objects under their share.
func (s *Store) InsertObjects(ctx context.Context, scope tenancy.Scope, objs []StixObject) error {
	for i := range objs {
		if err := orgInScope(scope, objs[i].Share.AuthorOrgID); err != nil {
			return err
		}
	}
	now := s.Now()
	rows := make([][]any, len(objs))
	for i := range objs {
		o := &objs[i]
		o.CreatedAt = now
		rows[i] = []any{o.Share.ID, o.STIXID, o.Type, o.Modified.UTC(), o.Body, now}
	}
	return s.insertRows(ctx, `INSERT INTO warp_objects (share_id, stix_id, type, modified, body, created_at)`, "", rows)
}

// ObjectFilter narrows kept STIX objects.
type ObjectFilter struct {
	CommunityID int64
	STIXIDs     []string
	Types       []string
	AddedAfter  time.Time
	Limit       int
}

// Objects lists the kept STIX objects the viewer may see, oldest first.
func (s *Store) Objects(ctx context.Context, v warp.Viewer, f ObjectFilter) ([]StixObject, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	where := []string{cond}
	add := func(sql string, a ...any) {
		where = append(where, sql)
		args = append(args, a...)
	}
	if f.CommunityID != 0 {
		add(`sh.community_id = ?`, f.CommunityID)
	}
	if len(f.STIXIDs) > 0 {
		add(`o.stix_id IN (`+strings.TrimSuffix(strings.Repeat("?,", len(f.STIXIDs)), ",")+`)`, stringArgs(f.STIXIDs)...)
	}
	if len(f.Types) > 0 {
		add(`o.type IN (`+strings.TrimSuffix(strings.Repeat("?,", len(f.Types)), ",")+`)`, stringArgs(f.Types)...)
	}
	if !f.AddedAfter.IsZero() {
		add(`o.created_at > ?`, f.AddedAfter.UTC())
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 1000
	}
	args = append(args, limit)
	rows, err := s.query(ctx, `SELECT `+objectColumns+`
		FROM warp_objects o JOIN warp_shares sh ON sh.id = o.share_id WHERE `+strings.Join(where, " AND ")+`
		ORDER BY o.created_at, o.id LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	return s.scanObjects(ctx, rows)
}

// scanObjects reads kept objects selected with objectColumns, with their
// shares' audiences.
func (s *Store) scanObjects(ctx context.Context, rows *sql.Rows) ([]StixObject, error) {
	defer rows.Close()
	var out []StixObject
	for rows.Next() {
		var o StixObject
		dst := append([]any{&o.ID, &o.STIXID, &o.Type, &o.Modified, &o.Body, &o.CreatedAt}, scanShare(&o.Share)...)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		o.Modified, o.CreatedAt = o.Modified.UTC(), o.CreatedAt.UTC()
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	refs := make([]*ShareRef, len(out))
	for i := range out {
		refs[i] = &out[i].Share
	}
	return out, s.FillAudiences(ctx, refs)
}

// objectColumns are what scanObjects reads.
const objectColumns = `o.id, o.stix_id, o.type, o.modified, o.body, o.created_at, ` + shareColumns

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

// Advisory is a warning with advice, shared in a community.
type Advisory struct {
	ID          int64     `json:"id"`
	Share       ShareRef  `json:"-"`
	STIXID      string    `json:"stix_id"`
	Title       string    `json:"title"`
	Summary     string    `json:"summary"`
	Body        string    `json:"body"`
	Severity    string    `json:"severity"`
	AuthorActor string    `json:"-"`
	Source      string    `json:"source,omitempty"` // "stix" when imported from a bundle
	PublishedAt time.Time `json:"published_at"`
	ModifiedAt  time.Time `json:"modified_at"`

	// Read with the advisory, not stored in its row.
	CommunitySlug string `json:"community"`
	AuthorOrgName string `json:"-"`
	Updates       int    `json:"updates"`
	Acks          int    `json:"acknowledgements"`
	Indicators    int    `json:"indicators"`
	AckedByViewer bool   `json:"acknowledged"`
	ReadByViewer  bool   `json:"read"` // marked read, or opened (warp_opens.go)
}

// AdvisoryFilter narrows a list of advisories.
type AdvisoryFilter struct {
	CommunityID int64
	Marking     warp.Marking
	Severity    string
	Query       string // words in the title, summary or body
	IDs         []int64
	// Unread keeps the advisories the viewer has neither opened nor marked read.
	Unread bool
	Limit  int
	// After, when set, starts the page at a cursor given out for this list.
	After *keyset.Cursor
}

// AdvisoryCursor is the place of an advisory in the list, newest first.
func AdvisoryCursor(a Advisory) keyset.Cursor {
	return keyset.Cursor{Time: a.PublishedAt.UTC(), ID: a.ID}
}

// CreateAdvisory stores an advisory under a share made for it. Run it in
// the transaction that made the share.
func (s *Store) CreateAdvisory(ctx context.Context, scope tenancy.Scope, a *Advisory) error {
	if err := orgInScope(scope, a.Share.AuthorOrgID); err != nil {
		return err
	}
	now := s.Now()
	if a.PublishedAt.IsZero() {
		a.PublishedAt = now
	}
	if a.ModifiedAt.IsZero() {
		a.ModifiedAt = a.PublishedAt
	}
	id, err := s.insertID(ctx, `INSERT INTO warp_advisories (share_id, stix_id, title, summary, body, severity, author_actor, source, published_at, modified_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.Share.ID, a.STIXID, a.Title, a.Summary, a.Body, a.Severity, a.AuthorActor, a.Source, a.PublishedAt, a.ModifiedAt)
	a.ID = id
	return classify(err)
}

// touchAdvisory records that an advisory changed (a follow-up was added).
func (s *Store) touchAdvisory(ctx context.Context, id int64, at time.Time) error {
	_, err := s.exec(ctx, `UPDATE warp_advisories SET modified_at = ? WHERE id = ?`, at, id)
	return err
}

// Advisories lists the advisories the viewer may see, newest first.
func (s *Store) Advisories(ctx context.Context, v warp.Viewer, f AdvisoryFilter) ([]Advisory, error) {
	where, args, err := advisoryConditions(v, f)
	if err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	var from []any
	if f.After != nil {
		from = []any{f.After.Time, f.After.ID}
	}
	seek, from, order := keysetOrder([]string{"a.published_at", "a.id"}, true, f.After, from...)
	if seek != "" {
		where, args = append(where, seek), append(args, from...)
	}
	q := `SELECT a.id, a.stix_id, a.title, a.summary, a.body, a.severity, a.author_actor, a.source, a.published_at, a.modified_at, ` + shareColumns + `,
		c.slug, o.name,
		(SELECT COUNT(*) FROM warp_advisory_updates u WHERE u.advisory_id = a.id),
		(SELECT COUNT(*) FROM warp_acks k WHERE k.advisory_id = a.id),
		(SELECT COUNT(*) FROM warp_indicators i WHERE i.advisory_id = a.id),
		EXISTS (SELECT 1 FROM warp_acks k WHERE k.advisory_id = a.id AND k.user_id = ?),
		EXISTS (SELECT 1 FROM warp_opens r WHERE r.advisory_id = a.id AND r.user_id = ?) OR EXISTS (SELECT 1 FROM warp_acks k WHERE k.advisory_id = a.id AND k.user_id = ?)
		FROM warp_advisories a JOIN warp_shares sh ON sh.id = a.share_id
		JOIN warp_communities c ON c.id = sh.community_id JOIN orgs o ON o.id = sh.author_org_id
		WHERE ` + strings.Join(where, " AND ") + ` ORDER BY ` + order + ` LIMIT ?`
	args = append([]any{v.UserID, v.UserID, v.UserID}, args...)
	args = append(args, limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	out, err := scanAdvisories(rows)
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

func scanAdvisories(rows *sql.Rows) ([]Advisory, error) {
	defer rows.Close()
	var out []Advisory
	for rows.Next() {
		var a Advisory
		dst := []any{&a.ID, &a.STIXID, &a.Title, &a.Summary, &a.Body, &a.Severity, &a.AuthorActor, &a.Source, &a.PublishedAt, &a.ModifiedAt}
		dst = append(dst, scanShare(&a.Share)...)
		dst = append(dst, &a.CommunitySlug, &a.AuthorOrgName, &a.Updates, &a.Acks, &a.Indicators, &a.AckedByViewer, &a.ReadByViewer)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		a.PublishedAt, a.ModifiedAt = a.PublishedAt.UTC(), a.ModifiedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// Advisory reads one advisory the viewer may see; ErrNotFound otherwise,
// whether or not it exists.
func (s *Store) Advisory(ctx context.Context, v warp.Viewer, id int64) (Advisory, error) {
	as, err := s.Advisories(ctx, v, AdvisoryFilter{IDs: []int64{id}, Limit: 1})
	if err != nil {
		return Advisory{}, err
	}
	if len(as) == 0 {
		return Advisory{}, ErrNotFound
	}
	return as[0], nil
}

// AdvisoryUpdate is a follow-up to an advisory.
type AdvisoryUpdate struct {
	ID          int64     `json:"id"`
	AdvisoryID  int64     `json:"-"`
	Body        string    `json:"body"`
	AuthorActor string    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// AddAdvisoryUpdate appends a follow-up to an advisory the viewer sees; the
// caller has checked the right to add one.
func (s *Store) AddAdvisoryUpdate(ctx context.Context, v warp.Viewer, u *AdvisoryUpdate) error {
	if _, err := s.Advisory(ctx, v, u.AdvisoryID); err != nil {
		return err
	}
	u.CreatedAt = s.Now()
	return s.InTx(ctx, func(ctx context.Context) error {
		id, err := s.insertID(ctx, `INSERT INTO warp_advisory_updates (advisory_id, body, author_actor, created_at) VALUES (?, ?, ?, ?)`,
			u.AdvisoryID, u.Body, u.AuthorActor, u.CreatedAt)
		u.ID = id
		if err != nil {
			return err
		}
		return s.touchAdvisory(ctx, u.AdvisoryID, u.CreatedAt)
	})
}

// AdvisoryUpdates lists the follow-ups of an advisory the viewer sees,
// oldest first.
func (s *Store) AdvisoryUpdates(ctx context.Context, v warp.Viewer, advisoryID int64) ([]AdvisoryUpdate, error) {
	if _, err := s.Advisory(ctx, v, advisoryID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT id, advisory_id, body, author_actor, created_at FROM warp_advisory_updates WHERE advisory_id = ? ORDER BY id`, advisoryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AdvisoryUpdate
	for rows.Next() {
		var u AdvisoryUpdate
		if err := rows.Scan(&u.ID, &u.AdvisoryID, &u.Body, &u.AuthorActor, &u.CreatedAt); err != nil {
			return nil, err
		}
		u.CreatedAt = u.CreatedAt.UTC()
		out = append(out, u)
	}
	return out, rows.Err()
}

// Ack is a reader's acknowledgement of an advisory.
type Ack struct {
	UserID   int64     `json:"-"`
	UserName string    `json:"name"`
	OrgID    int64     `json:"-"`
	OrgName  string    `json:"org"`
	At       time.Time `json:"acknowledged_at"`
}

// Acknowledge records that the viewer has read an advisory they see; again
// is a no-op.
func (s *Store) Acknowledge(ctx context.Context, v warp.Viewer, advisoryID int64) error {
	if _, err := s.Advisory(ctx, v, advisoryID); err != nil {
		return err
	}
	userID := v.UserID
	_, err := s.exec(ctx, `INSERT INTO warp_acks (advisory_id, user_id, acked_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		advisoryID, userID, s.Now())
	return err
}

// Acks lists who has read an advisory, first reader first.
func (s *Store) Acks(ctx context.Context, v warp.Viewer, advisoryID int64) ([]Ack, error) {
	if _, err := s.Advisory(ctx, v, advisoryID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT k.user_id, u.name, u.org_id, o.name, k.acked_at FROM warp_acks k
		JOIN users u ON u.id = k.user_id JOIN orgs o ON o.id = u.org_id WHERE k.advisory_id = ? ORDER BY k.acked_at, k.user_id`, advisoryID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Ack
	for rows.Next() {
		var k Ack
		if err := rows.Scan(&k.UserID, &k.UserName, &k.OrgID, &k.OrgName, &k.At); err != nil {
			return nil, err
		}
		k.At = k.At.UTC()
		out = append(out, k)
	}
	return out, rows.Err()
}

// advisoryConditions is the WHERE of an advisory list: what the viewer may
// see, narrowed by the filter.
func advisoryConditions(v warp.Viewer, f AdvisoryFilter) ([]string, []any, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, nil, err
	}
	where := []string{cond}
	if f.CommunityID != 0 {
		where = append(where, `sh.community_id = ?`)
		args = append(args, f.CommunityID)
	}
	if f.Marking != "" {
		where = append(where, `sh.tlp = ?`)
		args = append(args, string(f.Marking))
	}
	if f.Severity != "" {
		where = append(where, `a.severity = ?`)
		args = append(args, f.Severity)
	}
	for _, w := range strings.Fields(strings.ToLower(f.Query)) {
		where = append(where, `(LOWER(a.title) LIKE ?`+likeEscape+` OR LOWER(a.summary) LIKE ?`+likeEscape+` OR LOWER(a.body) LIKE ?`+likeEscape+`)`)
		p := containing(w)
		args = append(args, p, p, p)
	}
	if len(f.IDs) > 0 {
		in, a := inList(f.IDs)
		where = append(where, `a.id IN (`+in+`)`)
		args = append(args, a...)
	}
	if f.Unread {
		where, args = unread(v, where, args)
	}
	return where, args, nil
}

// CountAdvisories counts the advisories the viewer may see that the filter
// keeps, however many pages they fill.
func (s *Store) CountAdvisories(ctx context.Context, v warp.Viewer, f AdvisoryFilter) (int, error) {
	where, args, err := advisoryConditions(v, f)
	if err != nil {
		return 0, err
	}
	var n int
	err = s.queryRow(ctx, `SELECT COUNT(*) FROM warp_advisories a JOIN warp_shares sh ON sh.id = a.share_id
		WHERE `+strings.Join(where, " AND "), args...).Scan(&n)
	return n, err
}

package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Community is a WARP community: member orgs that share with one another.
type Community struct {
	ID          int64     `json:"-"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
}

// CommunityMember is an org's membership of a community.
type CommunityMember struct {
	CommunityID int64     `json:"-"`
	OrgID       int64     `json:"-"`
	OrgSlug     string    `json:"org"`
	OrgName     string    `json:"name"`
	OrgKind     string    `json:"kind"`
	CanPublish  bool      `json:"can_publish"`
	JoinedAt    time.Time `json:"joined_at"`
}

// CreateCommunity adds a community; ErrConflict if the slug is taken.
func (s *Store) CreateCommunity(ctx context.Context, c Community) (Community, error) {
	c.CreatedAt = s.Now()
	id, err := s.insertID(ctx, `INSERT INTO warp_communities (slug, name, description, created_at) VALUES (?, ?, ?, ?)`,
		c.Slug, c.Name, c.Description, c.CreatedAt)
	c.ID = id
	return c, classify(err)
}

const communityColumns = `id, slug, name, description, created_at`

func scanCommunities(rows *sql.Rows) ([]Community, error) {
	defer rows.Close()
	var out []Community
	for rows.Next() {
		var c Community
		if err := rows.Scan(&c.ID, &c.Slug, &c.Name, &c.Description, &c.CreatedAt); err != nil {
			return nil, err
		}
		c.CreatedAt = c.CreatedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// Communities lists communities: every one when orgID is 0, else those the
// org belongs to. Communities' names are not confidential; their items are.
func (s *Store) Communities(ctx context.Context, scope tenancy.Scope, orgID int64) ([]Community, error) {
	if !scope.Valid() {
		return nil, tenancy.ErrUnscoped
	}
	if err := orgInScope(scope, orgID); err != nil && orgID != 0 {
		return nil, err
	}
	q := `SELECT ` + communityColumns + ` FROM warp_communities ORDER BY name`
	var args []any
	if orgID != 0 {
		q = `SELECT ` + communityColumns + ` FROM warp_communities WHERE id IN (SELECT community_id FROM warp_members WHERE org_id = ?) ORDER BY name`
		args = append(args, orgID)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return scanCommunities(rows)
}

// CommunityBySlug finds a community by its slug.
func (s *Store) CommunityBySlug(ctx context.Context, slug string) (Community, error) {
	return s.oneCommunity(ctx, `slug = ?`, strings.ToLower(strings.TrimSpace(slug)))
}

// CommunityByID finds a community by id.
func (s *Store) CommunityByID(ctx context.Context, id int64) (Community, error) {
	return s.oneCommunity(ctx, `id = ?`, id)
}

func (s *Store) oneCommunity(ctx context.Context, where string, arg any) (Community, error) {
	rows, err := s.query(ctx, `SELECT `+communityColumns+` FROM warp_communities WHERE `+where, arg)
	if err != nil {
		return Community{}, err
	}
	cs, err := scanCommunities(rows)
	if err != nil {
		return Community{}, err
	}
	if len(cs) == 0 {
		return Community{}, ErrNotFound
	}
	return cs[0], nil
}

// SetCommunityMember adds an org to a community, or changes whether it may
// publish there.
func (s *Store) SetCommunityMember(ctx context.Context, scope tenancy.Scope, communityID, orgID int64, canPublish bool) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	_, err := s.exec(ctx, `INSERT INTO warp_members (community_id, org_id, can_publish, joined_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (community_id, org_id) DO UPDATE SET can_publish = excluded.can_publish`, communityID, orgID, canPublish, s.Now())
	return classify(err)
}

// RemoveCommunityMember takes an org out of a community; what it shared
// stays shared.
func (s *Store) RemoveCommunityMember(ctx context.Context, scope tenancy.Scope, communityID, orgID int64) error {
	if err := orgInScope(scope, orgID); err != nil {
		return err
	}
	res, err := s.exec(ctx, `DELETE FROM warp_members WHERE community_id = ? AND org_id = ?`, communityID, orgID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// CommunityMembers lists a community's member orgs by name.
func (s *Store) CommunityMembers(ctx context.Context, communityID int64) ([]CommunityMember, error) {
	rows, err := s.query(ctx, `SELECT m.community_id, m.org_id, o.slug, o.name, o.kind, m.can_publish, m.joined_at
		FROM warp_members m JOIN orgs o ON o.id = m.org_id WHERE m.community_id = ? ORDER BY o.name`, communityID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CommunityMember
	for rows.Next() {
		var m CommunityMember
		if err := rows.Scan(&m.CommunityID, &m.OrgID, &m.OrgSlug, &m.OrgName, &m.OrgKind, &m.CanPublish, &m.JoinedAt); err != nil {
			return nil, err
		}
		m.JoinedAt = m.JoinedAt.UTC()
		out = append(out, m)
	}
	return out, rows.Err()
}

// Membership says whether the org belongs to the community and may publish.
func (s *Store) Membership(ctx context.Context, scope tenancy.Scope, communityID, orgID int64) (member, canPublish bool, err error) {
	if err = orgInScope(scope, orgID); err != nil {
		return
	}
	err = s.queryRow(ctx, `SELECT can_publish FROM warp_members WHERE community_id = ? AND org_id = ?`, communityID, orgID).Scan(&canPublish)
	if err = classify(err); err == ErrNotFound {
		return false, false, nil
	}
	return err == nil, canPublish, err
}

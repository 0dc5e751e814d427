package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// ShareRef is a stored share: how a set of items was shared.
type ShareRef struct {
	ID int64 `json:"-"`
	warp.Share
	CreatedAt time.Time `json:"-"`
}

// CreateShare stores how items are about to be shared; the caller has
// checked it with warp.Share.Check. Run it inside the items' transaction.
func (s *Store) CreateShare(ctx context.Context, scope tenancy.Scope, sh warp.Share) (ShareRef, error) {
	if err := orgInScope(scope, sh.AuthorOrgID); err != nil {
		return ShareRef{}, err
	}
	var author any
	if sh.AuthorUserID != 0 {
		author = sh.AuthorUserID
	}
	now := s.Now()
	id, err := s.insertID(ctx, `INSERT INTO warp_shares (community_id, tlp, audience, author_org_id, author_user_id, anonymous, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, sh.CommunityID, string(sh.Marking), string(sh.Audience), sh.AuthorOrgID, author, sh.Anonymous, now)
	if err != nil {
		return ShareRef{}, classify(err)
	}
	for _, o := range sh.Orgs {
		if _, err := s.exec(ctx, `INSERT INTO warp_share_orgs (share_id, org_id) VALUES (?, ?)`, id, o); err != nil {
			return ShareRef{}, classify(err)
		}
	}
	for _, u := range sh.People {
		if _, err := s.exec(ctx, `INSERT INTO warp_share_people (share_id, user_id) VALUES (?, ?)`, id, u); err != nil {
			return ShareRef{}, classify(err)
		}
	}
	return ShareRef{ID: id, Share: sh, CreatedAt: now}, nil
}

// FillAudiences reads the named orgs and people of the shares given, so the
// items carry their whole share.
func (s *Store) FillAudiences(ctx context.Context, refs []*ShareRef) error {
	byID := map[int64][]*ShareRef{}
	var ids []int64
	for _, r := range refs {
		if r.Audience == warp.ToCommunity {
			continue
		}
		if _, seen := byID[r.ID]; !seen {
			ids = append(ids, r.ID)
		}
		byID[r.ID] = append(byID[r.ID], r)
	}
	if len(ids) == 0 {
		return nil
	}
	in, args := inList(ids)
	for _, q := range []struct {
		sql  string
		orgs bool
	}{{`SELECT share_id, org_id FROM warp_share_orgs WHERE share_id IN (` + in + `) ORDER BY org_id`, true},
		{`SELECT share_id, user_id FROM warp_share_people WHERE share_id IN (` + in + `) ORDER BY user_id`, false}} {
		rows, err := s.query(ctx, q.sql, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			var sid, x int64
			if err := rows.Scan(&sid, &x); err != nil {
				rows.Close()
				return err
			}
			for _, r := range byID[sid] {
				if q.orgs {
					r.Orgs = append(r.Orgs, x)
				} else {
					r.People = append(r.People, x)
				}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

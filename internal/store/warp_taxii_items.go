package store

import (
	"context"
	"time"

	"github.com/ward-shared-service/ward/internal/warp"
)

// CollectionKey names a TAXII collection: a community's items under one
// marking.
type CollectionKey struct {
	CommunityID int64
	Marking     warp.Marking
}

// CollectionsSeen lists the collections in which the viewer sees at least
// one advisory, indicator or kept object; sightings go with indicators.
func (s *Store) CollectionsSeen(ctx context.Context, v warp.Viewer) ([]CollectionKey, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT DISTINCT sh.community_id, sh.tlp FROM warp_shares sh WHERE `+cond+` AND (
		EXISTS (SELECT 1 FROM warp_advisories a WHERE a.share_id = sh.id)
		OR EXISTS (SELECT 1 FROM warp_indicators i WHERE i.share_id = sh.id)
		OR EXISTS (SELECT 1 FROM warp_objects o WHERE o.share_id = sh.id)) ORDER BY sh.community_id, sh.tlp`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CollectionKey
	for rows.Next() {
		var k CollectionKey
		if err := rows.Scan(&k.CommunityID, &k.Marking); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// CollectionFirstShare is when the first share the viewer sees in a
// collection was made, zero when it sees none: the objects its items
// refer to (the marking definitions, the WARP's identity) are filed as
// added then, so a client polling since the collection was empty gets them.
func (s *Store) CollectionFirstShare(ctx context.Context, v warp.Viewer, communityID int64, marking warp.Marking) (time.Time, error) {
	cond, args, err := viewerFilter(v)
	if err != nil {
		return time.Time{}, err
	}
	var first time.Time
	err = s.queryRow(ctx, `SELECT MIN(sh.created_at) FROM warp_shares sh WHERE `+cond+` AND sh.community_id = ? AND sh.tlp = ? AND (
		EXISTS (SELECT 1 FROM warp_advisories a WHERE a.share_id = sh.id)
		OR EXISTS (SELECT 1 FROM warp_indicators i WHERE i.share_id = sh.id)
		OR EXISTS (SELECT 1 FROM warp_objects o WHERE o.share_id = sh.id))`, append(args, communityID, string(marking))...).Scan(timeScan{&first})
	return first, err
}

// CollectionOrgs says which orgs the viewer may know as the author or the
// sighter of something in a collection (anonymous ones only to their own
// org), each with when the first such share or sighting was made, so the
// collection can serve the identities its objects refer to. Authors are
// read from shares, never from their items, which may be a million.
func (s *Store) CollectionOrgs(ctx context.Context, v warp.Viewer, communityID int64, marking warp.Marking) (map[int64]time.Time, error) {
	out := map[int64]time.Time{}
	for _, q := range []struct{ org, added, from, where string }{
		{`sh.author_org_id`, `sh.created_at`, `warp_shares sh`, `(NOT sh.anonymous OR sh.author_org_id = ?)
			AND (EXISTS (SELECT 1 FROM warp_advisories a WHERE a.share_id = sh.id AND ` + notKept("a", "stix_id") + `)
			OR EXISTS (SELECT 1 FROM warp_indicators i WHERE i.share_id = sh.id AND ` + notKept("i", "stix_id") + `))`},
		{`g.org_id`, `g.created_at`, `warp_sightings g JOIN warp_indicators i ON i.id = g.indicator_id JOIN warp_shares sh ON sh.id = i.share_id`,
			`g.shared AND (NOT g.anonymous OR g.org_id = ?)`},
	} {
		cond, args, err := viewerFilter(v)
		if err != nil {
			return nil, err
		}
		args = append(args, communityID, string(marking), v.OrgID)
		rows, err := s.query(ctx, `SELECT `+q.org+`, MIN(`+q.added+`) FROM `+q.from+` WHERE `+cond+`
			AND sh.community_id = ? AND sh.tlp = ? AND `+q.where+` GROUP BY `+q.org, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var org int64
			var at time.Time
			if err := rows.Scan(&org, timeScan{&at}); err != nil {
				rows.Close()
				return nil, err
			}
			if first, ok := out[org]; !ok || at.Before(first) {
				out[org] = at
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// SightingsByID reads shared sightings the viewer may see, by id.
func (s *Store) SightingsByID(ctx context.Context, v warp.Viewer, ids []int64) ([]Sighting, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	in, idArgs := inList(ids)
	rows, err := s.query(ctx, `SELECT g.id, g.stix_id, g.indicator_id, g.org_id, g.anonymous, g.shared, g.count, g.first_seen, g.last_seen,
		g.source, g.sample, COALESCE(g.ticket_id, 0), g.created_by, g.created_at, i.type, i.value, i.stix_id, COALESCE(i.advisory_id, 0), o.name,
		COALESCE(t.ref, ''), `+shareColumns+`
		FROM warp_sightings g JOIN warp_indicators i ON i.id = g.indicator_id JOIN warp_shares sh ON sh.id = i.share_id
		JOIN orgs o ON o.id = g.org_id LEFT JOIN tickets t ON t.id = g.ticket_id
		WHERE g.shared AND `+cond+` AND g.id IN (`+in+`) ORDER BY g.id`, append(args, idArgs...)...)
	if err != nil {
		return nil, err
	}
	out, err := scanSightings(rows)
	if err != nil {
		return nil, err
	}
	refs := make([]*ShareRef, len(out))
	for i := range out {
		refs[i] = &out[i].IndicatorShare
	}
	return out, s.FillAudiences(ctx, refs)
}

// ObjectsByID reads kept STIX objects the viewer may see, by row id.
func (s *Store) ObjectsByID(ctx context.Context, v warp.Viewer, ids []int64) ([]StixObject, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	in, idArgs := inList(ids)
	rows, err := s.query(ctx, `SELECT `+objectColumns+`
		FROM warp_objects o JOIN warp_shares sh ON sh.id = o.share_id WHERE `+cond+` AND o.id IN (`+in+`) ORDER BY o.id`, append(args, idArgs...)...)
	if err != nil {
		return nil, err
	}
	return s.scanObjects(ctx, rows)
}

// AdvisoryIndicatorSTIXIDs lists the STIX ids of the indicators of the
// advisories that the viewer may see, for the reports' object_refs.
func (s *Store) AdvisoryIndicatorSTIXIDs(ctx context.Context, v warp.Viewer, advisoryIDs []int64) ([]string, error) {
	if len(advisoryIDs) == 0 {
		return nil, nil
	}
	cond, args, err := viewerFilter(v)
	if err != nil {
		return nil, err
	}
	in, idArgs := inList(advisoryIDs)
	rows, err := s.query(ctx, `SELECT DISTINCT i.stix_id FROM warp_indicators i JOIN warp_shares sh ON sh.id = i.share_id
		WHERE `+cond+` AND i.advisory_id IN (`+in+`) ORDER BY i.stix_id`, append(args, idArgs...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

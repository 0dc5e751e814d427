package store

import (
	"context"

	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// HeldIndicators is the set of values an org has already shared in a
// community under a marking, so reloading a feed adds only what is new.
func (s *Store) HeldIndicators(ctx context.Context, scope tenancy.Scope, communityID, orgID int64, marking warp.Marking) (map[warp.Indicator]bool, error) {
	if err := orgInScope(scope, orgID); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT i.type, i.value FROM warp_indicators i JOIN warp_shares sh ON sh.id = i.share_id
		WHERE sh.community_id = ? AND sh.author_org_id = ? AND sh.tlp = ?`, communityID, orgID, string(marking))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	held := map[warp.Indicator]bool{}
	for rows.Next() {
		var in warp.Indicator
		if err := rows.Scan(&in.Type, &in.Value); err != nil {
			return nil, err
		}
		held[in] = true
	}
	return held, rows.Err()
}

// HeldSTIXIDs says which of the STIX ids ward already holds, as an
// advisory, an indicator or a kept object: an object is imported once.
func (s *Store) HeldSTIXIDs(ctx context.Context, ids []string) (map[string]bool, error) {
	held := map[string]bool{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		in := `(` + placeholders(len(chunk)) + `)`
		args := stringArgs(chunk)
		args = append(append(args, args...), args...)
		rows, err := s.query(ctx, `SELECT stix_id FROM warp_advisories WHERE stix_id IN `+in+`
			UNION SELECT stix_id FROM warp_indicators WHERE stix_id IN `+in+`
			UNION SELECT stix_id FROM warp_objects WHERE stix_id IN `+in, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			held[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return held, nil
}

func placeholders(n int) string {
	if n == 0 {
		return ""
	}
	b := make([]byte, 0, 2*n)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '?')
	}
	return string(b)
}

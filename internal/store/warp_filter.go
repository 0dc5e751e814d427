package store

import (
	"context"
	"slices"
	"strings"

	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// ViewerFor works out who a principal is to the WARP, as ScopeFor does for
// tenancy: the communities of their org, and the orgs they act for (their
// grants) with those orgs' communities. An administrator's all-orgs scope
// does not count as acting for every org: TLP is the source's wish, and
// running the servers does not make one a recipient.
func (s *Store) ViewerFor(ctx context.Context, p tenancy.Principal) (warp.Viewer, error) {
	var acting []int64
	if !p.Scope.All() {
		for _, id := range p.Scope.OrgIDs() {
			if id != p.OrgID {
				acting = append(acting, id)
			}
		}
	}
	own, err := s.communitiesOf(ctx, []int64{p.OrgID})
	if err != nil {
		return warp.Viewer{}, err
	}
	actingCommunities, err := s.communitiesOf(ctx, acting)
	if err != nil {
		return warp.Viewer{}, err
	}
	return warp.NewViewer(p.UserID, p.OrgID, own, acting, actingCommunities), nil
}

// ViewerForOrg is a member of the org with no name: what a script or the
// command line acting for the org may see (never RED, which is for people).
func (s *Store) ViewerForOrg(ctx context.Context, orgID int64) (warp.Viewer, error) {
	own, err := s.communitiesOf(ctx, []int64{orgID})
	if err != nil {
		return warp.Viewer{}, err
	}
	return warp.NewViewer(0, orgID, own, nil, nil), nil
}

func (s *Store) communitiesOf(ctx context.Context, orgIDs []int64) ([]int64, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	in, args := inList(orgIDs)
	rows, err := s.query(ctx, `SELECT DISTINCT community_id FROM warp_members WHERE org_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// viewerFilter is warp.Viewer.Sees written as SQL over the warp_shares row
// aliased sh. It is the only way shared items are read; a test runs it and
// Sees over random shares and viewers and requires the same answers. The
// zero viewer is refused, as an unscoped read of tenant data is.
func viewerFilter(v warp.Viewer) (string, []any, error) {
	if !v.Valid() {
		return "", nil, tenancy.ErrUnscoped
	}
	var b strings.Builder
	var args []any
	add := func(sql string, a ...any) {
		b.WriteString(sql)
		args = append(args, a...)
	}
	inIDs := func(col string, ids []int64) {
		if len(ids) == 0 {
			b.WriteString("1=0")
			return
		}
		in, a := inList(ids)
		add(col+" IN ("+in+")", a...)
	}
	add(`((sh.tlp = 'RED' AND ? <> 0 AND (sh.author_user_id = ? OR EXISTS (SELECT 1 FROM warp_share_people sp WHERE sp.share_id = sh.id AND sp.user_id = ?)))`,
		v.UserID, v.UserID, v.UserID)
	add(` OR (sh.tlp <> 'RED' AND (sh.tlp = 'CLEAR' OR sh.author_org_id = ?`, v.OrgID)
	add(` OR (sh.audience = 'orgs' AND EXISTS (SELECT 1 FROM warp_share_orgs so WHERE so.share_id = sh.id AND so.org_id = ?))`, v.OrgID)
	b.WriteString(` OR (sh.audience = 'community' AND `)
	inIDs("sh.community_id", v.Communities)
	b.WriteString(`) OR (sh.tlp <> 'AMBER+STRICT' AND ((sh.audience = 'orgs' AND EXISTS (SELECT 1 FROM warp_share_orgs so WHERE so.share_id = sh.id AND `)
	inIDs("so.org_id", v.Acting)
	b.WriteString(`)) OR (sh.audience = 'community' AND `)
	inIDs("sh.community_id", v.ActingCommunities)
	b.WriteString(`))))))`)
	return b.String(), args, nil
}

func inList(ids []int64) (string, []any) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","), args
}

// shareColumns are read with every shared item, so the service can check
// each against warp.Viewer.Sees as well as the SQL filter.
const shareColumns = `sh.id, sh.community_id, sh.tlp, sh.audience, sh.author_org_id, COALESCE(sh.author_user_id, 0), sh.anonymous`

func scanShare(dst *ShareRef) []any {
	return []any{&dst.ID, &dst.CommunityID, &dst.Marking, &dst.Audience, &dst.AuthorOrgID, &dst.AuthorUserID, &dst.Anonymous}
}

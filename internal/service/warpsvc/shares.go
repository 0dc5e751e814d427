package warpsvc

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// ShareSpec is how the author wants an item shared, as typed in a form, a
// JSON request or on the command line.
type ShareSpec struct {
	Community string   `json:"community"`
	TLP       string   `json:"tlp"`
	Orgs      []string `json:"orgs,omitempty"`   // org slugs: AMBER or AMBER+STRICT to named orgs
	People    []string `json:"people,omitempty"` // e-mail addresses: who a RED item is for
	Anonymous bool     `json:"anonymous,omitempty"`
}

// resolve checks the spec and turns it into a share by the principal's org:
// the community must exist and let the org publish, named orgs must be its
// members, and named people must work for them.
func (s *Service) resolve(ctx context.Context, p tenancy.Principal, spec ShareSpec) (warp.Share, store.Community, error) {
	c, err := s.community(ctx, spec.Community)
	if err != nil {
		return warp.Share{}, c, err
	}
	if err := s.mayPublish(ctx, p, c); err != nil {
		return warp.Share{}, c, err
	}
	marking, err := warp.ParseMarking(spec.TLP)
	if err != nil {
		return warp.Share{}, c, invalid("tlp", "%s", err.Error())
	}
	sh := warp.Share{CommunityID: c.ID, Marking: marking, Audience: warp.ToCommunity, AuthorOrgID: p.OrgID,
		AuthorUserID: p.UserID, Anonymous: spec.Anonymous}
	members, err := s.Store.CommunityMembers(ctx, c.ID)
	if err != nil {
		return sh, c, err
	}
	memberOrg := map[int64]bool{}
	bySlug := map[string]int64{}
	for _, m := range members {
		memberOrg[m.OrgID] = true
		bySlug[m.OrgSlug] = m.OrgID
	}
	for _, slug := range SplitList(spec.Orgs) {
		id, ok := bySlug[strings.ToLower(slug)]
		if !ok {
			return sh, c, invalid("orgs", "%q is not a member of %s", slug, c.Name)
		}
		sh.Audience = warp.ToOrgs
		sh.Orgs = append(sh.Orgs, id)
	}
	for _, email := range SplitList(spec.People) {
		u, err := s.Store.UserByEmail(ctx, tenancy.ForSystem(tenancy.JobWARPDirectory), email)
		if errors.Is(err, store.ErrNotFound) || err == nil && (!memberOrg[u.OrgID] || u.Disabled || !u.Role.Can(tenancy.ShareWarnings)) {
			return sh, c, invalid("people", "%q is not a WARP user of a member of %s", email, c.Name)
		}
		if err != nil {
			return sh, c, err
		}
		sh.Audience = warp.ToPeople
		sh.People = append(sh.People, u.ID)
	}
	if marking == warp.Red && sh.Audience == warp.ToPeople && p.UserID == 0 {
		return sh, c, invalid("tlp", "TLP:RED is shared by a person to named people; a token or an import cannot share it")
	}
	if err := sh.Check(); err != nil {
		field := "tlp"
		switch {
		case len(sh.Orgs) > 0:
			field = "orgs"
		case marking == warp.Red:
			field = "people"
		}
		return sh, c, invalid(field, "%s", err.Error())
	}
	return sh, c, nil
}

// SplitList reads lists as forms and query strings give them: repeated
// values, or one value with commas, blanks left out.
func SplitList(ss []string) []string {
	var out []string
	for _, s := range ss {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
		}
	}
	return out
}

// recipients names who a share is addressed to, for people to read.
func (s *Service) recipients(ctx context.Context, sh warp.Share, names map[int64]string) []string {
	var out []string
	switch sh.Audience {
	case warp.ToOrgs:
		for _, id := range sh.Orgs {
			out = append(out, names[id])
		}
	case warp.ToPeople:
		for _, id := range sh.People {
			if u, err := s.Store.User(ctx, tenancy.ForSystem(tenancy.JobWARPDirectory), id); err == nil {
				out = append(out, fmt.Sprintf("%s (%s)", u.Name, names[u.OrgID]))
			}
		}
	}
	return out
}

// listLimit is how many items a list asked for limit shows: 100 when it
// asked for none, or for more than max.
func listLimit(limit, max int) int {
	if limit <= 0 || limit > max {
		return 100
	}
	return limit
}

// narrowing reads a listing's community and marking filters.
func (s *Service) narrowing(ctx context.Context, community, tlp string) (communityID int64, marking warp.Marking, err error) {
	if community != "" {
		c, err := s.community(ctx, community)
		if err != nil {
			return 0, "", err
		}
		communityID = c.ID
	}
	if tlp != "" {
		if marking, err = warp.ParseMarking(tlp); err != nil {
			return 0, "", invalid("tlp", "%s", err.Error())
		}
	}
	return communityID, marking, nil
}

package warpsvc

import (
	"context"
	"errors"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// CommunityView is a community with its members, as a member sees it.
type CommunityView struct {
	store.Community
	Members    []store.CommunityMember `json:"members"`
	Member     bool                    `json:"member"`      // the viewer's org belongs
	CanPublish bool                    `json:"can_publish"` // and may publish there
}

// CreateCommunity makes a community; administrators run the WARP.
func (s *Service) CreateCommunity(ctx context.Context, p tenancy.Principal, slug, name, description string) (store.Community, error) {
	if !p.Can(tenancy.ManageOrgs) {
		return store.Community{}, errForbidden
	}
	var bad fault.Fields // every mistake at once
	slug = strings.TrimSpace(slug)
	if err := tenancy.CheckSlug(slug); err != nil {
		bad.Add("slug", "%s", err.Error())
	}
	if name = strings.TrimSpace(name); name == "" {
		bad.Add("name", "give the community a name")
	}
	if err := bad.Err(); err != nil {
		return store.Community{}, err
	}
	var c store.Community
	err := s.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		c, err = s.Store.CreateCommunity(ctx, store.Community{Slug: slug, Name: name, Description: strings.TrimSpace(description)})
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("a community called %q already exists", slug).On("slug")
		}
		if err != nil {
			return err
		}
		_, err = s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: p.OrgID, Action: audit.WarpCommunity, Target: "create " + slug, IP: p.IP})
		return err
	})
	return c, err
}

// SetMember adds an org to a community (or changes whether it may publish);
// remove takes it out.
func (s *Service) SetMember(ctx context.Context, p tenancy.Principal, communitySlug, orgSlug string, canPublish, remove bool) error {
	if !p.Can(tenancy.ManageOrgs) {
		return errForbidden
	}
	c, err := s.community(ctx, communitySlug)
	if err != nil {
		return err
	}
	org, err := s.Store.OrgBySlug(ctx, p.Scope, orgSlug)
	if errors.Is(err, store.ErrNotFound) {
		return invalid("org", "no org %q", orgSlug)
	}
	if err != nil {
		return err
	}
	return s.Store.InTx(ctx, func(ctx context.Context) error {
		what := "add " + org.Slug + " to " + c.Slug
		if remove {
			what = "remove " + org.Slug + " from " + c.Slug
			if err := s.Store.RemoveCommunityMember(ctx, p.Scope, c.ID, org.ID); errors.Is(err, store.ErrNotFound) {
				return invalid("org", "%s is not a member of %s", org.Name, c.Name)
			} else if err != nil {
				return err
			}
		} else {
			if !canPublish {
				what += " (read only)"
			}
			if err := s.Store.SetCommunityMember(ctx, p.Scope, c.ID, org.ID, canPublish); err != nil {
				return err
			}
		}
		_, err := s.Store.Audit(ctx, audit.Entry{Actor: p.Actor, OrgID: org.ID, Action: audit.WarpCommunity, Target: what, IP: p.IP})
		return err
	})
}

// Communities lists the communities the principal's org belongs to, or
// every one for those who run the WARP.
func (s *Service) Communities(ctx context.Context, p tenancy.Principal) ([]CommunityView, error) {
	if !p.Can(tenancy.ShareWarnings) && !p.Can(tenancy.ManageOrgs) {
		return nil, errForbidden
	}
	orgID := p.OrgID
	if p.Can(tenancy.ManageOrgs) {
		orgID = 0
	}
	cs, err := s.Store.Communities(ctx, p.Scope, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]CommunityView, 0, len(cs))
	for _, c := range cs {
		v, err := s.communityView(ctx, p, c)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// Community shows one community to a member or an administrator.
func (s *Service) Community(ctx context.Context, p tenancy.Principal, slug string) (CommunityView, error) {
	c, err := s.Store.CommunityBySlug(ctx, slug)
	if err != nil {
		return CommunityView{}, err
	}
	v, err := s.communityView(ctx, p, c)
	if err != nil {
		return CommunityView{}, err
	}
	if !v.Member && !p.Can(tenancy.ManageOrgs) {
		return CommunityView{}, store.ErrNotFound
	}
	return v, nil
}

func (s *Service) communityView(ctx context.Context, p tenancy.Principal, c store.Community) (CommunityView, error) {
	members, err := s.Store.CommunityMembers(ctx, c.ID)
	if err != nil {
		return CommunityView{}, err
	}
	v := CommunityView{Community: c, Members: members}
	for _, m := range members {
		if m.OrgID == p.OrgID {
			v.Member, v.CanPublish = true, m.CanPublish
		}
	}
	return v, nil
}

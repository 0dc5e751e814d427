package accountsvc

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ward-shared-service/ward/internal/audit"
	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// CreateOrg adds an org. refPrefix starts its ticket references (ASH in
// ASH-INC-10003); empty derives one from the slug.
func (svc *Service) CreateOrg(ctx context.Context, p tenancy.Principal, slug, name, kind, refPrefix string) (store.Org, error) {
	if err := svc.require(p, tenancy.ManageOrgs, 0); err != nil || !p.Scope.All() {
		return store.Org{}, errForbidden
	}
	// Every mistake in the form at once, so it is fixed in one go.
	var bad fault.Fields
	slug = strings.ToLower(strings.TrimSpace(slug))
	if err := tenancy.CheckSlug(slug); err != nil {
		bad.Add("slug", "%s", err.Error())
	}
	name = strings.TrimSpace(name)
	if name == "" {
		bad.Add("name", "enter the organisation's name")
	}
	k, err := tenancy.ParseOrgKind(kind)
	if err != nil {
		bad.Add("kind", "%s", err.Error())
	}
	refPrefix = strings.ToUpper(strings.TrimSpace(refPrefix))
	if refPrefix != "" {
		if err := tenancy.CheckRefPrefix(refPrefix); err != nil {
			bad.Add("ref_prefix", "%s", err.Error())
		}
	}
	if err := bad.Err(); err != nil {
		return store.Org{}, err
	}
	var org store.Org
	err = svc.Store.InTx(ctx, func(ctx context.Context) error {
		if refPrefix != "" {
			if taken, err := svc.Store.RefPrefixHeld(ctx, refPrefix, 0); err != nil || taken {
				if err == nil {
					err = fault.Conflict("another organisation's references already start with %s", refPrefix).On("ref_prefix")
				}
				return err
			}
		}
		org, err = svc.Store.CreateOrg(ctx, store.NewOrg{Slug: slug, Name: name, Kind: k, RefPrefix: refPrefix})
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("an organisation with slug %q already exists", slug).On("slug")
		}
		if err != nil {
			return err
		}
		_, err = svc.Store.Audit(ctx, entry(p, org.ID, audit.OrgCreate, "org:"+slug, map[string]string{"name": name, "kind": string(k), "ref_prefix": org.RefPrefix}))
		return err
	})
	return org, err
}

// CreateSite adds a site to an org in scope.
func (svc *Service) CreateSite(ctx context.Context, p tenancy.Principal, orgID int64, name, address string) (store.Site, error) {
	if err := svc.require(p, tenancy.ManageOrgs, orgID); err != nil {
		return store.Site{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return store.Site{}, invalid("name", "enter the site's name")
	}
	var site store.Site
	err := svc.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		site, err = svc.Store.CreateSite(ctx, p.Scope, orgID, name, strings.TrimSpace(address))
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("the organisation already has a site called %q", name).On("name")
		}
		if err != nil {
			return err
		}
		_, err = svc.Store.Audit(ctx, entry(p, orgID, audit.SiteCreate, fmt.Sprintf("site:%d", site.ID), map[string]string{"name": name}))
		return err
	})
	return site, err
}

// CreateTeam adds a team to an org in scope.
func (svc *Service) CreateTeam(ctx context.Context, p tenancy.Principal, orgID int64, name string) (store.Team, error) {
	if err := svc.require(p, tenancy.ManageOrgs, orgID); err != nil {
		return store.Team{}, err
	}
	name = strings.TrimSpace(name)
	if name == "" {
		return store.Team{}, invalid("name", "enter the team's name")
	}
	var team store.Team
	err := svc.Store.InTx(ctx, func(ctx context.Context) error {
		var err error
		team, err = svc.Store.CreateTeam(ctx, p.Scope, orgID, name)
		if errors.Is(err, store.ErrConflict) {
			return fault.Conflict("the organisation already has a team called %q", name).On("name")
		}
		if err != nil {
			return err
		}
		_, err = svc.Store.Audit(ctx, entry(p, orgID, audit.TeamCreate, fmt.Sprintf("team:%d", team.ID), map[string]string{"name": name}))
		return err
	})
	return team, err
}

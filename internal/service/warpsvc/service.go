// Package warpsvc is the WARP as a service: communities and their members,
// advisories and their follow-ups and acknowledgements, indicators and the
// feeds that load them, STIX exports, matching members' logs and the
// sightings that come of it. Pages, the JSON API, the TAXII server and the
// CLI all come through here, so the TLP rule, the rights checks and the
// audit trail are the same whichever door is used.
package warpsvc

import (
	"context"
	"errors"
	"sync"

	"github.com/google/uuid"

	"github.com/ward-shared-service/ward/internal/fault"
	"github.com/ward-shared-service/ward/internal/service/desksvc"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// errForbidden means the principal's role or scope does not allow the
// action; adapters map it, as every fault, in one place each.
var errForbidden = fault.Forbidden("your role does not allow this in the WARP")

var invalid = fault.Invalid

// Service is the WARP service.
type Service struct {
	Store *store.Store
	Desk  *desksvc.Service
	// Notify queues e-mail about advisories to those who may read them;
	// set it when ward has a mail server. BaseURL begins the links in it.
	Notify  bool
	BaseURL string

	mu       sync.Mutex
	matchers map[string]*cachedMatcher // by viewer, see matcher.go
}

// New returns the WARP service.
func New(st *store.Store, desk *desksvc.Service) *Service {
	return &Service{Store: st, Desk: desk, matchers: map[string]*cachedMatcher{}}
}

// viewer is who the principal is to the WARP. Only roles that share
// warnings see shared items at all.
func (s *Service) viewer(ctx context.Context, p tenancy.Principal) (warp.Viewer, error) {
	if !p.Can(tenancy.ShareWarnings) {
		return warp.Viewer{}, errForbidden
	}
	return s.Store.ViewerFor(ctx, p)
}

// Viewer exposes the principal's viewer, for the TAXII server's filters.
func (s *Service) Viewer(ctx context.Context, p tenancy.Principal) (warp.Viewer, error) {
	return s.viewer(ctx, p)
}

// community finds a community by slug; not-found and forbidden look alike.
func (s *Service) community(ctx context.Context, slug string) (store.Community, error) {
	c, err := s.Store.CommunityBySlug(ctx, slug)
	if errors.Is(err, store.ErrNotFound) {
		return c, invalid("community", "no community %q", slug)
	}
	return c, err
}

// mayPublish checks the principal's org may share into the community.
func (s *Service) mayPublish(ctx context.Context, p tenancy.Principal, c store.Community) error {
	if !p.Can(tenancy.ShareWarnings) {
		return errForbidden
	}
	member, canPublish, err := s.Store.Membership(ctx, p.Scope, c.ID, p.OrgID)
	if err != nil {
		return err
	}
	if !member {
		return invalid("community", "your organisation is not a member of %s", c.Name)
	}
	if !canPublish {
		return invalid("community", "your organisation reads %s but may not publish there; ask its administrators", c.Name)
	}
	return nil
}

// orgName says who authored a share, as the viewer may know it.
func (s *Service) authorName(v warp.Viewer, sh warp.Share, names map[int64]string) string {
	if !v.ShowsAuthor(sh) {
		return warp.AnonymousAuthor
	}
	return names[sh.AuthorOrgID]
}

// orgNames maps every org's id to its name: the WARP shows member orgs'
// names (never their data) to one another.
func (s *Service) orgNames(ctx context.Context) (map[int64]string, error) {
	orgs, err := s.Store.Orgs(ctx, tenancy.ForSystem(tenancy.JobWARPDirectory))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(orgs))
	for _, o := range orgs {
		out[o.ID] = o.Name
	}
	return out, nil
}

// newSTIXID names a new shared object the way STIX does, type--UUIDv4, so
// exports and TAXII keep the same id for it forever.
func newSTIXID(kind string) string { return kind + "--" + uuid.NewString() }

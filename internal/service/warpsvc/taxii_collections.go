package warpsvc

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// TAXIICollection is a community's items under one marking, served as a
// TAXII 2.1 collection. A TAXII client asks for what it may read and
// filters by marking; one collection a marking lets it choose (say, only
// CLEAR and GREEN for a feed it forwards) and makes can_write mean "share
// at this marking".
type TAXIICollection struct {
	ID          string
	Alias       string // "south-west-amber"
	Title       string // "South West WARP — TLP:AMBER"
	Description string
	Community   store.Community
	Marking     warp.Marking
	CanRead     bool
	CanWrite    bool
}

// collectionNamespace makes collection ids name-based UUIDs, so every
// replica, and every restart, gives a collection the same id.
var collectionNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/ward-shared-service/ward/taxii2/collections"))

// TAXIICollectionID is the id of a community's collection under a marking.
func TAXIICollectionID(communitySlug string, m warp.Marking) string {
	return uuid.NewSHA1(collectionNamespace, []byte(communitySlug+"/"+string(m))).String()
}

// TAXIICollections lists the collections the principal may read: under
// each marking but RED, those of the communities its org belongs to, and
// any other in which it sees something (CLEAR items of other communities,
// a council's GREEN and AMBER items for those acting for it). A collection
// in which it sees nothing and that is not its own is not listed, so its
// existence is not revealed. RED items go to named people, never to a
// token or a feed, so a RED collection is listed only to one who sees in it.
func (s *Service) TAXIICollections(ctx context.Context, p tenancy.Principal) ([]TAXIICollection, error) {
	v, err := s.viewer(ctx, p)
	if err != nil {
		return nil, err
	}
	seen, err := s.Store.CollectionsSeen(ctx, v)
	if err != nil {
		return nil, err
	}
	communities, err := s.Store.Communities(ctx, p.Scope, 0)
	if err != nil {
		return nil, err
	}
	var out []TAXIICollection
	for _, c := range communities {
		member, canPublish := false, false
		if slices.Contains(v.Communities, c.ID) {
			if member, canPublish, err = s.Store.Membership(ctx, p.Scope, c.ID, p.OrgID); err != nil {
				return nil, err
			}
		}
		for _, m := range warp.Markings {
			sees := slices.Contains(seen, store.CollectionKey{CommunityID: c.ID, Marking: m})
			if !sees && (!member || m == warp.Red) {
				continue
			}
			out = append(out, TAXIICollection{ID: TAXIICollectionID(c.Slug, m), Alias: c.Slug + "-" + m.Slug(),
				Title: c.Name + " — " + m.String(), Description: collectionDescription(c, m), Community: c, Marking: m,
				CanRead: true, CanWrite: member && canPublish && m != warp.Red && p.Can(tenancy.ShareWarnings)})
		}
	}
	return out, nil
}

func collectionDescription(c store.Community, m warp.Marking) string {
	d := "What members of " + c.Name + " share under " + m.String() + ". " + m.Rule()
	if c.Description != "" {
		d = c.Description + "\n\n" + d
	}
	return d
}

// TAXIICollection finds a collection the principal may read by id;
// store.ErrNotFound for one it may not, exactly as for one that does not
// exist.
func (s *Service) TAXIICollection(ctx context.Context, p tenancy.Principal, id string) (TAXIICollection, error) {
	list, err := s.TAXIICollections(ctx, p)
	if err != nil {
		return TAXIICollection{}, err
	}
	for _, c := range list {
		if c.ID == id {
			return c, nil
		}
	}
	return TAXIICollection{}, store.ErrNotFound
}

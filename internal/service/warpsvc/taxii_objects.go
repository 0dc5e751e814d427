package warpsvc

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/ward-shared-service/ward/internal/stix"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// TAXIIQuery is what a TAXII client asks of a collection's objects.
//
// Ward holds one version of each object, the current one, so the TAXII
// match[version] values "last", "first" and "all" all select it; only
// explicit timestamps in Versions narrow the answer.
type TAXIIQuery struct {
	AddedAfter time.Time
	After      *store.CollectionCursor // where the previous page ended
	IDs        []string
	Types      []string
	Versions   []time.Time
	Limit      int
	Bodies     bool // the objects themselves; false for manifests and version lists
}

// TAXIIObject is one object of a page: its manifest entry, and its JSON
// when the query asked for bodies.
type TAXIIObject struct {
	ID       string
	Type     string
	Added    time.Time
	Version  time.Time
	Position store.CollectionCursor
	JSON     json.RawMessage
}

// TAXIIPage is a page of a collection, in order of date added.
type TAXIIPage struct {
	Objects []TAXIIObject
	More    bool
	Last    store.CollectionCursor // the next page starts after it
}

// tlp2Created is the one version of the OASIS TLP 2.0 marking definitions.
var tlp2Created = time.Date(2022, 10, 1, 0, 0, 0, 0, time.UTC)

// TAXIIObjects reads a page of a collection the principal may read. Every
// item comes through the principal's viewer, in the SQL and again by
// warp.Viewer.Sees: TLP is applied per caller, whatever the collection.
// Beside the items, the collection serves what they refer to: the TLP 2.0
// marking definitions and the identities of the WARP and of the orgs the
// caller may know as authors or sighters.
func (s *Service) TAXIIObjects(ctx context.Context, p tenancy.Principal, collectionID string, q TAXIIQuery) (TAXIIPage, error) {
	col, err := s.TAXIICollection(ctx, p, collectionID)
	if err != nil {
		return TAXIIPage{}, err
	}
	v, err := s.viewer(ctx, p)
	if err != nil {
		return TAXIIPage{}, err
	}
	if q.Limit <= 0 {
		return TAXIIPage{}, invalid("limit", "a page needs a limit")
	}
	rows, err := s.Store.CollectionEntries(ctx, v, store.CollectionFilter{CommunityID: col.Community.ID, Marking: col.Marking,
		AddedAfter: q.AddedAfter, After: q.After, STIXIDs: q.IDs, Types: q.Types, Versions: q.Versions, Limit: q.Limit + 1})
	if err != nil {
		return TAXIIPage{}, err
	}
	entries, err := s.referredEntries(ctx, v, col)
	if err != nil {
		return TAXIIPage{}, err
	}
	entries = slices.DeleteFunc(entries, func(e store.CollectionEntry) bool { return !q.matches(e) })
	entries = append(entries, rows...)
	slices.SortFunc(entries, func(a, b store.CollectionEntry) int {
		if a.Position().Before(b.Position()) {
			return -1
		}
		return 1
	})
	var page TAXIIPage
	if page.More = len(entries) > q.Limit; page.More {
		entries = entries[:q.Limit]
	}
	if len(entries) > 0 {
		page.Last = entries[len(entries)-1].Position()
	}
	// The SQL filter said yes; the rule must agree, or the item stays out.
	entries = slices.DeleteFunc(entries, func(e store.CollectionEntry) bool { return e.Kind >= store.EntryReport && !v.Sees(e.Share.Share) })
	for _, e := range entries {
		page.Objects = append(page.Objects, TAXIIObject{ID: e.STIXID, Type: e.Type, Added: e.Added, Version: e.Version, Position: e.Position()})
	}
	if q.Bodies && len(entries) > 0 {
		bodies, err := s.taxiiBodies(ctx, v, col, entries)
		if err != nil {
			return TAXIIPage{}, err
		}
		for i := range page.Objects {
			page.Objects[i].JSON = bodies[entries[i].Position()]
		}
	}
	return page, nil
}

// referredEntries are the objects the collection's items refer to: the
// marking definitions (the collection's and CLEAR, which identities carry),
// ward's own identity as the WARP, and the orgs the caller may know. A
// collection in which the caller sees no item has none of them.
func (s *Service) referredEntries(ctx context.Context, v warp.Viewer, col TAXIICollection) ([]store.CollectionEntry, error) {
	first, err := s.Store.CollectionFirstShare(ctx, v, col.Community.ID, col.Marking)
	if err != nil || first.IsZero() {
		return nil, err
	}
	var out []store.CollectionEntry
	for i, m := range warp.Markings {
		if m == col.Marking || m == warp.Clear {
			out = append(out, store.CollectionEntry{Kind: store.EntryMarking, Key: int64(i), STIXID: stix.TLP2MarkingID(m),
				Type: "marking-definition", Added: first, Version: tlp2Created})
		}
	}
	out = append(out, store.CollectionEntry{Kind: store.EntryIdentity, STIXID: WARPIdentity.ID, Type: "identity",
		Added: first, Version: identityEpoch})
	orgs, err := s.Store.CollectionOrgs(ctx, v, col.Community.ID, col.Marking)
	if err != nil {
		return nil, err
	}
	for org, added := range orgs {
		out = append(out, store.CollectionEntry{Kind: store.EntryIdentity, Key: org, STIXID: orgIdentity(org, nil).ID, Type: "identity",
			Added: added, Version: identityEpoch})
	}
	return out, nil
}

// matches applies the query to an entry the service made, as the store's
// SQL applies it to rows.
func (q TAXIIQuery) matches(e store.CollectionEntry) bool {
	switch {
	case !q.AddedAfter.IsZero() && !e.Added.After(q.AddedAfter):
		return false
	case q.After != nil && !q.After.Before(e.Position()):
		return false
	case len(q.IDs) > 0 && !slices.Contains(q.IDs, e.STIXID):
		return false
	case len(q.Types) > 0 && !slices.Contains(q.Types, e.Type):
		return false
	case len(q.Versions) > 0 && !slices.ContainsFunc(q.Versions, e.Version.Equal):
		return false
	}
	return true
}

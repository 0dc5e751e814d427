package identitysvc

import (
	"context"
	"slices"

	"github.com/ward-shared-service/ward/internal/identity"
	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
)

// Change compares the previous snapshots with the current ones: who gained
// a path to Tier Zero with the last imports and who lost theirs.
type Change struct {
	Previous int              `json:"previous"` // accounts reaching Tier Zero before
	Current  int              `json:"current"`
	Gained   []identity.Reach `json:"gained"`
	Lost     []string         `json:"lost"`
}

// ChangeOf compares an org's previous and current snapshots. A directory
// imported only once counts as unchanged.
func (s *Service) ChangeOf(ctx context.Context, p tenancy.Principal, orgID int64) (out Change, err error) {
	if err := require(p, tenancy.ViewPosture, orgID); err != nil {
		return out, err
	}
	cur, curSnaps, err := s.load(ctx, p, orgID, "current", nil, true)
	if err != nil {
		return out, err
	}
	// The org's page shows the change on every view; working it out means
	// decoding and analysing the previous snapshots, so the answer is
	// kept until an import or a Tier Zero change gives other inputs.
	prevList, err := s.Store.IdentitySnapshots(ctx, p.Scope, orgID, "previous", false)
	if err != nil {
		return out, err
	}
	addedNow, err := s.Store.TierZeroAdditions(ctx, p.Scope, orgID)
	if err != nil {
		return out, err
	}
	key := snapshotKey(curSnaps, addedNow) + "/" + snapshotKey(prevList, nil)
	s.mu.Lock()
	c := s.changes[orgID]
	s.mu.Unlock()
	if c != nil && c.key == key {
		return Change{Previous: c.change.Previous, Current: c.change.Current,
			Gained: slices.Clone(c.change.Gained), Lost: slices.Clone(c.change.Lost)}, nil
	}
	defer func() {
		if err == nil {
			s.mu.Lock()
			s.changes[orgID] = &cachedChange{key: key, change: Change{Previous: out.Previous, Current: out.Current,
				Gained: slices.Clone(out.Gained), Lost: slices.Clone(out.Lost)}}
			s.mu.Unlock()
		}
	}()
	prevSnaps, err := s.Store.IdentitySnapshots(ctx, p.Scope, orgID, "previous", true)
	if err != nil {
		return out, err
	}
	byDir := map[string]store.IdentitySnapshot{}
	for _, sn := range prevSnaps {
		byDir[sn.Source+"\x00"+sn.Directory] = sn
	}
	withCur, err := s.Store.IdentitySnapshots(ctx, p.Scope, orgID, "current", true)
	if err != nil {
		return out, err
	}
	var dirs []*identity.Directory
	for i := range curSnaps {
		sn := withCur[i]
		if prev, ok := byDir[sn.Source+"\x00"+sn.Directory]; ok {
			sn = prev
		}
		d, err := identity.Decode(sn.Graph)
		if err != nil {
			return out, err
		}
		dirs = append(dirs, d)
	}
	added, err := s.Store.TierZeroAdditions(ctx, p.Scope, orgID)
	if err != nil {
		return out, err
	}
	ids := make([]string, len(added))
	for i, a := range added {
		ids[i] = a.ObjectID
	}
	prev := identity.Analyse(identity.Combine(dirs...), ids)
	before := map[string]bool{}
	for _, i := range prev.Reaching {
		before[prev.Graph.Nodes[i].ID] = true
	}
	out.Previous, out.Current = len(prev.Reaching), len(cur.Reaching)
	for _, i := range cur.Reaching {
		id := cur.Graph.Nodes[i].ID
		if !before[id] {
			out.Gained = append(out.Gained, cur.Reach(i))
		}
		delete(before, id)
	}
	for id := range before {
		if j, ok := prev.Graph.Lookup(id); ok {
			out.Lost = append(out.Lost, prev.Graph.Nodes[j].Name)
		}
	}
	slices.Sort(out.Lost)
	return out, nil
}

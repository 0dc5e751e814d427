package sharing

import (
	"context"
	"fmt"
	"slices"

	"github.com/ward-shared-service/ward/internal/store"
	"github.com/ward-shared-service/ward/internal/tenancy"
	"github.com/ward-shared-service/ward/internal/warp"
)

// cachedMatcher is a matcher over what one viewer may see, kept until the
// indicators, memberships or shares change: building one over a million
// indicators takes a second, matching a file far less.
type cachedMatcher struct {
	version string
	matcher *warp.Matcher
}

// maxCachedMatchers bounds the memory the cache holds (a million-indicator
// matcher is a couple of hundred MiB).
const maxCachedMatchers = 4

// matcherFor builds (or reuses) a matcher over the indicators active now
// that the org may see — and, when someone acts for the org, that they may
// see too, so a match never reveals an indicator its runner may not read.
func (s *Service) matcherFor(ctx context.Context, p tenancy.Principal, org store.Org) (*warp.Matcher, error) {
	orgView, err := s.Store.ViewerForOrg(ctx, org.ID)
	if err != nil {
		return nil, err
	}
	var runner *warp.Viewer
	if p.OrgID != org.ID {
		v, err := s.viewer(ctx, p)
		if err != nil {
			return nil, err
		}
		runner = &v
	}
	version, err := s.Store.IndicatorsVersion(ctx)
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%+v|%+v", orgView, runner)
	s.mu.Lock()
	c := s.matchers[key]
	s.mu.Unlock()
	if c != nil && c.version == version {
		return c.matcher, nil
	}
	var entries []warp.Entry
	shareOf := map[int64]*store.ShareRef{}
	var entryShare []int64
	err = s.Store.EachIndicator(ctx, orgView, store.IndicatorFilter{ActiveAt: s.Store.Now(), Limit: -1}, func(in store.SharedIndicator) error {
		entries = append(entries, warp.Entry{ID: in.ID, Indicator: in.Indicator})
		if runner != nil {
			if _, ok := shareOf[in.Share.ID]; !ok {
				sh := in.Share
				shareOf[in.Share.ID] = &sh
			}
			entryShare = append(entryShare, in.Share.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if runner != nil {
		entries, err = s.onlySeenBy(ctx, *runner, entries, entryShare, shareOf)
		if err != nil {
			return nil, err
		}
	}
	m := warp.NewMatcher(entries)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.matchers) >= maxCachedMatchers {
		for k := range s.matchers {
			delete(s.matchers, k)
			break
		}
	}
	s.matchers[key] = &cachedMatcher{version: version, matcher: m}
	return m, nil
}

// onlySeenBy keeps the entries whose share the viewer may see too.
func (s *Service) onlySeenBy(ctx context.Context, v warp.Viewer, entries []warp.Entry, entryShare []int64, shares map[int64]*store.ShareRef) ([]warp.Entry, error) {
	refs := make([]*store.ShareRef, 0, len(shares))
	for _, r := range shares {
		refs = append(refs, r)
	}
	if err := s.Store.FillAudiences(ctx, refs); err != nil {
		return nil, err
	}
	keep := entries[:0]
	for i, e := range entries {
		if v.Sees(shares[entryShare[i]].Share) {
			keep = append(keep, e)
		}
	}
	return slices.Clip(keep), nil
}

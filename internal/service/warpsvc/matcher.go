package warpsvc

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
	var entryShare []int64
	err = s.Store.ActiveIndicatorEntries(ctx, orgView, s.Store.Now(), func(e store.IndicatorEntry) {
		entries = append(entries, warp.Entry{ID: e.ID, Indicator: e.Indicator})
		if runner != nil {
			entryShare = append(entryShare, e.ShareID)
		}
	})
	if err != nil {
		return nil, err
	}
	if runner != nil {
		if entries, err = s.onlySeenBy(ctx, *runner, entries, entryShare); err != nil {
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
func (s *Service) onlySeenBy(ctx context.Context, v warp.Viewer, entries []warp.Entry, entryShare []int64) ([]warp.Entry, error) {
	ids := slices.Compact(slices.Sorted(slices.Values(entryShare)))
	shares, err := s.Store.SharesByID(ctx, v, ids)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for id, sh := range shares {
		seen[id] = v.Sees(sh.Share)
	}
	keep := entries[:0]
	for i, e := range entries {
		if seen[entryShare[i]] {
			keep = append(keep, e)
		}
	}
	return slices.Clip(keep), nil
}
